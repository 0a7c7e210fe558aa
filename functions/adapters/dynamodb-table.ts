/**
 * The receipts table as the DynamoDB adapter expects it (infra creates the same keys in CDK; the local stack and
 * the tests create it from this definition). The owner index projects its keys and the list filters' attributes.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { OWNER_INDEX } from './dynamodb-receipt-repository.js';
import { OWNER_INDEX_ATTRIBUTES } from './table-attributes.js';

export function receiptsTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: OWNER_INDEX,
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...OWNER_INDEX_ATTRIBUTES] },
      },
    ],
  };
}
