/**
 * The receipt record: what DynamoDB stores per receipt and what the REST API returns. It reuses the engine's
 * contract (fields, items, timings, engine info) so a value never changes shape between the engine and the API.
 */

import {
  CATEGORIES,
  CurrencySchema,
  DecimalSchema,
  EngineInfoSchema,
  ImageInfoSchema,
  IsoDateSchema,
  LineItemSchema,
  PAYMENT_METHODS,
  ReceiptFieldsSchema,
  TimeSchema,
  TimingsSchema,
} from '@receipt-ocr/engine/schema';
import * as z from 'zod';

/**
 * PENDING (upload URL issued) -> PROCESSING -> COMPLETED | FAILED; REVIEWED once a person corrected it.
 * Any settled state goes back to PROCESSING when a new version of the image arrives or a reprocess is asked.
 */
export const RECEIPT_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'REVIEWED'] as const;
export const ReceiptStatusSchema = z.enum(RECEIPT_STATUSES);
export type ReceiptStatus = z.infer<typeof ReceiptStatusSchema>;

const isoTimestamp = z.iso.datetime({ offset: true });

/** The S3 object a record was (or will be) read from. */
export const ReceiptSourceSchema = z.object({
  bucket: z.string().min(1),
  key: z.string().min(1),
  versionId: z.string().optional(),
  eTag: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  contentType: z.string().optional(),
});
export type ReceiptSource = z.infer<typeof ReceiptSourceSchema>;

/** Why a receipt failed. Engine codes (CORRUPT_IMAGE, TOO_LARGE...) or pipeline codes (see errors.ts). */
export const ReceiptErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  /** True when the pipeline will try again (the message goes back to the queue, then to the DLQ). */
  retryable: z.boolean(),
  at: isoTimestamp,
  /**
   * True when a failure that is usually transient kept happening until the attempt limit: the record is then
   * permanent (retryable false) and nothing retries it by itself; a reprocess request (`pnpm redrive` locally)
   * runs it again on purpose.
   */
  attemptsExhausted: z.boolean().optional(),
});
export type ReceiptErrorInfo = z.infer<typeof ReceiptErrorSchema>;

/** Who holds the record while it is PROCESSING, and until when (a crashed run's lease expires). */
export const ProcessingLeaseSchema = z.object({
  /** SQS message id, EventBridge event id or Lambda request id: a redelivery of the same message may resume. */
  deliveryId: z.string().min(1),
  startedAt: isoTimestamp,
  leaseUntil: isoTimestamp,
  keepCorrections: z.boolean(),
});
export type ProcessingLease = z.infer<typeof ProcessingLeaseSchema>;

/**
 * Characters a person never means to type into a name or an address: C0/C1 controls (NUL, CR, LF...), line and
 * paragraph separators, and the bidirectional marks and overrides (U+202E...) that make text read differently
 * from what it stores.
 */
function isUnsafe(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function hasUnsafeCharacters(value: string): boolean {
  return [...value].some(isUnsafe);
}

/** The text with each unsafe character replaced by U+FFFD, for names that come from elsewhere (S3 keys). */
export function displaySafe(value: string): string {
  return [...value].map((character) => (isUnsafe(character) ? '\uFFFD' : character)).join('');
}

/** Text a person typed: one line, 1 to `maxLength` characters, no control characters or bidirectional overrides. */
export function userTextSchema(maxLength: number) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .refine((value) => !hasUnsafeCharacters(value), {
      message: 'must not contain control characters, line breaks or bidirectional overrides',
    });
}

/**
 * Limits that keep a corrected record far below DynamoDB's 400 KB item limit: the largest correction (every
 * field, MAX_CORRECTED_ITEMS items with the longest description in 4-byte characters) is about 200 KB, and the
 * engine's own items are dropped first when the whole record would not fit (lifecycle.ts `trimmedRecords`).
 */
export const CORRECTION_LIMITS = {
  merchantName: 200,
  merchantAddress: 500,
  merchantPhone: 50,
  itemDescription: 200,
  decimal: 20,
  items: 200,
} as const;

const correctedDecimal = DecimalSchema.max(CORRECTION_LIMITS.decimal);

/** What a person typed in the review step; null removes a field the engine found. */
export const CorrectedFieldsSchema = z
  .object({
    merchantName: userTextSchema(CORRECTION_LIMITS.merchantName).nullable(),
    merchantAddress: userTextSchema(CORRECTION_LIMITS.merchantAddress).nullable(),
    merchantPhone: userTextSchema(CORRECTION_LIMITS.merchantPhone).nullable(),
    transactionDate: IsoDateSchema.nullable(),
    transactionTime: TimeSchema.nullable(),
    currency: CurrencySchema.nullable(),
    subtotal: correctedDecimal.nullable(),
    tax: correctedDecimal.nullable(),
    tip: correctedDecimal.nullable(),
    total: correctedDecimal.nullable(),
    paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
    category: z.enum(CATEGORIES).nullable(),
  })
  .partial();
export type CorrectedFields = z.infer<typeof CorrectedFieldsSchema>;

export const CorrectedItemSchema = z.object({
  description: userTextSchema(CORRECTION_LIMITS.itemDescription),
  quantity: correctedDecimal.nullable(),
  unitPrice: correctedDecimal.nullable(),
  amount: correctedDecimal,
});
export type CorrectedItem = z.infer<typeof CorrectedItemSchema>;

