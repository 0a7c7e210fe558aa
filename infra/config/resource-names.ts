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

/** The custom EventBridge bus of the stage's ReceiptSettled events. */
export function receiptEventBusName(config: Pick<StageConfig, 'stage'>): string {
  return `receipt-ocr-${config.stage}-receipts`;
}

/**
 * ARN parts as cdk-nag prints them in findings: pseudo parameters as `<AWS::...>`, or the literal values when the
 * stage pins its account and region (CDK then resolves the stack's partition, region and account).
 */
export function arnPartsForFindings(config: Pick<StageConfig, 'account' | 'region'>): {
  partition: string;
  region: string;
  account: string;
} {
  const { account, region } = config;
  if (account === undefined || region === undefined) {
    return { partition: '<AWS::Partition>', region: '<AWS::Region>', account: '<AWS::AccountId>' };
  }
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return { partition, region, account };
}

/** The bucket name as cdk-nag prints it in findings (pseudo parameters as `<AWS::...>`). */
export function receiptsBucketNameForFindings(config: Pick<StageConfig, 'stage'>): string {
  return `receipt-ocr-${config.stage}-<AWS::AccountId>-<AWS::Region>`;
}
