import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDbReceiptRepository,
  MAX_ITEM_BYTES,
  receiptKey,
} from '../../functions/adapters/dynamodb-receipt-repository.js';
import { InMemoryReceiptRepository } from '../../functions/adapters/memory-receipt-repository.js';
import {
  InvalidCursorError,
  RecordTooLargeError,
  VersionConflictError,
} from '../../functions/receipts/errors.js';
import type { ReceiptRepository } from '../../functions/receipts/ports.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { type LocalAws, startLocalAws } from '../support/local-aws.js';

let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws.stop();
});

function record(ownerId: string, n: number, extra: Partial<ReceiptRecord> = {}): ReceiptRecord {
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  return {
    receiptId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ownerId,
    status: 'COMPLETED',
    version: 1,
    createdAt,
    updatedAt: createdAt,
    source: { bucket: 'b', key: `uploads/${ownerId}/${n}.jpg` },
    attempts: 1,
    ...extra,
  };
}

function merchant(value: string) {
  return { value, confidence: 0.9, text: value, bbox: null };
}

describe('DynamoDB fingerprints', () => {
  it('claims a fingerprint seen for the first time with one conditional put and no read', async () => {
    // Prepare: the commands the real client sends to dynalite, by name
    const sent: string[] = [];
    const client = aws.clients.dynamodb;
    const name = 'count-fingerprint-commands';
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name },
    );
    const repository = new DynamoDbReceiptRepository(client, aws.storageConfig.table);
    const first = record('hana', 401);
    const second = record('hana', 402);
    await repository.put(first, { expectedVersion: undefined });
    await repository.put(second, { expectedVersion: undefined });
    sent.length = 0;

    try {
      // Act + Assess
      expect(await repository.claimFingerprint('hana', 'sha256:def', first.receiptId)).toBeUndefined();
      expect(sent).toEqual(['PutItemCommand']);
      sent.length = 0;
      expect(await repository.claimFingerprint('hana', 'sha256:def', second.receiptId)).toBe(first.receiptId);
      expect(sent).toEqual(['PutItemCommand', 'GetItemCommand', 'GetItemCommand']);
    } finally {
      client.middlewareStack.remove(name);
    }
  });
});

