/**
 * One tax rate's row of a receipt: the rate it prints and the tax its figures state. The tax is told from the other
 * figures of its row by the rate itself (the net times the rate, or the gross times rate / (100 + rate), within a
 * cent of the till's rounding), whatever the table's headings read or how its columns are ordered; the rate checks
 * the figure as well. `tax.ts` adds the rates up into the receipt's tax.
 */

import { priceReadings } from './items-readings.js';
import { DISCOUNT, NET, STRONG_TOTAL, SUBTOTAL, TAX, TIP, TOTAL } from './labels.js';
import { type Row, unionBox } from './layout.js';
import { type Amount, moneyAmounts } from './numbers.js';
import { MAX_VAT_RATE, netTaxGross } from './total-support.js';

/**
 * A rate printed on a row: `19%`, `A 7 %`, `5,50%`, `21,00 %`, or with the row's code digit run into it (`1 22%`
 * read `122%`, `2 10%` read `210%`).
 */
const RATE = /(?<![\d.,])(\d{1,3})(?:[.,](\d{1,2})0?)?\s?%/;
/** VAT and sales tax rates stay below this (percent). */
const MAX_RATE = MAX_VAT_RATE * 100;

/** The bill's figures as the totals read them: what a tax row's figure may be checked against. */
export interface Bill {
  readonly subtotal?: number;
  readonly total?: number;
}

export interface RateTax {
  readonly rate: number;
  readonly amount: Amount;
  readonly row: Row;
  /** The net or gross beside it (or on the row under it, or the bill's) confirms it by the rate. */
  readonly checked: boolean;
  /** What the rate's goods cost with the tax, where the row (or the bill) tells it. */
  readonly gross?: number;
}

/**
 * The rates a row's printed rate may be, likeliest first: as read, then without a first digit that was the row's
 * code (`16%` for `1 6%`); none above MAX_RATE.
 */
function rateReadings(text: string): number[] {
  const match = RATE.exec(text);
  const digits = match?.[1];
  if (!digits) return [];
  const fraction = match?.[2] ?? '0';
  const read = [digits, ...(digits.length >= 2 ? [digits.slice(1)] : [])].map((d) =>
    Number(`${d}.${fraction}`),
  );
  return read.filter((rate, i) => rate <= MAX_RATE && (i === 0 || rate > 0));
}

export function rateOf(text: string): number | undefined {
  return rateReadings(text)[0];
}

/** The row's money amounts, without a rate written with decimals and its `%` apart (`5,50 %`). */
export function figures(row: Row, whole: boolean): Amount[] {
  return moneyAmounts(row, whole).filter((amount) => {
    const next = row.tokens[amount.tokenIndex + 1]?.text ?? '';
    return !next.startsWith('%') && amount.cents !== 0;
  });
}

/**
 * The gross `tax` and `base` imply when `tax` is `base` times the rate (a net) or the rate's share of `base` (a
 * gross), to the cent a till rounds to; undefined when it is neither.
 */
function grossOf(base: number, tax: number, rate: number): number | undefined {
  const [b, t] = [Math.abs(base), Math.abs(tax)];
  if (t >= b) return undefined;
  if (Math.abs((b * rate) / 100 - t) <= 1) return b + t;
  return Math.abs((b * rate) / (100 + rate) - t) <= 1 ? b : undefined;
}

/** A row that sums the bill: its figure is no tax, whatever tax word it holds (`TOTAL INCL. VAT`). */
export function sumsTheBill(row: Row): boolean {
  return SUBTOTAL.test(row.upper) || STRONG_TOTAL.test(row.upper) || TOTAL.test(row.upper);
}

/** A net, a tax and their gross side by side (`43,14 4,97 48,11`): the tax and the gross. */
export function addedUp(amounts: readonly Amount[]): { tax: Amount; gross: number } | undefined {
  const [first] = netTaxGross(amounts);
  return first ? { tax: first.tax, gross: first.gross.cents } : undefined;
}

/** A token the amount reader could not take (`1706`, `0:15`), read every way a till could have printed it. */
export function garbledFigures(row: Row, amounts: readonly Amount[]): Amount[] {
  const taken = new Set(amounts.map((amount) => amount.tokenIndex));
  return row.tokens.flatMap((token, tokenIndex) => {
    const digits = token.text.match(/\d/g)?.length ?? 0;
    if (taken.has(tokenIndex) || token.text.includes('%') || digits < 3) return [];
    return (priceReadings(token.text)?.cents ?? []).map((cents) => ({
      cents,
      decimals: true,
      text: token.text,
      bbox: token.bbox,
      tokenIndex,
      confidence: token.confidence,
    }));
  });
}

/**
 * A tax and its gross whose garbled net adds up with them (`17% 322 0,23 3,45`: 3,22 + 0,23, the rate itself
 * misread).
 */
function netGarbled(
  amounts: readonly Amount[],
  garbled: readonly Amount[],
): { tax: Amount; gross: number } | undefined {
  for (const tax of amounts) {
    for (const gross of amounts) {
      const net = gross.cents - tax.cents;
      if (tax.cents > 0 && net > 0 && tax.cents <= net * MAX_VAT_RATE && garbled.some((g) => g.cents === net))
        return { tax, gross: gross.cents };
    }
  }
  return undefined;
}

