/**
 * Article prices the OCR garbled, settled by the sum that closes the items. A price read as `2115` (2,15 with
 * its comma read as a 1), `€.2.75:8B`, `1559 ¢A` or `£215.60` (the pound sign read twice) has a few readings
 * a till could have printed; the row reader takes none of them, or the wrong one. When the items do not add up
 * to the sum under them, every choice of readings is tried, fewest changed rows first, and the one choice that
 * makes them add up exactly is taken. Nothing is taken when no choice does or when two do: the sum in cents is
 * a strong witness for one choice, not for one among several.
 *
 * Measured on the rendered receipts of seven languages (docs/fields.md): a till's decimal comma read as a
 * digit and a currency mark read as one are the commonest ways an article's price is lost.
 */
import type { Row } from './layout.js';

/** A row's price token as read, and the amounts in cents it may stand for, likeliest first. */
export interface PriceReadings {
  readonly text: string;
  readonly cents: readonly number[];
}

/** A change to the items: a garbled row taken as an article, or an article's amount read another way. */
export interface Settled {
  readonly element: number;
  readonly cents: number;
}

/** At most this many rows change: beyond it, some choice adds up by chance too often. */
const MAX_CHANGES = 4;
/** Rows considered at once; more than this and the receipt's reading is too poor to settle. */
const MAX_ELEMENTS = 16;

const MARK = /^(?:[€$£]|E(?=\d))/u;
/**
 * The price part of a token: digits with separators, print noise allowed around it, a VAT code after (A-D, or a
 * US till's tax flag: T taxed, N not, F food).
 */
const PRICE_TOKEN = /^([€$£]|E(?=\d))?[^\p{L}\d]*(\d[\d.,:;]*\d)[^\p{L}\d]*(?:[A-D]|[€$£¢][A-D]?|[FNT])?$/iu;

function cents(whole: string, fraction: string): number {
  return Number(whole) * 100 + Number(fraction);
}

/**
 * What a till could have printed for a garbled price: the digits with the last two as cents, the separator
 * lost (`2115`: 21,15) or read as a digit (2,15: the comma read as a 1, the third digit from the end); without a
 * first digit that was the currency mark before it (`£215.60`, `E1219`). Three to five digits, two decimals:
 * receipts in whole amounts are not read this way.
 */
export function priceReadings(text: string): PriceReadings | undefined {
  const match = PRICE_TOKEN.exec(text);
  const core = match?.[2];
  if (!match || core === undefined) return undefined;
  const marked = match[1] !== undefined || MARK.test(text);
  const digits = core.replace(/[.,:;]/g, '');
  const found: number[] = [];
  const add = (value: number | undefined) => {
    if (value !== undefined && value > 0 && !found.includes(value)) found.push(value);
  };
  // the whole figure with its cents, or its first price and noise after it (`2.75:8` of `€.2.75:8B`)
  const separated = [
    /^(\d{1,3}(?:[.,]\d{3})*)[.,:;](\d{2})$/.exec(core),
    /^(\d{1,4})[.,:;](\d{2})/.exec(core),
  ].filter((m): m is RegExpExecArray => m !== null);
  for (const [, whole = '', fraction = ''] of separated) {
    const figure = whole.replace(/[.,]/g, '');
    add(cents(figure, fraction));
    if (marked && figure.length >= 2) add(cents(figure.slice(1), fraction));
  }
  if (separated.length === 0 && /^\d+$/.test(core) && digits.length >= 3 && digits.length <= 5) {
    const bare = (d: string) => {
      if (d.length < 3) return;
      add(cents(d.slice(0, -2), d.slice(-2)));
      if (d.length >= 4) add(cents(d.slice(0, -3), d.slice(-2)));
    };
    bare(digits);
    if (marked) bare(digits.slice(1));
  }
  return found.length > 0 ? { text, cents: found } : undefined;
}

/**
 * Where a row's price token may be: the last token, or the one before a VAT code or mark the OCR set apart
 * (`1559 ¢A`, `E1219 8`), alone or with it. `from`: the index of its first token.
 */
export function priceTokens(row: Row): { readonly from: number; readonly text: string }[] {
  const tokens = row.tokens.map((t) => t.text);
  const last = tokens.length - 1;
  const flag = last >= 1 && /^(?:[A-D]|[FNT]|\d|[€$£¢°'`:;.]+[A-D]?)$/i.test(tokens[last] ?? '');
  return flag
    ? [
        { from: last - 1, text: tokens[last - 1] ?? '' },
        { from: last - 1, text: `${tokens[last - 1]}${tokens[last]}` },
      ]
    : [{ from: last, text: tokens[last] ?? '' }];
}

/** The price token that ends a row and its readings (priceTokens). */
export function rowPriceReadings(row: Row): (PriceReadings & { readonly from: number }) | undefined {
  for (const { from, text } of priceTokens(row)) {
    const readings = priceReadings(text);
    if (readings) return { ...readings, from };
  }
  return undefined;
}

/**
 * The one choice of options that adds `gap` cents, fewest changes first: for each element, the change in
 * cents of each of its options. Undefined when no choice of up to MAX_CHANGES changes does, or two do.
 */
export function settleGap(options: readonly (readonly number[])[], gap: number): Settled[] | undefined {
  if (gap === 0 || options.length === 0 || options.length > MAX_ELEMENTS) return undefined;
  for (let changes = 1; changes <= MAX_CHANGES; changes++) {
    const found: Settled[][] = [];
    const walk = (from: number, left: number, remaining: number, chosen: Settled[]) => {
      if (found.length > 1) return;
      if (left === 0) {
        if (remaining === 0) found.push([...chosen]);
        return;
      }
      for (let element = from; element < options.length; element++) {
        for (const delta of options[element] ?? []) {
          chosen.push({ element, cents: delta });
          walk(element + 1, left - 1, remaining - delta, chosen);
          chosen.pop();
        }
      }
    };
    walk(0, changes, gap, []);
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}
