/**
 * Evaluation metrics: label parsing (SROIE strings), normalisation, similarity, character error rate.
 * Pure functions, tested on made-up values in test/tools/eval (no dataset needed).
 */
import { distance } from 'fastest-levenshtein';

/** Upper case, punctuation to spaces, runs of spaces to one: "Avtivo Plaza,lot B-F-11" -> "AVTIVO PLAZA LOT B F 11". */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Normalised Levenshtein similarity, 1 = identical, 0 = nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - distance(a, b) / longest;
}

export interface TextMatch {
  readonly exact: boolean;
  readonly near: boolean;
  readonly similarity: number;
}

export function matchText(expected: string, got: string | undefined, threshold: number): TextMatch {
  if (got === undefined) return { exact: false, near: false, similarity: 0 };
  const e = normalise(expected);
  const g = normalise(got);
  const sim = similarity(e, g);
  return { exact: e === g, near: sim >= threshold, similarity: sim };
}

/** A label total ("$8.20", "RM 34.80", "7,838.80", "RM8.60") in hundredths; undefined when unreadable. */
export function parseLabelAmount(label: string): number | undefined {
  const m = /-?\d[\d,]*(?:\.\d{1,2})?|-?\.\d{1,2}/.exec(label.replace(/\s+/g, ''));
  if (!m) return undefined;
  const [whole = '0', frac = ''] = m[0].replace(/,/g, '').split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole || '0')) * 100 + Number(frac.padEnd(2, '0') || '0'));
}

/** A decimal string from the extractor ("1234.50", "20600") in hundredths. */
export function parseDecimal(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  const [whole = '0', frac = ''] = value.split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(frac.slice(0, 2).padEnd(2, '0')));
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function iso(y: number, m: number, d: number): string | undefined {
  const year = y < 100 ? 2000 + y : y;
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A label date, day first as SROIE writes them: "05 MAR 2018", "30/03/2018", "25-12-18", "2018-01-05". */
export function parseLabelDate(label: string): string | undefined {
  const text = label.trim().toUpperCase();
  let m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[\s/.-]*([A-Z]{3})[A-Z]*[\s/.,-]*(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[2] ?? '') + 1;
    return month > 0 ? iso(Number(m[3]), month, Number(m[1])) : undefined;
  }
  return undefined;
}

/** Whitespace-normalised, case-insensitive text for CER: lines joined, runs of whitespace to one space. */
export function cerText(text: string): string {
  return text.toUpperCase().replace(/\s+/g, ' ').trim();
}

/** Character error rate: Levenshtein edits from the reference to the hypothesis, per reference character. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = cerText(reference);
  const hyp = cerText(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return distance(ref, hyp) / ref.length;
}

/** Does the OCR text contain the value as whole words, after normalisation (tells reading errors from parsing errors)? */
export function containsWords(text: string, value: string): boolean {
  const v = normalise(value);
  return v !== '' && ` ${normalise(text)} `.includes(` ${v} `);
}

/**
 * Does the OCR text contain the label total as printed (currency marks dropped)? Either mark may separate
 * decimals and thousands, as receipts print them in their locale: "1,234.50", "1.234,50" and "1234.50" all
 * contain the label "1234.50". Otherwise verbatim: "100. 60" (split by a stray space) is a reading error.
 */
export function containsAmount(text: string, label: string): boolean {
  const m = /\d[\d,]*(?:\.\d{2})?|\.\d{2}/.exec(label.replace(/\s+/g, ''));
  if (!m) return false;
  const [whole = '', frac] = m[0].split('.');
  const grouped = whole.replace(/,/g, '').replace(/\B(?=(\d{3})+$)/g, "[.,']?");
  const pattern = frac === undefined ? grouped : `${grouped}[.,]${frac}`;
  return new RegExp(`(?<![\\d.,])${pattern}(?!\\d)`).test(text);
}

/**
 * Does the OCR text contain the label date as printed (ignoring spaces)? An ISO label ("2025-10-07") is not
 * how a receipt prints it: the numeric day-first forms count too (07.10.2025, 7/10/25, 07-10-2025).
 */
export function containsDate(text: string, label: string): boolean {
  const compact = (s: string) => s.toUpperCase().replace(/\s+/g, '');
  if (compact(label) === '') return false;
  if (compact(text).includes(compact(label))) return true;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label.trim());
  if (!iso) return false;
  const [, year = '', month = '', day = ''] = iso;
  const unpadded = (n: string) => `0?${Number(n)}`;
  const separator = String.raw`\s?[./-]\s?`;
  const dayFirst = `${unpadded(day)}${separator}${unpadded(month)}${separator}(?:${year}|${year.slice(2)})`;
  return new RegExp(`(?<!\\d)${dayFirst}(?!\\d)`).test(text);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}
