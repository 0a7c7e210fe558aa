/**
 * What a reader sees of a receipt record: the engine's values, the person's corrections beside them, which fields
 * were corrected, and the effective values (corrections win). Pipeline internals (leases, idempotency tokens,
 * bucket names) stay out. The API returns it (GET /receipts/{id} and the list) and a ReceiptSettled event carries
 * it, so an app that hears of a settled receipt has it without asking.
 */
import { LineItemSchema, ReceiptFieldsSchema } from '@receipt-ocr/engine/schema';
import * as z from 'zod';
import { CorrectedItemSchema, effectiveValues, type ReceiptRecord, ReceiptRecordSchema } from './record.js';

/** The values as the user sees them: corrections win over the engine's. */
export const EffectiveValuesSchema = z
  .object({
    fields: z.record(z.string(), z.string()),
    items: z.array(CorrectedItemSchema),
  })
  .meta({ id: 'EffectiveValues' });

/** The record's public part (ReceiptRecordSchema), plus the review view; pipeline internals are left out. */
export const ReceiptSchema = ReceiptRecordSchema.pick({
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  processedAt: true,
  fileName: true,
  itemsTruncated: true,
  confidence: true,
  textSummary: true,
  language: true,
  image: true,
  timings: true,
  engine: true,
  error: true,
  corrections: true,
  reprocessRequestedAt: true,
  duplicateOf: true,
  partOf: true,
})
  .extend({
    id: z.string(),
    contentType: z.string().optional(),
    size: z.number().int().nonnegative().optional(),
    fields: ReceiptFieldsSchema.meta({ description: "The engine's values (never overwritten)" }),
    items: z.array(LineItemSchema),
    correctedFields: z
      .array(z.string())
      .meta({ description: 'Fields a person changed ("items" when the item list was edited)' }),
    effective: EffectiveValuesSchema,
  })
  .meta({ id: 'Receipt' });

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
