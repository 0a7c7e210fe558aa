import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';

/**
 * An owner index read while its records are rewritten may return a key twice (it is eventually consistent), and
 * BatchGetItem refuses a key list with a key twice. That race cannot be provoked on dynalite at will, so a stub
 * client answers the two calls as DynamoDB would.
 */
function stubClient(batchKeys: string[][], positions: readonly string[]): DynamoDBDocumentClient {
  const send = async (command: unknown) => {
    if (command instanceof QueryCommand) return { Items: positions.map((GSI1SK) => ({ GSI1SK })) };
    if (command instanceof BatchGetCommand) {
      const keys = (command.input.RequestItems?.receipts?.Keys ?? []).map((key) => String(key.PK));
      if (new Set(keys).size !== keys.length)
        throw new Error('Provided list of item keys contains duplicates');
      batchKeys.push(keys);
      return { Responses: { receipts: [] } };
    }
    throw new Error('unexpected command');
  };
  return { send } as unknown as DynamoDBDocumentClient;
}

describe('DynamoDbReceiptRepository.listByOwner', () => {
  it('reads each record of a page once when the index gives its key twice', async () => {
    const batchKeys: string[][] = [];
    const repository = new DynamoDbReceiptRepository(
      stubClient(batchKeys, ['2026-01-02#b', '2026-01-01#a', '2026-01-01#a']),
      'receipts',
    );

    const page = await repository.listByOwner({ ownerId: 'alice', limit: 10 });

    expect(page.items).toEqual([]);
    expect(batchKeys).toEqual([['RECEIPT#b', 'RECEIPT#a']]);
  });

  it('reads a record once when the index gives it under its old and its new position', async () => {
    const batchKeys: string[][] = [];
    const repository = new DynamoDbReceiptRepository(
      stubClient(batchKeys, ['2026-01-03#a', '2026-01-02#b', '2026-01-01#a']),
      'receipts',
    );

    await repository.listByOwner({ ownerId: 'alice', limit: 10 });

    expect(batchKeys).toEqual([['RECEIPT#a', 'RECEIPT#b']]);
  });
});
