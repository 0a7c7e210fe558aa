/**
 * The receipts table as the DynamoDB adapter expects it (infra creates the same keys in CDK; the local stack and
 * the tests create it from this definition). The owner index projects its keys and the list filters' attributes.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { RECEIPTS_TABLE_KEYS as KEYS, OWNER_INDEX_ATTRIBUTES } from '../contract/table.js';

export function receiptsTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: KEYS.partitionKey, AttributeType: 'S' },
      { AttributeName: KEYS.sortKey, AttributeType: 'S' },
      { AttributeName: KEYS.ownerPartitionKey, AttributeType: 'S' },
      { AttributeName: KEYS.ownerSortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: KEYS.ownerIndex,
        KeySchema: [
          { AttributeName: KEYS.ownerPartitionKey, KeyType: 'HASH' },
          { AttributeName: KEYS.ownerSortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...OWNER_INDEX_ATTRIBUTES] },
      },
    ],
  };
}
