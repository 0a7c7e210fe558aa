/**
 * One line of a dataset's labels.jsonl, read into the values `pnpm eval` compares with. A field that is null,
 * absent or blank is not labelled and not scored; keys this tool does not know are ignored.
 */

import { DecimalSchema } from '@receipt-ocr/engine/schema';
import { z } from 'zod';
import { parseDecimal, parseLabelAmount, parseLabelDate } from './metrics.js';

/** null, absent and "" all mean "not labelled". */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === null || value === undefined || value.trim() === '' ? undefined : value));

const LabelItemSchema = z.object({
  description: z.string(),
  quantity: DecimalSchema.nullish(),
  unitPrice: DecimalSchema.nullish(),
  amount: DecimalSchema,
});

const LabelLineSchema = z.object({
  file: z.string().min(1),
  company: optionalText,
  date: optionalText,
  address: optionalText,
  total: optionalText,
  tax: optionalText,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"')
    .nullish(),
  items: z.array(LabelItemSchema).nullish(),
});

export interface LabelItem {
  readonly description: string;
  /** In hundredths. */
  readonly amount: number;
}

/** What a receipt's label says; a field left out is not labelled. Raw strings are kept for the reports. */
export interface Label {
  readonly file: string;
  readonly company?: string;
  readonly address?: string;
  /** The label as written and its value in hundredths. */
  readonly total?: { readonly raw: string; readonly cents: number };
  /** The tax the receipt states (the VAT table's taxes added up, or the sales tax), as written and in hundredths. */
  readonly tax?: { readonly raw: string; readonly cents: number };
  /** The label as written and its ISO date. */
  readonly date?: { readonly raw: string; readonly iso: string };
  readonly currency?: string;
  /** Labelled items; an empty array says the receipt has none. */
  readonly items?: readonly LabelItem[];
}

export const LABELLED_FIELDS = ['total', 'tax', 'date', 'company', 'address', 'currency', 'items'] as const;
export type LabelledField = (typeof LABELLED_FIELDS)[number];

/** Parses one labels.jsonl object; throws an Error naming what is wrong (the caller adds file and line). */
export function parseLabel(json: unknown): Label {
  const parsed = LabelLineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid label'}`);
  }
  const { file, company, address, total, tax, date, currency, items } = parsed.data;
  const amount = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const cents = parseLabelAmount(raw);
    if (cents === undefined) throw new Error(`${name} "${raw}" is not an amount`);
    return { raw, cents };
  };
  const totalAmount = amount('total', total);
  const taxAmount = amount('tax', tax);
  let iso: string | undefined;
  if (date !== undefined) {
    iso = parseLabelDate(date);
    if (iso === undefined) throw new Error(`date "${date}" is not a date this tool reads`);
  }
  const labelItems = items?.map((item, i) => {
    const cents = parseDecimal(item.amount);
    if (cents === undefined) throw new Error(`items.${i}.amount "${item.amount}" is not a decimal string`);
    return { description: item.description, amount: cents };
  });
  return {
    file,
    ...(company !== undefined ? { company } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(totalAmount ? { total: totalAmount } : {}),
    ...(taxAmount ? { tax: taxAmount } : {}),
    ...(date !== undefined && iso !== undefined ? { date: { raw: date, iso } } : {}),
    ...(currency ? { currency } : {}),
    ...(labelItems ? { items: labelItems } : {}),
  };
}

/** The fields at least one of the labels labels. */
export function labelledFields(labels: readonly Label[]): Set<LabelledField> {
  return new Set(LABELLED_FIELDS.filter((field) => labels.some((label) => label[field] !== undefined)));
}
