import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { removalPolicyOf } from '../config/removal.js';
import { receiptsBucketName, receiptsTableName } from '../config/resource-names.js';
import type { StageConfig } from '../config/stages.js';
import { ReceiptsBucket } from '../constructs/receipts-bucket.js';
import { ReceiptsTable } from '../constructs/receipts-table.js';

export interface StorageStackProps extends StackProps {
  readonly config: StageConfig;
}

/** The data that outlives code changes: the receipts bucket (images, OCR output) and the receipts table. */
export class StorageStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = removalPolicyOf(config);

    const receipts = new ReceiptsBucket(this, 'Receipts', {
      bucketName: receiptsBucketName(config),
      browserOrigins: config.api.corsAllowedOrigins,
      uploadPrefix: config.storage.uploadPrefix,
      resultsPrefix: config.storage.resultsPrefix,
      retentionDays: config.storage.retentionDays,
      ...(config.storage.imageTiering ? { imageTiering: config.storage.imageTiering } : {}),
      noncurrentVersionExpiryDays: config.storage.noncurrentVersionExpiryDays,
      removalPolicy,
    });
    this.bucket = receipts.bucket;
    this.table = new ReceiptsTable(this, 'ReceiptsTable', {
      tableName: receiptsTableName(config),
      removalPolicy,
    }).table;

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Receipts bucket' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'Receipts table' });
  }
}
