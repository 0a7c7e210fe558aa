/** ARNs of the dev stage's bucket and table as flattened by support/policies.ts. */
export const DEV_BUCKET_ARN = 'arn:<AWS::Partition>:s3:::receipt-ocr-dev-<AWS::AccountId>-<AWS::Region>';
export const DEV_TABLE_ARN =
  'arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/receipt-ocr-dev-receipts';
