/**
 * The tax a receipt states: what a user files as the tax paid. A European receipt states the VAT its prices
 * include, rate by rate (the rows of a VAT table, `enth. MwSt 19% 1,23` notes, `1 MwSt 20% 18,13` over `Netto
 * 90,64`), sometimes with a sum row under the rates; a US receipt adds its sales tax on a row of its own. With
 * several rates their taxes add up to the receipt's tax: one rate's figure is a part of it.
 *
 * Each rate's row is read in `tax-rates.ts`. The rates' grosses add up to the bill when every rate was read: a tax
 * whose rates do not is a part of the receipt's, and reported unsure.
 */

import { NOT_TAX, TAX } from './labels.js';
import { type Row, unionBox } from './layout.js';
import type { Amount } from './numbers.js';
import {
  addedUp,
  type Bill,
  figures,
  garbledFigures,
  type RateTax,
  rateOf,
  rateTax,
  sumsTheBill,
  taxRateRow,
} from './tax-rates.js';
import { MAX_VAT_RATE } from './total-support.js';
import type { Located } from './totals.js';

/** A row that states the tax of every rate together: `Total VAT`, `TOTALE IVA`, `Summe MwSt`, `IVA TOTAL`. */
const TAX_SUM =
  /\b(?:TOTAL|TOTALE|TOTAAL|SUMME|GESAMT)\W*(?:VAT|TAX|GST|IVA|TVA|BTW|MWST|UST|STEUER)\b|\b(?:VAT|IVA|TVA|BTW|MWST)\W*(?:TOTAL|TOTALE|TOTAAL)\b/;
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
    (bill.total === undefined || stated.cents < bill.total * MAX_VAT_RATE)
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
