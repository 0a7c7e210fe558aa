/**
 * Scores one receipt against its label, and sums receipts up into the figures `pnpm eval` prints.
 */
import type { Extraction } from '../../functions/engine/schema.js';
import type { Label } from './dataset.js';
import {
  characterErrorRate,
  containsAmount,
  containsDate,
  containsWords,
  matchText,
  parseDecimal,
  parseLabelAmount,
  parseLabelDate,
  percentile,
} from './metrics.js';

export const COMPANY_NEAR = 0.9;
export const ADDRESS_NEAR = 0.85;

/** A text field: exact and near match after normalisation, and whether the OCR text contained it. */
export interface TextScore {
  readonly exact: boolean;
  readonly near: boolean;
  readonly similarity: number;
  readonly expected: string;
  readonly got?: string;
  readonly inText: boolean;
}

export interface ReceiptScore {
  readonly id: string;
  readonly total: { ok: boolean; expected: string; got?: string; confidence?: number; inText: boolean };
  readonly date: { ok: boolean; expected: string; got?: string; confidence?: number; inText: boolean };
  readonly company: TextScore;
  readonly address: TextScore;
  readonly cer?: number;
  readonly ms: number;
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
  const expectedTotal = parseLabelAmount(label.total);
  const company = matchText(label.company, f.merchantName?.value, COMPANY_NEAR);
  const address = matchText(label.address, f.merchantAddress?.value, ADDRESS_NEAR);
  const expectedDate = parseLabelDate(label.date);
  return {
    id,
    total: {
      ok: expectedTotal !== undefined && parseDecimal(f.total?.value) === expectedTotal,
      expected: label.total,
      ...(f.total ? { got: f.total.value, confidence: f.total.confidence } : {}),
      inText: containsAmount(text, label.total),
    },
    date: {
      ok: expectedDate !== undefined && f.transactionDate?.value === expectedDate,
      expected: expectedDate ?? `unparsed label "${label.date}"`,
      ...(f.transactionDate
        ? { got: f.transactionDate.value, confidence: f.transactionDate.confidence }
        : {}),
      inText: containsDate(text, label.date),
    },
    company: {
      ...company,
      expected: label.company,
      ...(f.merchantName ? { got: f.merchantName.value } : {}),
      inText: containsWords(text, label.company),
    },
    address: {
      ...address,
      expected: label.address,
      ...(f.merchantAddress ? { got: f.merchantAddress.value } : {}),
      inText: containsWords(text, label.address),
    },
    ...(groundTruth !== undefined ? { cer: characterErrorRate(groundTruth, text) } : {}),
    ms,
  };
}

export interface Rate {
  readonly hits: number;
  readonly of: number;
  readonly rate: number;
}

function rate(scores: readonly ReceiptScore[], pick: (s: ReceiptScore) => boolean): Rate {
  const hits = scores.filter(pick).length;
  return { hits, of: scores.length, rate: scores.length === 0 ? 0 : hits / scores.length };
}

export interface Summary {
  readonly receipts: number;
  readonly accuracy: {
    readonly total: Rate;
    readonly date: Rate;
    readonly companyExact: Rate;
    readonly companyNear: Rate;
    readonly addressExact: Rate;
    readonly addressNear: Rate;
  };
  readonly textContains: {
    readonly total: Rate;
    readonly date: Rate;
    readonly company: Rate;
    readonly address: Rate;
  };
  /** Misses whose value the OCR text did contain: errors of the extractor rather than of the reading. */
  readonly parseMisses: {
    readonly total: number;
    readonly date: number;
    readonly company: number;
    readonly address: number;
  };
  readonly cer: { readonly mean: number; readonly median: number; readonly receipts: number };
  /** Mean confidence the extractor gave to right and to wrong values: a useful confidence separates them. */
  readonly calibration: {
    readonly total: { readonly right: number | null; readonly wrong: number | null };
    readonly date: { readonly right: number | null; readonly wrong: number | null };
  };
  readonly timeMs: { readonly median: number; readonly p90: number; readonly max: number };
}

function meanOf(values: readonly (number | undefined)[]): number | null {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

export function summarise(scores: readonly ReceiptScore[]): Summary {
  const cers = scores.map((s) => s.cer).filter((c): c is number => c !== undefined);
  const ms = scores.map((s) => s.ms);
  return {
    receipts: scores.length,
    accuracy: {
      total: rate(scores, (s) => s.total.ok),
      date: rate(scores, (s) => s.date.ok),
      companyExact: rate(scores, (s) => s.company.exact),
      companyNear: rate(scores, (s) => s.company.near),
      addressExact: rate(scores, (s) => s.address.exact),
      addressNear: rate(scores, (s) => s.address.near),
    },
    textContains: {
      total: rate(scores, (s) => s.total.inText),
      date: rate(scores, (s) => s.date.inText),
      company: rate(scores, (s) => s.company.inText),
      address: rate(scores, (s) => s.address.inText),
    },
    parseMisses: {
      total: scores.filter((s) => !s.total.ok && s.total.inText).length,
      date: scores.filter((s) => !s.date.ok && s.date.inText).length,
      company: scores.filter((s) => !s.company.near && s.company.inText).length,
      address: scores.filter((s) => !s.address.near && s.address.inText).length,
    },
    cer: {
      mean: cers.length === 0 ? 0 : cers.reduce((a, b) => a + b, 0) / cers.length,
      median: percentile(cers, 50),
      receipts: cers.length,
    },
    calibration: {
      total: {
        right: meanOf(scores.filter((s) => s.total.ok).map((s) => s.total.confidence)),
        wrong: meanOf(scores.filter((s) => !s.total.ok).map((s) => s.total.confidence)),
      },
      date: {
        right: meanOf(scores.filter((s) => s.date.ok).map((s) => s.date.confidence)),
        wrong: meanOf(scores.filter((s) => !s.date.ok).map((s) => s.date.confidence)),
      },
    },
    timeMs: {
      median: percentile(ms, 50),
      p90: percentile(ms, 90),
      max: ms.length === 0 ? 0 : Math.max(...ms),
    },
  };
}
