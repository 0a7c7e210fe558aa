/**
 * ReceiptApiService.correct against a store with an item-size limit (the in-memory repository with a small limit
 * stands in for DynamoDB's; the DynamoDB adapter's own fitting is tested against dynalite in test/adapters): the
 * engine's items give way to the corrections, and corrections too large to store are refused with a code.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryReceiptRepository } from '../../functions/adapters/memory-receipt-repository.js';
import { ReceiptTooLargeError } from '../../functions/receipts/api-service.js';
import { completedRecord } from '../../tools/samples/receipt-records.js';
import { repositoryOnlyService } from './repository-only-service.js';

const LIMIT = 30_000;

async function serviceWith(items: number) {
  const repository = new InMemoryReceiptRepository({ maxRecordBytes: LIMIT });
  const record = completedRecord({ ownerId: 'alice', createdAt: '2026-03-01T12:00:00.000Z', bucket: 'b' });
  const engineItem = {
    description: 'E'.repeat(50),
    quantity: '1',
    unitPrice: '1.00',
    amount: '1.00',
    confidence: 0.9,
    text: 'E'.repeat(50),
    bbox: null,
  };
  const stored = await repository.put(
    { ...record, items: Array.from({ length: items }, () => engineItem) },
    { expectedVersion: undefined },
  );
  const service = repositoryOnlyService(repository, () => new Date('2026-03-02T08:00:00.000Z'));
  return { repository, service, stored };
}

const corrected = (count: number, length: number) =>
  Array.from({ length: count }, () => ({
    description: 'C'.repeat(length),
    quantity: '1',
    unitPrice: '2.00',
    amount: '2.00',
  }));

describe('ReceiptApiService.correct, with a store that limits item size', () => {
  it("returns the record as stored: the engine's items trimmed, the corrections whole", async () => {
    const { repository, service, stored } = await serviceWith(100);
    expect(stored.items).toHaveLength(100);

    const result = await service.correct('alice', stored.receiptId, {
      expectedVersion: stored.version,
      items: corrected(60, 150),
    });

    expect(result.itemsTruncated).toBe(true);
    expect(result.items?.length).toBeLessThan(100);
    expect(result.corrections?.items).toHaveLength(60);
    expect(result.corrections?.correctedAt).toBe('2026-03-02T08:00:00.000Z');
    expect(await repository.get(stored.receiptId)).toEqual(result);
  });

  it('refuses corrections that do not fit even without the engine items with RECEIPT_TOO_LARGE', async () => {
    const { repository, service, stored } = await serviceWith(10);

    const attempt = service.correct('alice', stored.receiptId, {
      expectedVersion: stored.version,
      items: corrected(200, 200),
    });

    await expect(attempt).rejects.toBeInstanceOf(ReceiptTooLargeError);
    await expect(attempt).rejects.toMatchObject({ code: 'RECEIPT_TOO_LARGE' });
    expect(await repository.get(stored.receiptId)).toEqual(stored);
  });
});
