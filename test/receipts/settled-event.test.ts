import { describe, expect, it } from 'vitest';
import { SETTLED_RECEIPT_MAX_BYTES } from '../../functions/contract/events.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { settledEvent } from '../../functions/receipts/service.js';
import { toReceiptView } from '../../functions/receipts/view.js';
import { RECORD_ID, storedRecord } from '../support/records.js';

const ID = RECORD_ID;

function completed(itemCount: number): ReceiptRecord {
  return storedRecord({
    updatedAt: '2026-03-01T11:00:07.000Z',
    source: { bucket: 'b', key: `uploads/alice/${ID}.jpg`, contentType: 'image/jpeg', size: 48_211 },
    fields: {
      total: { value: '12.40', confidence: 0.93, text: 'TOTAL 12.40', bbox: null },
      merchantName: { value: 'BÄCKEREI KRAUSE', confidence: 0.88, text: 'BÄCKEREI KRAUSE', bbox: null },
    },
    items: Array.from({ length: itemCount }, (_, index) => ({
      description: `Vollkornbrot geschnitten ${index}`,
      quantity: '1',
      unitPrice: '3.10',
      amount: '3.10',
      confidence: 0.9,
      text: `Vollkornbrot geschnitten ${index} 3,10 A`,
      bbox: { x0: 10, y0: 20 * index, x1: 400, y1: 20 * index + 18 },
    })),
    corrections: { fields: { total: '12.45' }, correctedAt: '2026-03-01T11:02:00.000Z' },
  });
}

describe('settledEvent', () => {
  it('carries the receipt as GET /receipts/{id} returns it, corrections and effective values included', () => {
    const record = completed(4);

    const event = settledEvent(record);

    expect(event).toEqual({
      receiptId: ID,
      ownerId: 'alice',
      status: 'COMPLETED',
      version: 3,
      settledAt: '2026-03-01T11:00:07.000Z',
      receipt: toReceiptView(record),
    });
    expect(event.receipt?.effective.fields.total).toBe('12.45');
    expect(event.receipt?.items).toHaveLength(4);
  });

  it('leaves out a receipt whose JSON is over the limit, so the event stays one billed EventBridge event', () => {
    // About 200 bytes an item (and its effective copy): 200 items fit, 400 do not.
    const fits = completed(200);
    const tooLong = completed(400);
    expect(Buffer.byteLength(JSON.stringify(toReceiptView(fits)))).toBeLessThanOrEqual(
      SETTLED_RECEIPT_MAX_BYTES,
    );
    expect(Buffer.byteLength(JSON.stringify(toReceiptView(tooLong)))).toBeGreaterThan(
      SETTLED_RECEIPT_MAX_BYTES,
    );

    expect(settledEvent(fits).receipt).toEqual(toReceiptView(fits));
    const event = settledEvent(tooLong);
    expect(event).not.toHaveProperty('receipt');
    expect(event).toMatchObject({ receiptId: ID, status: 'COMPLETED', version: 3 });
  });
});
