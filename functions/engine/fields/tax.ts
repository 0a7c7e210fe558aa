/**
 * The tax a receipt states: what a user files as the tax paid. A European receipt states the VAT its prices
 * include, rate by rate (the rows of a VAT table, `enth. MwSt 19% 1,23` notes, `1 MwSt 20% 18,13` over `Netto
 * 90,64`), sometimes with a sum row under the rates; a US receipt adds its sales tax on a row of its own. With
 * several rates their taxes add up to the receipt's tax: one rate's figure is a part of it.
 *
 * A rate's tax is told from the other figures of its row by the rate itself: the tax is the net times the rate,
 * or the gross times rate / (100 + rate), within a cent of the till's rounding. That holds whatever the table's
 * headings read or how its columns are ordered, and it checks the figure. The rates' grosses then add up to the
 * bill when every rate was read: a tax whose rates do not is a part of the receipt's, and reported unsure.
 */

import { priceReadings } from './items-readings.js';
import { DISCOUNT, NET, NOT_TAX, STRONG_TOTAL, SUBTOTAL, TAX, TIP, TOTAL } from './labels.js';
import { type Row, unionBox } from './layout.js';
import { type Amount, moneyAmounts } from './numbers.js';
import type { Located } from './totals.js';

/**
 * A rate printed on a row: `19%`, `A 7 %`, `5,50%`, `21,00 %`, or with the row's code digit run into it (`1 22%`
 * read `122%`, `2 10%` read `210%`).
 */
const RATE = /(?<![\d.,])(\d{1,3})(?:[.,](\d{1,2})0?)?\s?%/;
/** A row that states the tax of every rate together: `Total VAT`, `TOTALE IVA`, `Summe MwSt`, `IVA TOTAL`. */
const TAX_SUM =
  /\b(?:TOTAL|TOTALE|TOTAAL|SUMME|GESAMT)\W*(?:VAT|TAX|GST|IVA|TVA|BTW|MWST|UST|STEUER)\b|\b(?:VAT|IVA|TVA|BTW|MWST)\W*(?:TOTAL|TOTALE|TOTAAL)\b/;
/** VAT and sales tax rates stay below this (percent). */
const MAX_RATE = 30;

/** Every rate's tax checked by its rate, and the rates' grosses adding up to the bill. */
const WHOLE = 0.9;
/** The VAT table's own sum row, its figures adding up, and nothing against it. */
const TABLE_SUM = 0.85;
/** Every rate's tax checked, the bill not known to check that no rate is missing. */
const CHECKED = 0.75;
/** A rate's tax nothing checks, or one computed from the bill for the one rate whose row did not read. */
const UNSURE = 0.6;
/** Checked rates whose grosses fall short of the bill: a rate was not read, the figure is a part of the tax. */
const PART = 0.45;

/** The bill's figures as the totals read them: what a tax row's figure may be checked against. */
export interface Bill {
  readonly subtotal?: number;
  readonly total?: number;
}

