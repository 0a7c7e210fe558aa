/**
 * Fitting a record into a store's item-size limit: the record itself when it fits, else the first of the domain's
 * trimmed versions (lifecycle.ts `trimmedRecords`) that does. The store says how it measures an item.
 */
import { RecordTooLargeError } from '../receipts/errors.js';
import { trimmedRecords } from '../receipts/lifecycle.js';
import type { ReceiptRecord } from '../receipts/record.js';

export function fitRecord(
  record: ReceiptRecord,
  bytesOf: (record: ReceiptRecord) => number,
  maxBytes: number,
): ReceiptRecord {
  let bytes = bytesOf(record);
  if (bytes <= maxBytes) return record;
  for (const trimmed of trimmedRecords(record)) {
    bytes = bytesOf(trimmed);
    if (bytes <= maxBytes) return trimmed;
  }
  throw new RecordTooLargeError(record.receiptId, bytes, maxBytes);
}
