/**
 * Request and response schemas of the REST API (zod). Handlers validate requests with them, the OpenAPI document
 * is generated from them (openapi.ts), and the tests check real responses against them: one source for all three.
 */

import { EngineResultSchema, IsoDateSchema } from '@receipt-ocr/engine/schema';
import * as z from 'zod';
import { UPLOAD_CONTENT_TYPES, type UploadContentType } from '../contract/media-types.js';
import {
  CORRECTION_LIMITS,
  CorrectedFieldsSchema,
  CorrectedItemSchema,
  RECEIPT_STATUSES,
  userTextSchema,
} from '../receipts/record.js';
import { EffectiveValuesSchema, ReceiptSchema } from '../receipts/view.js';

export { EffectiveValuesSchema, ReceiptSchema };

const contentTypes = Object.keys(UPLOAD_CONTENT_TYPES) as [UploadContentType, ...UploadContentType[]];

// ---- requests -------------------------------------------------------------------------------------------------

export const CreateReceiptRequestSchema = z
  .object({
    contentType: z.enum(contentTypes).meta({ description: 'Content-Type of the image you will upload' }),
    fileName: z
      .string()
      .trim()
      .pipe(userTextSchema(255))
      .optional()
      .meta({ description: 'Your name for the file (one line, no control characters)' }),
  })
  .strict()
  .meta({ id: 'CreateReceiptRequest' });

export const MAX_PAGE_SIZE = 100;

/** The filters of a listing and of an export: the same meaning in both. */
const receiptFilters = {
  status: z.enum(RECEIPT_STATUSES).optional(),
  from: IsoDateSchema.optional().meta({ description: 'Earliest transaction date, inclusive (YYYY-MM-DD)' }),
  to: IsoDateSchema.optional().meta({ description: 'Latest transaction date, inclusive (YYYY-MM-DD)' }),
  merchant: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Case-insensitive part of the merchant name' }),
};
const datesInOrder: [
  (query: { from?: string | undefined; to?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [
  (query) => !query.from || !query.to || query.from <= query.to,
  { message: '"from" must not be after "to"', path: ['from'] },
];

export const ListReceiptsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    cursor: z.string().min(1).max(2048).optional().meta({ description: 'nextCursor of the previous page' }),
    ...receiptFilters,
  })
  .strict()
  .refine(...datesInOrder);

export const EXPORT_FORMATS = ['csv', 'json'] as const;

/** GET /receipts/export: the list filters, no paging (every match), and the format. */
export const ExportReceiptsQuerySchema = z
  .object({
    format: z
      .enum(EXPORT_FORMATS)
      .default('csv')
      .meta({ description: 'csv (one row per receipt, text/csv) or json (with the line items)' }),
    ...receiptFilters,
  })
  .strict()
  .refine(...datesInOrder);

export const UpdateReceiptRequestSchema = z
  .object({
    version: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'The version you edited (alternative to the If-Match header)' }),
    fields: CorrectedFieldsSchema.strict()
      .optional()
      .meta({ description: 'Corrected field values; null removes a value the engine found' }),
    items: z
      .array(CorrectedItemSchema.strict())
      .max(CORRECTION_LIMITS.items)
      .optional()
      .meta({ description: 'The full corrected item list (replaces the items)' }),
  })
  .strict()
  .refine((body) => body.fields !== undefined || body.items !== undefined, {
    message: 'send "fields", "items" or both',
  })
  .meta({ id: 'UpdateReceiptRequest' });

export const ReprocessRequestSchema = z
  .object({
    keepCorrections: z
      .boolean()
      .default(true)
      .meta({ description: 'Keep corrections beside the new engine values (status REVIEWED)' }),
  })
  .strict()
  .meta({ id: 'ReprocessRequest' });

// ---- responses ------------------------------------------------------------------------------------------------

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: z.string().meta({ description: 'What was wrong and what to do' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const CreateReceiptResponseSchema = z
  .object({
    id: z.string(),
    status: z.literal('PENDING'),
    version: z.number().int().positive(),
    upload: z.object({
      url: z.string().meta({ description: 'POST multipart/form-data here' }),
      fields: z
        .record(z.string(), z.string())
        .meta({ description: 'Form fields to send before the file (named "file")' }),
      expiresAt: z.string(),
    }),
  })
  .meta({ id: 'CreateReceiptResponse' });

export const ReceiptPageSchema = z
  .object({
    items: z.array(ReceiptSchema),
    nextCursor: z.string().optional().meta({ description: 'Pass as "cursor" for the next page' }),
  })
  .meta({ id: 'ReceiptPage' });

/** One receipt in an export: what a person would copy into a spreadsheet (effective values, corrections win). */
export const ExportedReceiptSchema = z
  .object({
    id: z.string(),
    status: z.enum(RECEIPT_STATUSES),
    createdAt: z.string(),
    fileName: z.string().optional(),
    fields: z.record(z.string(), z.string()).meta({ description: 'Effective values: corrections win' }),
    items: z.array(CorrectedItemSchema),
    correctedFields: z.array(z.string()),
    confidence: z.number().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'ExportedReceipt' });

export const ReceiptExportSchema = z
  .object({ exportedAt: z.string(), receipts: z.array(ExportedReceiptSchema) })
  .meta({ id: 'ReceiptExport' });

export const ReceiptTextSchema = EngineResultSchema.extend({
  receiptId: z.string(),
})
  .loose()
  .meta({ id: 'ReceiptText' });

export const ImageUrlSchema = z.object({ url: z.string(), expiresAt: z.string() }).meta({ id: 'ImageUrl' });

export const ReprocessResponseSchema = z
  .object({ id: z.string(), status: z.literal('QUEUED'), keepCorrections: z.boolean() })
  .meta({ id: 'ReprocessResponse' });

export const HealthResponseSchema = z
  .object({
    status: z.literal('ok'),
    service: z.string(),
    version: z.string(),
    engine: z.object({ name: z.string(), version: z.string() }),
  })
  .meta({ id: 'Health' });

/** The engine result of one receipt. */
const OcrReceiptSchema = EngineResultSchema.meta({ id: 'OcrReceipt' });

/**
 * The largest receipt of the image at the top level (the shape this route always had), the others beside it: a
 * photo of several receipts laid apart is read as one result per receipt, as the pipeline makes one record each.
 */
export const OcrResponseSchema = EngineResultSchema.extend({
  otherReceipts: z.array(OcrReceiptSchema).meta({
    description:
      'The other receipts found in the same image, largest first, each read on its own; empty when the image holds one receipt',
  }),
}).meta({ id: 'OcrResult' });