// The same contract for both implementations: the in-memory one stands in for DynamoDB in service tests.
describe.each([
  ['DynamoDB (dynalite)', () => new DynamoDbReceiptRepository(aws.clients.dynamodb, aws.storageConfig.table)],
  ['in memory', () => new InMemoryReceiptRepository()],
])('%s receipt repository', (_name, create: () => ReceiptRepository) => {
  it('writes only when the expected version matches', async () => {
    // Prepare
    const repository = create();
    const first = record('alice', 1);
    await repository.put(first, { expectedVersion: undefined });

    // Act + Assess
    await expect(repository.put(first, { expectedVersion: undefined })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await expect(repository.put({ ...first, version: 3 }, { expectedVersion: 2 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await repository.put({ ...first, version: 2, status: 'FAILED' }, { expectedVersion: 1 });
    expect(await repository.get(first.receiptId)).toEqual({ ...first, version: 2, status: 'FAILED' });
    await expect(repository.delete(first.receiptId, { expectedVersion: 1 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await repository.delete(first.receiptId, { expectedVersion: 2 });
    expect(await repository.get(first.receiptId)).toBeUndefined();
  });

  it('gives a fingerprint to the first receipt of an owner that claims it, until that receipt is deleted', async () => {
    // Prepare
    const repository = create();
    const first = record('fiona', 101);
    const second = record('fiona', 102);
    for (const each of [first, second, record('gus', 103)])
      await repository.put(each, { expectedVersion: undefined });

    // Act + Assess
    expect(await repository.claimFingerprint('fiona', 'sha256:abc', first.receiptId)).toBeUndefined();
    expect(await repository.claimFingerprint('fiona', 'sha256:abc', first.receiptId)).toBeUndefined();
    expect(await repository.claimFingerprint('fiona', 'sha256:abc', second.receiptId)).toBe(first.receiptId);
    expect(
      await repository.claimFingerprint('gus', 'sha256:abc', record('gus', 103).receiptId),
    ).toBeUndefined();
    await repository.delete(first.receiptId);
    expect(await repository.claimFingerprint('fiona', 'sha256:abc', second.receiptId)).toBeUndefined();
  });

  it("lists one owner's receipts newest first with cursors and filters", async () => {
    // Prepare: 7 for bob, with merchants and dates; one for carol
    const repository = create();
    for (let n = 10; n < 17; n += 1) {
      await repository.put(
        record('bob', n, {
          status: n % 2 === 0 ? 'COMPLETED' : 'FAILED',
          fields: {
            merchantName: merchant(n < 13 ? 'Corner Cafe' : 'Fuel Stop'),
            transactionDate: { value: `2026-02-${n}`, confidence: 0.9, text: '', bbox: null },
          },
        }),
        { expectedVersion: undefined },
      );
    }
    await repository.put(record('carol', 20), { expectedVersion: undefined });

    // Act: page through all of bob's
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repository.listByOwner({ ownerId: 'bob', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      ids.push(...page.items.map((item) => item.receiptId.slice(-2)));
      cursor = page.nextCursor;
    } while (cursor);

    // Assess
    expect(ids).toEqual(['16', '15', '14', '13', '12', '11', '10']);
    const cafes = await repository.listByOwner({
      ownerId: 'bob',
      limit: 10,
      merchant: 'cafe',
      status: 'COMPLETED',
    });
    expect(cafes.items.map((item) => item.receiptId.slice(-2))).toEqual(['12', '10']);
    const dated = await repository.listByOwner({
      ownerId: 'bob',
      limit: 2,
      from: '2026-02-11',
      to: '2026-02-14',
    });
    expect(dated.items.map((item) => item.receiptId.slice(-2))).toEqual(['14', '13']);
    const rest = await repository.listByOwner({
      ownerId: 'bob',
      limit: 2,
      from: '2026-02-11',
      to: '2026-02-14',
      ...(dated.nextCursor ? { cursor: dated.nextCursor } : {}),
    });
    expect(rest.items.map((item) => item.receiptId.slice(-2))).toEqual(['12', '11']);
    await expect(
      repository.listByOwner({ ownerId: 'bob', limit: 2, cursor: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe.each([
  ['DynamoDB (dynalite)', () => new DynamoDbReceiptRepository(aws.clients.dynamodb, aws.storageConfig.table)],
  ['in memory, with a limit', () => new InMemoryReceiptRepository({ maxRecordBytes: MAX_ITEM_BYTES })],
])('%s receipt repository, a record larger than an item', (_name, create: () => ReceiptRepository) => {
  const line = (text: string) => ({
    description: text,
    quantity: '1',
    unitPrice: '1.00',
    amount: '1.00',
    confidence: 0.9,
    text,
    bbox: null,
  });
  const total = { value: '1.00', confidence: 0.9, text: '1.00', bbox: null };

  it("drops the engine's items, never fields or corrections, and returns what it stored", async () => {
    // Prepare: 3,000 long items are far over DynamoDB's 400 KB
    const repository = create();
    const huge = record('hugo', 201, {
      items: Array.from({ length: 3000 }, () => line('X'.repeat(200))),
      fields: { total },
      corrections: { fields: { merchantName: 'Corner Shop' }, correctedAt: '2026-01-02T00:00:00.000Z' },
    });

    // Act
    const stored = await repository.put(huge, { expectedVersion: undefined });

    // Assess
    expect(stored.itemsTruncated).toBe(true);
    expect(stored.items?.length).toBeGreaterThan(0);
    expect(stored.items?.length).toBeLessThan(3000);
    expect(stored.fields).toEqual(huge.fields);
    expect(stored.corrections).toEqual(huge.corrections);
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(MAX_ITEM_BYTES);
    expect(await repository.get(huge.receiptId)).toEqual(stored);
  });

  it('keeps a record that fits as it is', async () => {
    const repository = create();
    const small = record('hugo', 202, { items: [line('Bread')], fields: { total } });
    expect(await repository.put(small, { expectedVersion: undefined })).toEqual(small);
    expect(await repository.get(small.receiptId)).toEqual(small);
  });

  it('refuses a record whose corrections alone are too large, and stores nothing', async () => {
    const repository = create();
    const corrected = record('hugo', 203, {
      corrections: {
        fields: {},
        items: Array.from({ length: 2000 }, () => ({
          description: 'Z'.repeat(200),
          quantity: '1',
          unitPrice: '1.00',
          amount: '1.00',
        })),
        correctedAt: '2026-01-02T00:00:00.000Z',
      },
    });

    await expect(repository.put(corrected, { expectedVersion: undefined })).rejects.toBeInstanceOf(
      RecordTooLargeError,
    );
    expect(await repository.get(corrected.receiptId)).toBeUndefined();
  });
});

it('measures the DynamoDB item with its keys and index attributes, as written', async () => {
  const repository = new DynamoDbReceiptRepository(aws.clients.dynamodb, aws.storageConfig.table);
  const huge = record('iris', 301, {
    items: Array.from({ length: 2000 }, () => ({
      description: 'X'.repeat(150),
      quantity: '1',
      unitPrice: '1.00',
      amount: '1.00',
      confidence: 0.9,
      text: 'X'.repeat(150),
      bbox: null,
    })),
  });
  await repository.put(huge, { expectedVersion: undefined });
  const { Item } = await aws.clients.dynamodb.send(
    new GetCommand({ TableName: aws.storageConfig.table, Key: receiptKey(huge.receiptId) }),
  );
  expect(Item?.GSI1PK).toBe('OWNER#iris');
  expect(Buffer.byteLength(JSON.stringify(Item))).toBeLessThanOrEqual(MAX_ITEM_BYTES);
});