/** The tax a row's net and gross leave between them, when the rate confirms it (`B 10% 11,67 11 12,84`). */
function between(amounts: readonly Amount[], rate: number): { tax: Amount; gross: number } | undefined {
  for (const net of amounts) {
    for (const gross of amounts) {
      const cents = gross.cents - net.cents;
      if (cents > 0 && Math.abs((net.cents * rate) / 100 - cents) <= 1) {
        const tax = {
          ...gross,
          cents,
          text: `${gross.text} - ${net.text}`,
          bbox: unionBox([net.bbox, gross.bbox]),
        };
        return { tax, gross: gross.cents };
      }
    }
  }
  return undefined;
}

/**
 * The tax of a rate's row: the figure another figure of the row gives by the rate, or the middle one of a net, a
 * tax and their gross; else a garbled figure one of whose readings the rate confirms (`A 20% 552.8 1706 6,35`:
 * 1,06 of 6,35), or what its net and gross leave between them; else, on a row that names the tax, its one figure,
 * checked by the net on the row under it (`1 MwSt 20% 18,13` / `Netto 90,64`) or by the bill (`Sales Tax 6.25%
 * $3.57` of a subtotal of $57.12).
 */
export function rateTax(row: Row, next: Row | undefined, whole: boolean, bill: Bill): RateTax | undefined {
  const rates = rateReadings(row.text).filter((rate) => rate > 0);
  const [asRead] = rates;
  if (asRead === undefined || sumsTheBill(row)) return undefined;
  const amounts = figures(row, whole);
  const bases = amounts.map((amount) => amount.cents);
  const garbled = garbledFigures(row, amounts);
  const byAnyRate = (taxes: readonly Amount[], against: readonly number[]) => {
    for (const rate of rates) {
      const found = byRate(taxes, against, rate);
      if (found) return { ...found, rate };
    }
    return undefined;
  };
  const found =
    byAnyRate(amounts, bases) ??
    withRate(addedUp(amounts), asRead) ??
    byAnyRate(garbled, bases) ??
    rates.reduce<ReturnType<typeof byAnyRate>>(
      (done, rate) => done ?? withRate(between(amounts, rate), rate),
      undefined,
    ) ??
    withRate(netGarbled(amounts, garbled), asRead);
  if (found) return { rate: found.rate, amount: found.tax, row, checked: true, gross: found.gross };
  // one figure, as read or garbled past reading as an amount (`VAT 20% included 5:33`)
  const only = amounts.length === 1 ? amounts[0] : amounts.length === 0 ? garbled[0] : undefined;
  if (!only || !TAX.test(row.upper)) return undefined;
  // the figure as read, or another reading of it (`$3557` for $3.57, its point read as a 5)
  const readings = [only, ...garbledFigures(row, []).filter((a) => a.tokenIndex === only.tokenIndex)];
  const net = next && NET.test(next.upper) ? figures(next, whole).at(-1)?.cents : undefined;
  // a sales tax's gross is the subtotal with the tax added; an included tax's is the total
  const billed =
    byAnyRate(
      readings,
      [net, bill.subtotal, bill.total].filter((cents) => cents !== undefined),
    ) ?? withRate(salesTax(readings, bill), asRead);
  return billed
    ? { rate: billed.rate, amount: billed.tax, row, checked: true, gross: billed.gross }
    : { rate: asRead, amount: only, row, checked: false };
}

/** The figure among `taxes` that one of `bases` gives by `rate`, and the gross they imply. */
function byRate(
  taxes: readonly Amount[],
  bases: readonly number[],
  rate: number,
): { tax: Amount; gross: number } | undefined {
  for (const tax of [...taxes].sort((a, b) => Math.abs(a.cents) - Math.abs(b.cents))) {
    for (const base of bases) {
      const gross = base === tax.cents ? undefined : grossOf(base, tax.cents, rate);
      if (gross !== undefined) return { tax, gross };
    }
  }
  return undefined;
}

function withRate<T extends object>(found: T | undefined, rate: number): (T & { rate: number }) | undefined {
  return found ? { ...found, rate } : undefined;
}

/** The reading of a sales tax row that takes the subtotal to the total (a tax on the taxable goods only). */
function salesTax(readings: readonly Amount[], bill: Bill): { tax: Amount; gross: number } | undefined {
  const { subtotal, total } = bill;
  if (subtotal === undefined || total === undefined) return undefined;
  const tax = readings.find((a) => a.cents > 0 && subtotal + a.cents === total);
  return tax ? { tax, gross: total } : undefined;
}

/** A charge or a deduction given as a rate: a service charge, a tip, a discount (`service Chg 10.00% : 7.47`). */
const NOT_A_TAX_RATE = /\bSERV(?:ICE|ICIO|IZIO)?\b|\bSVC\b|\bSERVICE\s*CH/;

/**
 * A row that prints a tax rate: not a row that sums the bill, nor a charge or deduction given as a rate, whose
 * figure is no tax (a table row's words may be garbled past reading: `A 23% BET Bras 0,14`).
 */
export function taxRateRow(row: Row): boolean {
  return (
    !sumsTheBill(row) && !NOT_A_TAX_RATE.test(row.upper) && !TIP.test(row.upper) && !DISCOUNT.test(row.upper)
  );
}
