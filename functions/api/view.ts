/**
 * What the API shows of a receipt record: the engine's values, the person's corrections beside them, which fields
 * were corrected, and the effective values (corrections win). Pipeline internals (leases, idempotency tokens,
 * bucket names) stay out of responses.
 */
import type { z } from 'zod';
import type { LineItem } from '../engine/schema.js';
import type { CorrectedItem, ReceiptRecord } from '../receipts/record.js';
import type { ReceiptSchema } from './schemas.js';

export type ReceiptView = z.infer<typeof ReceiptSchema>;

function plainItem(item: LineItem): CorrectedItem {
  return {
    description: item.description,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    amount: item.amount,
  };
}

function effectiveValues(record: ReceiptRecord): ReceiptView['effective'] {
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(record.fields ?? {})) {
    if (field) fields[name] = String(field.value);
  }
  for (const [name, value] of Object.entries(record.corrections?.fields ?? {})) {
    if (value === null || value === undefined) delete fields[name];
    else fields[name] = value;
  }
  const items = record.corrections?.items ?? (record.items ?? []).map(plainItem);
  return { fields, items };
}

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
