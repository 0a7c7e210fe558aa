import type { ReceiptRecord } from '../../functions/receipts/record.js';

export const RECORD_ID = '5b0c8a52-3c1e-4f7a-9d2b-1e4f5a6b7c8d';

/** A COMPLETED record of alice's as the pipeline stores it, with `overrides`. */
export function storedRecord(overrides: Partial<ReceiptRecord> = {}): ReceiptRecord {
  return {
    receiptId: RECORD_ID,
    ownerId: 'alice',
    status: 'COMPLETED',
    version: 3,
    createdAt: '2026-03-01T11:00:00.000Z',
    updatedAt: '2026-03-01T11:00:00.000Z',
    source: { bucket: 'b', key: `uploads/alice/${RECORD_ID}.jpg` },
    sourceToken: 'etag-1',
    attempts: 1,
    ...overrides,
  };
}
