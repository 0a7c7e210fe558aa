import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbQuotaCounter, quotaKey } from '../../functions/adapters/dynamodb-quota-counter.js';
import {
  DynamoDbReceiptRepository,
  receiptKey,
} from '../../functions/adapters/dynamodb-receipt-repository.js';
import { RECEIPTS_TABLE_KEYS } from '../../functions/contract/table.js';

const TTL_ATTRIBUTE = RECEIPTS_TABLE_KEYS.ttl;

import { errorResponse } from '../../functions/api/errors.js';
import { DailyQuota, QuotaExceededError } from '../../functions/receipts/quota.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { type LocalAws, startLocalAws } from '../support/local-aws.js';

let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws.stop();
});

async function rawItem(key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  const { Item } = await aws.clients.dynamodb.send(
    new GetCommand({ TableName: aws.storageConfig.table, Key: key, ConsistentRead: true }),
  );
  return Item;
}

describe('daily receipt quota on DynamoDB (dynalite)', () => {
  const counter = () => new DynamoDbQuotaCounter(aws.clients.dynamodb, aws.storageConfig.table);

  it('allows the limit per UTC day, then refuses with the seconds until midnight; the counter expires', async () => {
    // Prepare
    const quota = new DailyQuota(counter(), 3);
    const evening = new Date('2026-03-04T22:30:00Z');

    // Act
    for (let use = 0; use < 3; use++) await quota.consume('quota-alice', evening);
    const refused = await quota.consume('quota-alice', evening).catch((error: unknown) => error);

    // Assess
    expect(refused).toBeInstanceOf(QuotaExceededError);
    expect(refused).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 3, retryAfterSeconds: 5400 });
    expect(await rawItem(quotaKey('quota-alice', '2026-03-04'))).toEqual({
      ...quotaKey('quota-alice', '2026-03-04'),
      used: 3,
      [TTL_ATTRIBUTE]: Date.parse('2026-03-06T00:00:00Z') / 1000,
    });
    await expect(quota.consume('quota-bob', evening)).resolves.toBeUndefined();
    await expect(quota.consume('quota-alice', new Date('2026-03-05T00:00:01Z'))).resolves.toBeUndefined();
  });

  it('never lets concurrent requests pass the limit', async () => {
    // Prepare
    const quota = new DailyQuota(counter(), 5);
    const now = new Date('2026-03-04T12:00:00Z');

    // Act
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => quota.consume('quota-carol', now)),
    );

    // Assess
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(7);
    expect(await rawItem(quotaKey('quota-carol', '2026-03-04'))).toMatchObject({ used: 5 });
  });

  it('answers a used-up quota with 429 and Retry-After', () => {
    const response = errorResponse(new QuotaExceededError(500, 5400));
    expect(response).toMatchObject({
      statusCode: 429,
      headers: { 'Retry-After': '5400' },
      body: {
        error: { code: 'QUOTA_EXCEEDED', message: expect.stringMatching(/daily limit of 500 receipts/) },
      },
      internal: false,
    });
  });
});

/** A record whose upload URL was just issued. */
function pendingRecord(receiptId: string, ownerId: string): ReceiptRecord {
  const createdAt = '2026-03-04T12:00:00.000Z';
  return {
    receiptId,
    ownerId,
    status: 'PENDING',
    version: 1,
    createdAt,
    updatedAt: createdAt,
    source: { bucket: 'b', key: `uploads/${ownerId}/${receiptId}.jpg` },
    attempts: 0,
  };
}

describe('record expiry (dynalite)', () => {
  it('dates every later write of a record, and its duplicate fingerprints, to the retention horizon', async () => {
    // Prepare
    const retentionSeconds = 365 * 86_400;
    const repository = new DynamoDbReceiptRepository(aws.clients.dynamodb, aws.storageConfig.table, {
      pendingTtlSeconds: 7 * 86_400,
      retentionSeconds,
    });
    const pending = pendingRecord('00000000-0000-4000-8000-00000000e002', 'ttl-bob');
    const { createdAt } = pending;
    const horizon = Date.parse(createdAt) / 1000 + retentionSeconds;

    // Act
    await repository.put(pending, { expectedVersion: undefined });
    const whilePending = await rawItem(receiptKey(pending.receiptId));
    await repository.put({ ...pending, status: 'PROCESSING', version: 2 }, { expectedVersion: 1 });
    const afterClaim = await rawItem(receiptKey(pending.receiptId));
    await repository.put({ ...pending, status: 'COMPLETED', version: 3 }, { expectedVersion: 2 });
    const settled = await rawItem(receiptKey(pending.receiptId));
    const before = Math.floor(Date.now() / 1000);
    await repository.claimFingerprint('ttl-bob', 'sha256:abc', pending.receiptId);
    const fingerprint = await rawItem({ PK: 'FINGERPRINT#ttl-bob#sha256:abc', SK: 'FINGERPRINT' });

    // Assess
    expect(whilePending?.[TTL_ATTRIBUTE]).toBe(Date.parse(createdAt) / 1000 + 7 * 86_400);
    expect(afterClaim?.[TTL_ATTRIBUTE]).toBe(horizon);
    expect(settled?.[TTL_ATTRIBUTE]).toBe(horizon);
    expect(fingerprint?.[TTL_ATTRIBUTE]).toBeGreaterThanOrEqual(before + retentionSeconds);
    expect(fingerprint?.[TTL_ATTRIBUTE]).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + retentionSeconds);
  });

  it('gives a PENDING record a TTL and, without a retention, drops it when processing claims the record', async () => {
    // Prepare
    const repository = new DynamoDbReceiptRepository(aws.clients.dynamodb, aws.storageConfig.table, {
      pendingTtlSeconds: 7 * 86_400,
    });
    const pending = pendingRecord('00000000-0000-4000-8000-00000000e001', 'ttl-alice');
    const { createdAt } = pending;

    // Act
    await repository.put(pending, { expectedVersion: undefined });
    const whilePending = await rawItem(receiptKey(pending.receiptId));
    await repository.put({ ...pending, status: 'PROCESSING', version: 2 }, { expectedVersion: 1 });
    const afterClaim = await rawItem(receiptKey(pending.receiptId));

    // Assess
    expect(whilePending?.[TTL_ATTRIBUTE]).toBe(Date.parse(createdAt) / 1000 + 7 * 86_400);
    expect(afterClaim).toMatchObject({ status: 'PROCESSING' });
    expect(afterClaim).not.toHaveProperty(TTL_ATTRIBUTE);
    expect(await repository.get(pending.receiptId)).not.toHaveProperty(TTL_ATTRIBUTE);
  });
});