/** Corrections live beside the engine's values (never over them), so a reprocess can keep or drop them. */
export const CorrectionsSchema = z.object({
  fields: CorrectedFieldsSchema,
  /** The full corrected item list when a person edited items; absent when items were left as read. */
  items: z.array(CorrectedItemSchema).max(CORRECTION_LIMITS.items).optional(),
  correctedAt: isoTimestamp,
});
export type Corrections = z.infer<typeof CorrectionsSchema>;

/**
 * Receipt `part` of `parts` found in one upload (receipts laid side by side in one photo): each is its own record,
 * all read from the same image, the first being the upload's own record `receiptId`.
 */
export const ReceiptPartSchema = z.object({
  receiptId: z.string().min(1),
  part: z.number().int().min(1),
  parts: z.number().int().min(2),
});
export type ReceiptPart = z.infer<typeof ReceiptPartSchema>;

export const RecordTimingsSchema = TimingsSchema.extend({
  /** Time to fetch the image from S3. */
  downloadMs: z.number().nonnegative(),
  /** Claim to completion, as the pipeline saw it. */
  totalMs: z.number().nonnegative(),
});
export type RecordTimings = z.infer<typeof RecordTimingsSchema>;

export const DuplicateOfSchema = z.object({
  receiptId: z.string(),
  /** The same image bytes, or the same merchant, transaction date and total read from another image. */
  reason: z.enum(['same-image', 'same-merchant-date-total']),
});
export type DuplicateOf = z.infer<typeof DuplicateOfSchema>;

export const ReceiptRecordSchema = z.object({
  receiptId: z.string().min(1),
  ownerId: z.string().min(1),
  status: ReceiptStatusSchema,
  /** Incremented on every write: conditional writes (and the API's If-Match) compare it. */
  version: z.number().int().positive(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  /** The name the user gave the file, when known. */
  fileName: z.string().optional(),
  source: ReceiptSourceSchema,
  /** Identity of the object version the record belongs to (versionId, else eTag): the idempotency key. */
  sourceToken: z.string().optional(),
  /** OCR attempts on the current source version (or current reprocess request). */
  attempts: z.number().int().nonnegative(),
  processing: ProcessingLeaseSchema.optional(),
  /** Delivery id of the last reprocess request taken, so a duplicated request runs once. */
  lastReprocessId: z.string().optional(),
  /**
   * When the API queued a reprocess that has not settled yet (shown by the API: poll until it is gone): further requests are refused (409) until the run
   * settles, or until REPROCESS_PENDING_MS passed (a message lost on the way cannot block the receipt forever).
   */
  reprocessRequestedAt: isoTimestamp.optional(),
  error: ReceiptErrorSchema.optional(),
  fields: ReceiptFieldsSchema.optional(),
  items: z.array(LineItemSchema).optional(),
  /** True when items were dropped to keep the item under DynamoDB's 400 KB (the full list is in resultKey). */
  itemsTruncated: z.boolean().optional(),
  confidence: z.number().min(0).max(1).optional(),
  /** The first lines of the OCR text; the full text, lines and words are in resultKey. */
  textSummary: z.string().optional(),
  language: z.string().optional(),
  image: ImageInfoSchema.optional(),
  timings: RecordTimingsSchema.optional(),
  engine: EngineInfoSchema.optional(),
  /** S3 key (in the receipts bucket) of the full OCR output. */
  resultKey: z.string().optional(),
  processedAt: isoTimestamp.optional(),
  corrections: CorrectionsSchema.optional(),
  /** SHA-256 (hex) of the image bytes read. */
  contentHash: z.string().optional(),
  /** An earlier receipt of the same owner this one repeats: flagged for the person, never dropped. */
  duplicateOf: DuplicateOfSchema.optional(),
  /** Set when the upload held several receipts; `image.crop` says where this one is on the image. */
  partOf: ReceiptPartSchema.optional(),
});
export type ReceiptRecord = z.infer<typeof ReceiptRecordSchema>;

/** The values a person sees: the engine's, with their corrections on top. */
export interface EffectiveValues {
  fields: Record<string, string>;
  items: CorrectedItem[];
}

/**
 * "Corrections win", the one rule the API view, exports and list filters share: a corrected field replaces the
 * engine's value, a field corrected to null is cleared, and corrected items replace the engine's items.
 */
export function effectiveValues(record: ReceiptRecord): EffectiveValues {
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(record.fields ?? {})) {
    if (field) fields[name] = String(field.value);
  }
  for (const [name, value] of Object.entries(record.corrections?.fields ?? {})) {
    if (value === null || value === undefined) delete fields[name];
    else fields[name] = value;
  }
  const items =
    record.corrections?.items ??
    (record.items ?? []).map(({ description, quantity, unitPrice, amount }) => ({
      description,
      quantity,
      unitPrice,
      amount,
    }));
  return { fields, items };
}

/** Merchant and transaction date as the user sees them (corrections win), used by list filters. */
export function effectiveSearchFields(record: ReceiptRecord): {
  merchant?: string;
  transactionDate?: string;
} {
  const { merchantName: merchant, transactionDate } = effectiveValues(record).fields;
  return {
    ...(merchant ? { merchant } : {}),
    ...(transactionDate ? { transactionDate } : {}),
  };
}