interface RateTax {
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

function rateOf(text: string): number | undefined {
  return rateReadings(text)[0];
}

/** The row's money amounts, without a rate written with decimals and its `%` apart (`5,50 %`). */
function figures(row: Row, whole: boolean): Amount[] {
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
function sumsTheBill(row: Row): boolean {
  return SUBTOTAL.test(row.upper) || STRONG_TOTAL.test(row.upper) || TOTAL.test(row.upper);
}

/** A net, a tax and their gross side by side (`43,14 4,97 48,11`): the tax and the gross. */
function addedUp(amounts: readonly Amount[]): { tax: Amount; gross: number } | undefined {
  for (let i = 0; i + 2 < amounts.length; i++) {
    const [net, tax, gross] = amounts.slice(i, i + 3);
    if (!net || !tax || !gross || net.cents + tax.cents !== gross.cents) continue;
    if (Math.abs(tax.cents) <= Math.abs(net.cents) * (MAX_RATE / 100)) return { tax, gross: gross.cents };
  }
  return undefined;
}

/** A token the amount reader could not take (`1706`, `0:15`), read every way a till could have printed it. */
function garbledFigures(row: Row, amounts: readonly Amount[]): Amount[] {
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
      if (
        tax.cents > 0 &&
        net > 0 &&
        tax.cents <= net * (MAX_RATE / 100) &&
        garbled.some((g) => g.cents === net)
      )
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
function rateTax(row: Row, next: Row | undefined, whole: boolean, bill: Bill): RateTax | undefined {
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
function taxRateRow(row: Row): boolean {
  return (
    !sumsTheBill(row) && !NOT_A_TAX_RATE.test(row.upper) && !TIP.test(row.upper) && !DISCOUNT.test(row.upper)
  );
}

/** The first row that sums the bill (subtotal or total): taxes are stated at or below it. */
function firstSumRow(rows: readonly Row[]): number {
  const found = rows.findIndex(sumsTheBill);
  return found >= 0 ? found : Math.floor(rows.length / 2);
}

/**
 * The VAT table's own sum row under its rates (`Subtotaal 43,14 4,97 48,11`): a net, a tax and their gross, on one
 * of the two rows under the last row that prints a rate.
 */
function sumRow(
  rows: readonly Row[],
  last: number,
  whole: boolean,
): { tax: Amount; gross: number } | undefined {
  for (const row of rows.slice(last + 1, last + 3)) {
    if (rateOf(row.text) !== undefined) return undefined;
    const found = addedUp(figures(row, whole));
    if (found) return found;
  }
  return undefined;
}

function located(
  amounts: readonly Amount[],
  rows: readonly Row[],
  confidence: number,
  evidence: string,
): Located {
  const [first] = amounts as [Amount];
  const cents = amounts.reduce((sum, amount) => sum + amount.cents, 0);
  const amount: Amount = {
    ...first,
    cents,
    text: amounts.map((a) => a.text).join(' + '),
    bbox: unionBox(amounts.map((a) => a.bbox)),
    confidence: Math.min(...amounts.map((a) => a.confidence)),
  };
  return { amount, row: rows[0] as Row, confidence, evidence: [evidence] };
}

/** Within a cent a rate of the bill: the tills round each rate's figures on their own. */
function billed(gross: number, rates: number, bill: Bill): boolean | undefined {
  if (bill.total === undefined) return undefined;
  return Math.abs(Math.abs(bill.total) - gross) <= rates;
}

/** The rates printed whose rows read no tax. */
function unread(printed: ReadonlySet<number>, read: ReadonlyMap<number, RateTax>): number[] {
  return [...printed].filter((rate) => rate !== 0 && !read.has(rate));
}

/**
 * The one rate whose row printed no figure the rate confirms, when the others are read: its gross is what the bill
 * leaves, its tax that gross's share (`7% 36,50 56) 39,06` read with a garbled tax and nothing else of its row).
 */
function missingRate(
  unread: readonly number[],
  rates: readonly RateTax[],
  untaxed: number,
  bill: Bill,
): number | undefined {
  const [rate] = unread;
  if (unread.length !== 1 || rate === undefined || bill.total === undefined) return undefined;
  if (rates.some((r) => r.gross === undefined)) return undefined;
  const gross = Math.abs(bill.total) - untaxed - rates.reduce((sum, r) => sum + (r.gross ?? 0), 0);
  return gross > 0 ? Math.round((gross * rate) / (100 + rate)) : undefined;
}

export interface StatedTax {
  readonly tax?: Located;
  /** The receipt prints a tax rate other than zero below its first sum: its tax is stated rate by rate. */
  readonly rated: boolean;
}

/**
 * The tax the receipt states rate by rate, added up, or the VAT table's sum row where it prints one (its figures
 * add up, and it holds a rate whose row was misread); else a sales tax added without a rate (addedTax).
 */
export function statedTax(rows: readonly Row[], whole: boolean, bill: Bill = {}): StatedTax {
  const found = ratesTax(rows, whole, bill) ?? addedTax(rows, whole, bill);
  // a refund gives its tax back: its figures are read without their minus signs as often as not
  const refund = found && (bill.total ?? 0) < 0 && found.amount.cents > 0;
  const tax = refund ? { ...found, amount: { ...found.amount, cents: -found.amount.cents } } : found;
  const rated = rows
    .slice(firstSumRow(rows))
    .some(
      (row) =>
        (rateOf(row.text) ?? 0) > 0 &&
        taxRateRow(row) &&
        (TAX.test(row.upper) || figures(row, whole).length >= 2),
    );
  return { ...(tax ? { tax } : {}), rated };
}

function ratesTax(rows: readonly Row[], whole: boolean, bill: Bill): Located | undefined {
  const byRate = new Map<number, RateTax>();
  const printed = new Set<number>();
  /** A zero rate's goods, by its row: undefined where the row prints its tax (0,00) but not what was sold. */
  const zeroRated = new Map<number, number | undefined>();
  let lastRate = -1;
  for (const row of rows.slice(firstSumRow(rows))) {
    const rate = rateOf(row.text);
    if (rate === undefined || !taxRateRow(row)) continue;
    lastRate = row.index;
    printed.add(rate);
    if (rate === 0) {
      const sold = figures(row, whole).map((a) => Math.abs(a.cents));
      zeroRated.set(row.index, sold.length > 0 ? Math.max(...sold) : undefined);
      continue;
    }
    const found = rateTax(row, rows[row.index + 1], whole, bill);
    const known = found && byRate.get(found.rate);
    // a rate stated twice (a note and the table's row): the checked figure
    if (found && (!known || (found.checked && !known.checked))) byRate.set(found.rate, found);
  }
  // a zero rate's goods are part of the bill with no tax: its row's figure (net and gross alike), or none sold
  const untaxedRows = [...zeroRated.values()];
  // what the zero rates sold, when every zero-rated row tells it: only then can the bill check the other rates
  const untaxed = untaxedRows.every((gross) => gross !== undefined)
    ? untaxedRows.reduce<number>((sum, gross) => sum + (gross ?? 0), 0)
    : undefined;
  const rates = [...byRate.values()];
  const table = lastRate >= 0 ? sumRow(rows, lastRate, whole) : undefined;
  if (table) {
    const agreed = table.tax.cents === rates.reduce((s, r) => s + r.amount.cents, 0);
    const sound = agreed || billed(table.gross, 1, bill) === true;
    return located(
      [table.tax],
      [rows[lastRate] as Row],
      sound ? TABLE_SUM : UNSURE,
      'the VAT table’s sum row',
    );
  }
  if (rates.length === 0) {
    // one rate printed and nothing of its row read: its tax is its share of the bill, when the prices include it
    const included = bill.subtotal === undefined || bill.subtotal >= (bill.total ?? 0);
    const share =
      included && untaxed !== undefined ? missingRate(unread(printed, byRate), [], untaxed, bill) : undefined;
    if (share === undefined || lastRate < 0) return undefined;
    const row = rows[lastRate] as Row;
    const [token] = row.tokens;
    const amount: Amount = {
      cents: share,
      decimals: true,
      text: `(${share / 100})`,
      bbox: row.bbox,
      tokenIndex: 0,
      confidence: token?.confidence ?? row.confidence,
    };
    return located([amount], [row], UNSURE, "the rate's share of the bill (its row unreadable)");
  }
  const list = rates.map((r) => `${r.rate} %`).join(', ');
  const amounts = rates.map((r) => r.amount);
  const grosses = rates.map((r) => r.gross);
  const complete =
    untaxed !== undefined && grosses.every((g) => g !== undefined)
      ? billed(
          grosses.reduce<number>((s, g) => s + (g ?? 0), untaxed),
          rates.length,
          bill,
        )
      : undefined;
  const missing =
    complete === false && untaxed !== undefined
      ? missingRate(unread(printed, byRate), rates, untaxed, bill)
      : undefined;
  if (missing !== undefined) {
    const [first] = amounts as [Amount];
    const computed = { ...first, cents: missing, text: `(${missing / 100})` };
    return located(
      [...amounts, computed],
      rates.map((r) => r.row),
      UNSURE,
      `the taxes of the rates ${list} added up, and the rest of the bill's`,
    );
  }
  const checked = rates.every((r) => r.checked);
  const confidence = !checked ? UNSURE : complete === true ? WHOLE : complete === false ? PART : CHECKED;
  return located(
    amounts,
    rates.map((r) => r.row),
    confidence,
    rates.length > 1 ? `the taxes of the rates ${list} added up` : `the tax of the rate ${list}`,
  );
}

/**
 * A sales tax added under the subtotal without a rate (`TAX $1.17`): the figure of the one tax row that takes the
 * subtotal to the total, or the reading of its garbled figure that does (`TAX $1017`: 1.17).
 */
function addedTax(rows: readonly Row[], whole: boolean, bill: Bill): Located | undefined {
  const summed = rows.find((row) => TAX_SUM.test(row.upper));
  const stated = summed ? (figures(summed, whole).at(-1) ?? garbledFigures(summed, [])[0]) : undefined;
  if (
    summed &&
    stated &&
    stated.cents > 0 &&
    (bill.total === undefined || stated.cents < bill.total * (MAX_RATE / 100))
  )
    return located([stated], [summed], UNSURE, 'the tax summed on its own row');
  const { subtotal, total } = bill;
  if (subtotal === undefined || total === undefined || total <= subtotal) return undefined;
  const taxRows = rows.filter((row) => TAX.test(row.upper) && !NOT_TAX.test(row.upper) && !sumsTheBill(row));
  const [row] = taxRows;
  if (taxRows.length !== 1 || !row) return undefined;
  // the figure as read, or another reading of it (`$1017` taken for 1,017.00 is 1.17 with its point read as a 0)
  const added = garbledFigures(row, []).find((a) => a.cents === total - subtotal);
  return added ? located([added], [row], WHOLE, 'subtotal + tax = total') : undefined;
}
