import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { RECEIPTS_TABLE_KEYS } from '../../functions/contract/table.js';
import { receiptsBucketName, receiptsTableName } from '../config/resource-names.js';
import type { StageConfig } from '../config/stages.js';

/**
 * The storage stack's bucket and table, referenced by their fixed names from another stack. Grants on these stay
 * in the referencing stack (role policies), and the bucket notification added to the imported bucket is created
 * there too, so the storage stack depends on nothing.
 */
export function referenceStorage(
  scope: Construct,
  config: StageConfig,
): { bucket: s3.IBucket; table: dynamodb.ITableV2 } {
  return {
    bucket: s3.Bucket.fromBucketName(scope, 'ReceiptsBucket', receiptsBucketName(config)),
    table: dynamodb.TableV2.fromTableAttributes(scope, 'ReceiptsTable', {
      tableName: receiptsTableName(config),
      globalIndexes: [RECEIPTS_TABLE_KEYS.ownerIndex],
    }),
  };
}
