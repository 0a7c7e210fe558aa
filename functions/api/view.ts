/**
 * What the API shows of a receipt record: the engine's values, the person's corrections beside them, which fields
 * were corrected, and the effective values (corrections win). Pipeline internals (leases, idempotency tokens,
 * bucket names) stay out of responses.
 */
import type { z } from 'zod';
import { effectiveValues, type ReceiptRecord } from '../receipts/record.js';
import type { ReceiptSchema } from './schemas.js';

export type ReceiptView = z.infer<typeof ReceiptSchema>;

export function toReceiptView(record: ReceiptRecord): ReceiptView {
  const corrections = record.corrections;
  return {
    id: record.receiptId,
    status: record.status,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.processedAt ? { processedAt: record.processedAt } : {}),
    ...(record.fileName ? { fileName: record.fileName } : {}),
    ...(record.source.contentType ? { contentType: record.source.contentType } : {}),
    ...(record.source.size === undefined ? {} : { size: record.source.size }),
    fields: record.fields ?? {},
    items: record.items ?? [],
    ...(record.itemsTruncated ? { itemsTruncated: true } : {}),
    ...(record.confidence === undefined ? {} : { confidence: record.confidence }),
    ...(record.textSummary === undefined ? {} : { textSummary: record.textSummary }),
    ...(record.language ? { language: record.language } : {}),
    ...(record.image ? { image: record.image } : {}),
    ...(record.timings ? { timings: record.timings } : {}),
    ...(record.engine ? { engine: record.engine } : {}),
    ...(record.error ? { error: record.error } : {}),
    ...(corrections ? { corrections } : {}),
    ...(record.reprocessRequestedAt ? { reprocessRequestedAt: record.reprocessRequestedAt } : {}),
    ...(record.duplicateOf ? { duplicateOf: record.duplicateOf } : {}),
    ...(record.partOf ? { partOf: record.partOf } : {}),
    correctedFields: [...Object.keys(corrections?.fields ?? {}), ...(corrections?.items ? ['items'] : [])],
    effective: effectiveValues(record),
  };
}
