import { Aws } from 'aws-cdk-lib';
import type { StageConfig } from './stages.js';

/**
 * Physical names of the stored data, derived from the stage. Fixed names let the other stacks refer to the bucket
 * and table without CloudFormation exports (an export blocks changes to the exporting stack), and make IAM policies
 * and their reviewed cdk-nag acknowledgements readable (`.../receipt-ocr-prod-<account>-<region>/uploads/*`).
 */
export function receiptsBucketName(config: Pick<StageConfig, 'stage'>): string {
  return `receipt-ocr-${config.stage}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export function receiptsTableName(config: Pick<StageConfig, 'stage'>): string {
  return `receipt-ocr-${config.stage}-receipts`;
}

/** The bucket name as cdk-nag prints it in findings (pseudo parameters as `<AWS::...>`). */
export function receiptsBucketNameForFindings(config: Pick<StageConfig, 'stage'>): string {
  return `receipt-ocr-${config.stage}-<AWS::AccountId>-<AWS::Region>`;
}
