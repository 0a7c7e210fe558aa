/**
 * Scores one receipt against its label, and sums a set's receipts up into the figures `pnpm eval` prints.
 * Only labelled fields are scored: a rate's `of` counts the receipts that label its field.
 */
import type { Extraction } from '@receipt-ocr/engine/schema';
import { type ItemsScore, scoreItems, summariseItems } from './items.js';
import type { Label } from './labels.js';
import {
  characterErrorRate,
  containsAmount,
  containsDate,
  containsWords,
  matchText,
  parseDecimal,
  percentile,
} from './metrics.js';

export const COMPANY_NEAR = 0.9;
export const ADDRESS_NEAR = 0.85;

/** A value compared for equality, with the confidence the extractor gave it. */
export interface ValueScore {
  readonly ok: boolean;
  readonly expected: string;
  readonly got?: string;
  readonly confidence?: number;
  /** Whether the OCR text contained the labelled value: tells reading errors from extraction errors. */
  readonly inText: boolean;
}

/** A text field: exact and near match after normalisation. */
export interface TextScore {
  readonly exact: boolean;
  readonly near: boolean;
  readonly similarity: number;
  readonly expected: string;
  readonly got?: string;
  readonly inText: boolean;
}

/** One receipt; a field its label leaves out is absent here. */
export interface ReceiptScore {
  readonly id: string;
  readonly total?: ValueScore;
  readonly tax?: ValueScore;
  readonly date?: ValueScore;
  readonly company?: TextScore;
  readonly address?: TextScore;
  readonly currency?: { readonly ok: boolean; readonly expected: string; readonly got?: string };
  readonly items?: ItemsScore;
  readonly cer?: number;
  readonly ms: number;
}

type Field = { value: string; confidence: number } | undefined;

function got(field: Field): { got?: string; confidence?: number } {
  return field ? { got: field.value, confidence: field.confidence } : {};
}

function textScore(expected: string, field: Field, near: number, text: string): TextScore {
  return {
    ...matchText(expected, field?.value, near),
    expected,
    ...(field ? { got: field.value } : {}),
    inText: containsWords(text, expected),
  };
}

export function scoreReceipt(
  id: string,
  label: Label,
  extraction: Extraction,
  text: string,
  groundTruth: string | undefined,
  ms: number,
): ReceiptScore {
  const f = extraction.fields;
  const { total, tax, date, company, address, currency, items } = label;
  const score: { -readonly [K in keyof ReceiptScore]: ReceiptScore[K] } = { id, ms };
  if (total) {
    score.total = {
      ok: parseDecimal(f.total?.value) === total.cents,
      expected: total.raw,
      ...got(f.total),
      inText: containsAmount(text, total.raw),
    };
  }
  if (tax) {
    // a receipt labelled with no tax is read right when no tax is read on it either
    const read = f.tax ? parseDecimal(f.tax.value) : 0;
    score.tax = {
      ok: read === tax.cents,
      expected: tax.raw,
      ...got(f.tax),
      inText: tax.cents === 0 || containsAmount(text, tax.raw),
    };
  }
  if (date) {
    score.date = {
      ok: f.transactionDate?.value === date.iso,
      expected: date.iso,
      ...got(f.transactionDate),
      inText: containsDate(text, date.raw),
    };
  }
  if (company) score.company = textScore(company, f.merchantName, COMPANY_NEAR, text);
  if (address) score.address = textScore(address, f.merchantAddress, ADDRESS_NEAR, text);
  if (currency) {
    score.currency = {
      ok: f.currency?.value === currency,
      expected: currency,
      ...(f.currency ? { got: f.currency.value } : {}),
    };
  }
  if (items) {
    const predicted = extraction.items.flatMap((item) => {
      const amount = parseDecimal(item.amount);
      return amount === undefined ? [] : [{ description: item.description, amount }];
    });
    score.items = scoreItems(items, predicted);
  }
  if (groundTruth !== undefined) score.cer = characterErrorRate(groundTruth, text);
  return score;
}

export interface Rate {
  readonly hits: number;
  /** Receipts that label the field. */
  readonly of: number;
  readonly rate: number;
}

/** The rate among receipts that label the field; null when none does. */
function rate<T>(values: readonly (T | undefined)[], pick: (value: T) => boolean): Rate | null {
  const labelled = values.filter((v): v is T => v !== undefined);
  if (labelled.length === 0) return null;
  const hits = labelled.filter(pick).length;
  return { hits, of: labelled.length, rate: hits / labelled.length };
}

function count<T>(values: readonly (T | undefined)[], pick: (value: T) => boolean): number {
  return values.filter((v): v is T => v !== undefined && pick(v)).length;
}

function meanOf(values: readonly (number | undefined)[]): number | null {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

function meanConfidence(values: readonly (ValueScore | undefined)[]) {
  const scored = values.filter((v): v is ValueScore => v !== undefined);
  return {
    right: meanOf(scored.filter((v) => v.ok).map((v) => v.confidence)),
    wrong: meanOf(scored.filter((v) => !v.ok).map((v) => v.confidence)),
  };
}

export function summarise(scores: readonly ReceiptScore[]) {
  const totals = scores.map((s) => s.total);
  const dates = scores.map((s) => s.date);
  const companies = scores.map((s) => s.company);
  const addresses = scores.map((s) => s.address);
  const items = scores.flatMap((s) => (s.items ? [s.items] : []));
  const cers = scores.flatMap((s) => (s.cer !== undefined ? [s.cer] : []));
  const ms = scores.map((s) => s.ms);
  return {
    receipts: scores.length,
    /** null for a field no receipt of the set labels. */
    accuracy: {
      total: rate(totals, (v) => v.ok),
      tax: rate(
        scores.map((s) => s.tax),
        (v) => v.ok,
      ),
      date: rate(dates, (v) => v.ok),
      companyExact: rate(companies, (v) => v.exact),
      companyNear: rate(companies, (v) => v.near),
      addressExact: rate(addresses, (v) => v.exact),
      addressNear: rate(addresses, (v) => v.near),
      currency: rate(
        scores.map((s) => s.currency),
        (v) => v.ok,
      ),
    },
    items: items.length === 0 ? null : summariseItems(items),
    textContains: {
      total: rate(totals, (v) => v.inText),
      date: rate(dates, (v) => v.inText),
      company: rate(companies, (v) => v.inText),
      address: rate(addresses, (v) => v.inText),
    },
    /** Misses whose value the OCR text did contain: errors of the extractor rather than of the reading. */
    parseMisses: {
      total: count(totals, (v) => !v.ok && v.inText),
      date: count(dates, (v) => !v.ok && v.inText),
      company: count(companies, (v) => !v.near && v.inText),
      address: count(addresses, (v) => !v.near && v.inText),
    },
    /** null when the set has no text/ folder. */
    cer:
      cers.length === 0
        ? null
        : {
            mean: cers.reduce((a, b) => a + b, 0) / cers.length,
            median: percentile(cers, 50),
            receipts: cers.length,
          },
    /** Mean confidence the extractor gave to right and to wrong values (absent values aside). */
    meanConfidence: { total: meanConfidence(totals), date: meanConfidence(dates) },
    timeMs: {
      median: percentile(ms, 50),
      p90: percentile(ms, 90),
      max: ms.length === 0 ? 0 : Math.max(...ms),
    },
  };
}
export type Summary = ReturnType<typeof summarise>;
