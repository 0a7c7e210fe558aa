/**
 * The receipt contract's fields as the form shows them. Keyed by the engine's FieldName type, so a field added to
 * the contract fails the web build until it has a label here.
 */
import { CATEGORIES, PAYMENT_METHODS } from '../../functions/engine/enums.js';
import type { FieldName } from '../../functions/engine/schema.js';

export type FieldKind = 'text' | 'amount' | 'date' | 'time' | 'currency' | 'payment' | 'category';

export const FIELDS: Record<FieldName, { label: string; kind: FieldKind }> = {
  merchantName: { label: 'Merchant', kind: 'text' },
  merchantAddress: { label: 'Address', kind: 'text' },
  merchantPhone: { label: 'Phone', kind: 'text' },
  transactionDate: { label: 'Date', kind: 'date' },
  transactionTime: { label: 'Time', kind: 'time' },
  currency: { label: 'Currency', kind: 'currency' },
  subtotal: { label: 'Subtotal', kind: 'amount' },
  tax: { label: 'Tax', kind: 'amount' },
  tip: { label: 'Tip', kind: 'amount' },
  total: { label: 'Total', kind: 'amount' },
  paymentMethod: { label: 'Payment', kind: 'payment' },
  category: { label: 'Category', kind: 'category' },
};

export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

/** Below this the engine is unsure: the box and the input are highlighted for a second look. */
export const LOW_CONFIDENCE = 0.6;

/** "RM 1,126.89" -> "1126.89"; "12,50 €" -> "12.50"; undefined when the text holds no amount. */
export function amountFrom(text: string): string | undefined {
  const match = /-?\d[\d.,' ]*\d|-?\d/.exec(text.replace(/\s+(?=\d{3}\b)/g, ''));
  if (!match) return undefined;
  const raw = match[0].replace(/[' ]/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(raw);
  const whole = (decimal ? raw.slice(0, -decimal[0].length) : raw).replace(/[.,]/g, '');
  return decimal ? `${whole}.${decimal[1]}` : whole;
}

/** "15/03/2024", "15.03.24", "2024-03-15" -> "2024-03-15" (day first, as on most receipts outside the US). */
export function dateFrom(text: string): string | undefined {
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return iso[0];
  const dayFirst = /(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})/.exec(text);
  if (!dayFirst) return undefined;
  const [, day = '', month = '', year = ''] = dayFirst;
  const fullYear = year.length === 2 ? `20${year}` : year;
  return `${fullYear}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** What clicking a text on the image puts into a field of this kind (the raw text when nothing better fits). */
export function valueFromText(kind: FieldKind, text: string): string {
  const trimmed = text.trim();
  if (kind === 'amount') return amountFrom(trimmed) ?? trimmed;
  if (kind === 'date') return dateFrom(trimmed) ?? trimmed;
  if (kind === 'time') return /([01]?\d|2[0-3]):[0-5]\d/.exec(trimmed)?.[0].padStart(5, '0') ?? trimmed;
  if (kind === 'currency') return /\b[A-Z]{3}\b/.exec(trimmed)?.[0] ?? trimmed;
  return trimmed;
}

export const CHOICES: Partial<Record<FieldKind, readonly string[]>> = {
  payment: PAYMENT_METHODS,
  category: CATEGORIES,
};
