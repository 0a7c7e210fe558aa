/**
 * The receipt contract: what the engine returns, and what the OCR Lambda, the REST API, the CLI and the
 * DynamoDB record reuse. One schema, exported once; everything else infers its types from here.
 */
import * as z from 'zod';
import { CATEGORIES, PAYMENT_METHODS } from './enums.js';

/** Pixel box in the upright image the engine read (after EXIF and orientation correction). */
export const BBoxSchema = z.object({
  x0: z.number().int(),
  y0: z.number().int(),
  x1: z.number().int(),
  y1: z.number().int(),
  /** The 1-based page of a PDF the box is on (y measured from that page's top); absent for images. */
  page: z.number().int().positive().optional(),
});
export type BBox = z.infer<typeof BBoxSchema>;

/** A point in pixels of the upright original image. */
export const PointSchema = z.object({ x: z.number(), y: z.number() });

/** Money and quantities are decimal strings ("1234.50"), never floats. */
export const DecimalSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string such as "1234.50"');
/** `YYYY-MM-DD` naming a day that exists (2018-02-31 and 2018-13-45 are refused, 2024-02-29 is not). */
export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD')
  .refine(isCalendarDate, 'a calendar date that exists');
export const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code');

export { CATEGORIES, PAYMENT_METHODS };

const confidence = z.number().min(0).max(1);

/** A field the engine found: its value, how sure it is, and the OCR text and box it came from. */
export function fieldSchema<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    confidence,
    /** The OCR text the value was read from (empty for inferred fields such as category). */
    text: z.string(),
    /** Where the text is; null when the value is inferred rather than read. */
    bbox: BBoxSchema.nullable(),
    /**
     * Why this value, when more than one reading competed: the label it was printed under and the receipt's
     * own figures that agree with it (e.g. ["strong total label", "agrees with tender"]), or why a printed
     * value was overruled.
     */
    evidence: z.array(z.string().max(200)).max(10).optional(),
  });
}

export const ReceiptFieldsSchema = z.object({
  merchantName: fieldSchema(z.string().min(1)).optional(),
  merchantAddress: fieldSchema(z.string().min(1)).optional(),
  merchantPhone: fieldSchema(z.string().min(1)).optional(),
  transactionDate: fieldSchema(IsoDateSchema).optional(),
  transactionTime: fieldSchema(TimeSchema).optional(),
  currency: fieldSchema(CurrencySchema).optional(),
  subtotal: fieldSchema(DecimalSchema).optional(),
  tax: fieldSchema(DecimalSchema).optional(),
  tip: fieldSchema(DecimalSchema).optional(),
  total: fieldSchema(DecimalSchema).optional(),
  paymentMethod: fieldSchema(z.enum(PAYMENT_METHODS)).optional(),
  category: fieldSchema(z.enum(CATEGORIES)).optional(),
});
export type ReceiptFields = z.infer<typeof ReceiptFieldsSchema>;
export type FieldName = keyof ReceiptFields;

export const LineItemSchema = z.object({
  description: z.string().min(1),
  quantity: DecimalSchema.nullable(),
  unitPrice: DecimalSchema.nullable(),
  amount: DecimalSchema,
  confidence,
  text: z.string(),
  bbox: BBoxSchema.nullable(),
});
export type LineItem = z.infer<typeof LineItemSchema>;

export const OcrWordSchema = z.object({ text: z.string(), confidence, bbox: BBoxSchema });
export type OcrWord = z.infer<typeof OcrWordSchema>;

export const OcrLineSchema = z.object({
  text: z.string(),
  confidence,
  bbox: BBoxSchema,
  words: z.array(OcrWordSchema),
});
export type OcrLine = z.infer<typeof OcrLineSchema>;

export const TimingsSchema = z.object({
  decodeMs: z.number().nonnegative(),
  preprocessMs: z.number().nonnegative(),
  ocrMs: z.number().nonnegative(),
  parseMs: z.number().nonnegative(),
});
export type Timings = z.infer<typeof TimingsSchema>;

export const EngineInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Tesseract language codes the engine can read, e.g. ["eng", "spa"]. */
  languages: z.array(z.string()),
  /** Traineddata variant, e.g. "4.0.0_best_int". */
  model: z.string(),
});
export type EngineInfo = z.infer<typeof EngineInfoSchema>;

/** The image as read: its format and size, the turn applied, and where the receipt was found. */
export const ImageInfoSchema = z.object({
  format: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Clockwise rotation in degrees the engine applied to make the receipt upright (EXIF aside). */
  rotation: z.number(),
  /**
   * Where the receipt is in the upright original (pixels; corners top-left, top-right, bottom-right,
   * bottom-left of the receipt as read before any quarter turn). Absent when the whole image was read.
   * The read image (width, height, boxes) is this quadrilateral flattened to a rectangle.
   */
  crop: z.array(PointSchema).length(4).optional(),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

/** What the extractor makes of recognised lines: fields, items and an overall confidence. */
export const ExtractionSchema = z.object({
  fields: ReceiptFieldsSchema,
  items: z.array(LineItemSchema),
  /** Overall trust in the record, 0..1: weighs the key fields and the consistency checks. */
  confidence,
});
export type Extraction = z.infer<typeof ExtractionSchema>;

export const EngineResultSchema = ExtractionSchema.extend({
  /** Full recognised text, lines joined by "\n". */
  text: z.string(),
  lines: z.array(OcrLineSchema),
  /** The language(s) the text was finally read with, e.g. "eng" or "spa+eng". */
  language: z.string(),
  timings: TimingsSchema,
  engine: EngineInfoSchema,
  image: ImageInfoSchema,
});
export type EngineResult = z.infer<typeof EngineResultSchema>;
