/**
 * QuotaCounter on the receipts table: one item per owner and UTC day (PK = QUOTA#{ownerId}, SK = DAY#{yyyy-mm-dd}),
 * incremented by a conditional update so concurrent requests can never pass the limit. The item expires by TTL.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RECEIPTS_TABLE_KEYS } from '../contract/table.js';
import type { QuotaCounter } from '../receipts/quota.js';

export function quotaKey(ownerId: string, day: string): { PK: string; SK: string } {
  return { PK: `QUOTA#${ownerId}`, SK: `DAY#${day}` };
}

export class DynamoDbQuotaCounter implements QuotaCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async tryConsume(input: {
    ownerId: string;
    day: string;
    limit: number;
    expiresAt: Date;
  }): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: quotaKey(input.ownerId, input.day),
          UpdateExpression: 'ADD #used :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#used) OR #used < :limit',
          ExpressionAttributeNames: { '#used': 'used', '#ttl': RECEIPTS_TABLE_KEYS.ttl },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': input.limit,
            ':ttl': Math.floor(input.expiresAt.getTime() / 1000),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
