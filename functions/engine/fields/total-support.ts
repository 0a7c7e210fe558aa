/**
 * What the rest of a receipt says the total must be. A printed total is one reading of one row; the receipt
 * prints the same figure again in other forms: subtotal + tax (− discount, + tip, ± rounding), cash handed
 * over − change, the net + tax (or gross) columns of the VAT table, the amount charged to the card, the sum of
 * the items. When two of these agree on a value and the printed total does not, the printed total was misread
 * (one digit slipped on faint print), and the agreed value is the total.
 */
import { NET, SUBTOTAL, TAX, TOTAL } from './labels.js';
import type { Row } from './layout.js';
import { type Amount, moneyAmounts } from './numbers.js';

/** `reprinted`: another total row's amount (a card slip's `Totaal 10.15 EUR`), heard only for a slipped total. */
export type SupportSource = 'tender' | 'sum' | 'subtotal' | 'vat-table' | 'card' | 'items' | 'reprinted';

export interface Support {
  readonly source: SupportSource;
  readonly cents: number;
  /** How many figures an items witness adds up. */
  readonly count?: number;
}

export interface SupportParts {
  readonly cash?: number;
  readonly change?: number;
  readonly subtotal?: number;
  readonly tax?: number;
  readonly tip?: number;
  readonly discount?: number;
  readonly rounding?: number;
  readonly itemsCents?: number;
  readonly itemCount?: number;
  /** The receipt says its prices include the tax ("TOTAL TTC", "inkl. MwSt", "IVA INCLUIDO"). */
  readonly taxIncluded: boolean;
  /** Amounts printed on card-payment rows after the totals. */
  readonly card: readonly number[];
  /** Rows of the VAT summary table at the foot. */
  readonly summaryRows: readonly Row[];
  readonly whole: boolean;
}

/** VAT and sales tax rates stay below this share of the net. */
export const MAX_VAT_RATE = 0.3;

/** A net, a tax and their gross printed side by side: the tax at most MAX_VAT_RATE of the net. */
export interface NetTaxGross {
  readonly net: Amount;
  readonly tax: Amount;
  readonly gross: Amount;
}

/** Every run of three figures that add up as a net, its tax and their gross (`43,14 4,97 48,11`), in row order. */
export function netTaxGross(amounts: readonly Amount[]): NetTaxGross[] {
  return amounts.flatMap((net, i) => {
    const tax = amounts[i + 1];
    const gross = amounts[i + 2];
    return tax &&
      gross &&
      gross.cents === net.cents + tax.cents &&
      Math.abs(tax.cents) <= Math.abs(net.cents) * MAX_VAT_RATE
      ? [{ net, tax, gross }]
      : [];
  });
}

/**
 * A rate printed on a row: "19%", "A 7 %", "21,00%"; "21,600%" (a third decimal, a zero read twice or as a 6) is
 * read as its whole percent, which is what tills print with two zero decimals.
 */
const RATE = /(\d{1,2})(?:[.,](\d{1,3}))?\s?%/;

function rateOf(text: string): string | undefined {
  const rate = RATE.exec(text);
  if (!rate?.[1]) return undefined;
  return rate[2] === undefined || rate[2].length === 3 ? rate[1] : `${rate[1]}.${rate[2]}`;
}

/**
 * Totals the VAT table implies. Per row: net + tax (two amounts, the second at most 30 % of the first) and
 * gross (a third amount equal to net + tax). A table of several rates implies only the sum of its rows' grosses
 * (one rate's net + tax is a part of the bill, not the bill). Net and tax printed on rows of their own
 * ("IVA 10%  12,93" / "Base imp.  129,27") pair up only when the table has one tax row.
 */
export function vatTableTotals(rows: readonly Row[], whole: boolean): Set<number> {
  const perRow: number[] = [];
  const grosses: number[] = [];
  const rowValues: number[] = [];
  /**
   * The table's own sum row ("Sub-total 2,68 0,30 2,98", or a row whose gross is the sum of those above it): its
   * gross is the bill, whatever the rates.
   */
  let sumRowGross: number | undefined;
  /**
   * A labelled sum row whose columns do not add up: its net + tax, or its last column when those did not read
   * (`Sub-total S657 379 60,10`).
   */
  let labelledGross: number | undefined;
  /** The values of the table's rows above that sum row. */
  let rowsAbove: number[] = [];
  for (const row of rows) {
    const amounts = moneyAmounts(row, whole).filter((a) => a.cents > 0);
    let rowSum: number | undefined;
    let rowGross: number | undefined;
    for (let i = 0; i + 1 < amounts.length; i++) {
      const net = amounts[i] as Amount;
      const tax = amounts[i + 1] as Amount;
      // VAT rates stay below 30%: a larger "tax" is another column (a unit price beside an amount)
      if (tax.cents > net.cents * MAX_VAT_RATE) continue;
      rowSum ??= net.cents + tax.cents;
      // "19%  5,63  1,07  6,70": the gross column confirms the pair
      if (amounts[i + 2]?.cents === net.cents + tax.cents) rowGross = net.cents + tax.cents;
    }
    // a gross its net confirms (the gross column, or the net plus its rate) beats a pair of columns that merely fit
    // (`A 7% 4,15 60,29 4.44`); one found by its tax's share alone does not (`10% 49,45 4,95 54,48`: 4,95 is the
    // share of anything from 54,40 to 54,50)
    const confirmed = rowGross ?? grossByNetAndRate(row, amounts);
    rowGross ??= grossByRate(row, amounts) ?? netBelow(row, amounts, rows[rows.indexOf(row) + 1], whole);
    // A rate's row whose net and tax do not pair, one of them misread (`2 20% 6,20 1538 8,28`): its last of three
    // columns, as for a sum row. Only the rows' grosses added up witness a total, so one such column alone does not.
    if (rowGross === undefined && rowSum === undefined && RATE.test(row.text))
      rowGross = columnsGross(row, whole);
    if (rowSum !== undefined) perRow.push(confirmed ?? rowSum);
    // The sum row is labelled so, or known by its figures: its gross is what the rows above it add up to, each by
    // its gross or, where that column did not read, its net + tax (`SUB 9.40 1.48 10.88`).
    const above = rowValues.reduce((sum, value) => sum + value, 0);
    const sumsAbove = rowValues.length >= 2 && rowGross === above;
    const labelled = SUBTOTAL.test(row.upper) || TOTAL.test(row.upper);
    if (rowGross !== undefined && (labelled || sumsAbove)) sumRowGross = rowGross;
    else if (rowGross !== undefined) grosses.push(rowGross);
    else if (labelled && labelledGross === undefined) {
      // its net + tax when its gross column did not read (`SUBTOTAL 39.20 1.28 460.48`), else its last column
      labelledGross = rowSum ?? columnsGross(row, whole);
      rowsAbove = [...rowValues];
    }
    const value = rowGross ?? rowSum;
    if (value !== undefined) rowValues.push(value);
  }
  const totals = new Set<number>();
  // The table's own sum row states the bill; the rows' grosses added up say less where one of them did not read.
  if (sumRowGross !== undefined) totals.add(sumRowGross);
  else if (grosses.length >= 2) totals.add(grosses.reduce((sum, gross) => sum + gross, 0));
  else if (labelledGross !== undefined && rowsAbove.length > 0 && rowsAbove.every((v) => v < labelledGross))
    totals.add(labelledGross);
  const taxRows = rows.filter((row) => TAX.test(row.upper) && moneyAmounts(row, whole).length > 0);
  const rates = new Set(rows.map((row) => rateOf(row.text)).filter((rate) => rate !== undefined));
  if (rates.size > 1 || taxRows.length > 1) return totals;
  for (const sum of perRow) totals.add(sum);
  const lastAmount = (row: Row | undefined) => (row ? moneyAmounts(row, whole).at(-1)?.cents : undefined);
  const tax = lastAmount(taxRows[0]);
  const net = lastAmount(rows.find((row) => NET.test(row.upper) && row !== taxRows[0]));
  if (tax !== undefined && net !== undefined && tax > 0 && tax <= net * MAX_VAT_RATE) totals.add(net + tax);
  return totals;
}

/**
 * The net and gross of every row whose net and tax columns add up to its gross (`SUBTOTAL 19,08 2,29 21,37`: the
 * gross read twice in effect, once printed and once as the sum of the two figures before it); `sum` when the row
 * is labelled a sum.
 */
export function rowsThatAddUp(
  rows: readonly Row[],
  whole: boolean,
): { net: number; gross: number; sum: boolean }[] {
  return rows.flatMap((row) => {
    const sum = SUBTOTAL.test(row.upper) || TOTAL.test(row.upper);
    const amounts = moneyAmounts(row, whole).filter((a) => a.cents > 0);
    return netTaxGross(amounts).map(({ net, gross }) => ({ net: net.cents, gross: gross.cents, sum }));
  });
}

/**
 * A row of the VAT table whatever its heading reads: a rate and amounts that add up (net + tax = gross, or a
 * gross the rate confirms). The heading above it (`BTW Excl. BTW Incl.`) may be garbled past recognition.
 */
export function vatRowByItsFigures(row: Row, whole: boolean): boolean {
  if (!RATE.test(row.text)) return false;
  const amounts = moneyAmounts(row, whole).filter((a) => a.cents > 0);
  return netTaxGross(amounts).length > 0 || grossByRate(row, amounts) !== undefined;
}

/**
 * The last amount of a table row printed in three columns or more (net, tax, gross), however its first columns
 * read: a labelled sum row of the table states the bill in its last column.
 */
function columnsGross(row: Row, whole: boolean): number | undefined {
  // a rate is no column of figures
  const columns = row.tokens.filter(
    (t) => (t.text.match(/\d/g)?.length ?? 0) >= 2 && !t.text.includes('%'),
  ).length;
  const last = moneyAmounts(row, whole).at(-1);
  return columns >= 3 &&
    last &&
    last.cents > 0 &&
    last.tokenIndex === row.tokens.length - 1 - trailingMarks(row)
    ? last.cents
    : undefined;
}

function trailingMarks(row: Row): number {
  let n = 0;
  for (let i = row.tokens.length - 1; i >= 0 && /^(?:[€$£]|EUR)$/i.test(row.tokens[i]?.text ?? ''); i--) n++;
  return n;
}

/** A later amount of the row that is a net of it plus the row's rate of that net, to the cent. */
function grossByNetAndRate(row: Row, amounts: readonly Amount[]): number | undefined {
  const rate = rateOf(row.text);
  if (rate === undefined) return undefined;
  const percent = Number(rate);
  // A zero rate ("2 0% 8,24 0,00 8,24", whose zero tax is no amount) has its net as its gross.
  if (!(percent >= 0 && percent <= MAX_VAT_RATE * 100)) return undefined;
  for (const [i, net] of amounts.entries()) {
    const gross = Math.round((net.cents * (100 + percent)) / 100);
    const found = amounts.slice(i + 1).find((a) => Math.abs(a.cents - gross) <= 1);
    if (found) return found.cents;
  }
  return undefined;
}

/**
 * A row's gross confirmed by its rate when its tax column did not read ("21%  17,70  3572  21,42"): the net
 * plus the rate of it, rounded to the cent as tills do, is a later amount of the row.
 */
function grossByRate(row: Row, amounts: readonly Amount[]): number | undefined {
  const byNet = grossByNetAndRate(row, amounts);
  if (byNet !== undefined) return byNet;
  const rate = rateOf(row.text);
  if (rate === undefined) return undefined;
  const percent = Number(rate);
  if (!(percent >= 0 && percent <= MAX_VAT_RATE * 100)) return undefined;
  // Its net column did not read ("10%  TT  0,12  1,29"): the tax is the rate's share of a later gross.
  if (percent === 0) return undefined;
  for (const [i, tax] of amounts.entries()) {
    const found = amounts
      .slice(i + 1)
      .find(
        (a) =>
          a.cents >= 100 &&
          a.cents > tax.cents &&
          Math.abs(Math.round((a.cents * percent) / (100 + percent)) - tax.cents) <= 1,
      );
    if (found) return found.cents;
  }
  return undefined;
}

/**
 * A rate's tax on a row of its own and its net on the row below (`A TVA 5.5% 1.70` / `HT 30.85`), their sum the
 * rate's gross when the rate confirms the tax: 5,5 % of 30,85 is 1,70.
 */
function netBelow(
  row: Row,
  amounts: readonly Amount[],
  below: Row | undefined,
  whole: boolean,
): number | undefined {
  const rate = Number(rateOf(row.text));
  const [tax] = amounts;
  if (
    amounts.length !== 1 ||
    !tax ||
    !below ||
    !(rate > 0) ||
    !NET.test(below.upper) ||
    RATE.test(below.text)
  )
    return undefined;
  const nets = moneyAmounts(below, whole).filter((a) => a.cents > 0);
  const [net] = nets;
  if (nets.length !== 1 || !net || Math.abs(Math.round((net.cents * rate) / 100) - tax.cents) > 1)
    return undefined;
  return net.cents + tax.cents;
}

/** Every value the receipt's own arithmetic supports, with where it comes from. */
export function supportFor(parts: SupportParts): Support[] {
  const support: Support[] = [];
  const { cash, change, subtotal, tax, tip = 0, discount = 0, rounding = 0 } = parts;
  if (cash !== undefined && change !== undefined && change >= 0 && change < cash) {
    support.push({ source: 'tender', cents: cash - change });
  }
  if (subtotal !== undefined && tax !== undefined && tax > 0 && tax < subtotal) {
    const sum = subtotal + tax + tip - discount;
    support.push({ source: 'sum', cents: sum });
    if (rounding !== 0) support.push({ source: 'sum', cents: sum + rounding });
  }
  // No subtotal read (`SUBTOTAL G2 35661` over `Sales Tax $ 209.15`): the articles stand for it, the tax added.
  const items = parts.itemsCents;
  const added = tax !== undefined && tax > 0 && !parts.taxIncluded;
  if (subtotal === undefined && added && items !== undefined && (parts.itemCount ?? 0) >= 2 && tax < items)
    support.push({ source: 'sum', cents: items + tax + tip - discount });
  if (subtotal !== undefined && subtotal > 0 && (tax === undefined || tax === 0 || parts.taxIncluded)) {
    // Tax included (most receipts outside North America), or none charged (`A VAT 0% 0.00`, a US sale of
    // untaxed goods): the subtotal is the total before tip and discount.
    support.push({ source: 'subtotal', cents: subtotal + tip - discount + rounding });
  }
  for (const cents of vatTableTotals(parts.summaryRows, parts.whole))
    support.push({ source: 'vat-table', cents });
  for (const cents of parts.card) support.push({ source: 'card', cents });
  if (parts.itemsCents !== undefined && parts.itemsCents > 0) {
    support.push({ source: 'items', cents: parts.itemsCents, count: parts.itemCount ?? 0 });
  }
  return support;
}

/** The distinct sources that agree with a value. */
export function sourcesOf(support: readonly Support[], cents: number): SupportSource[] {
  return [...new Set(support.filter((s) => s.cents === cents).map((s) => s.source))];
}

/**
 * Sources that restate the same figures count as one witness. Subtotal + tax and the VAT table print the same
 * net and tax figures (when the till's own figures are off by a cent they agree with each other and not with
 * the total); the items add up to the subtotal by construction, so they agree with it whether or not the tax
 * is included.
 */
const FAMILY: Record<SupportSource, string> = {
  tender: 'tender',
  sum: 'net and tax',
  'vat-table': 'net and tax',
  subtotal: 'items',
  items: 'items',
  card: 'card',
  // a card slip restates the amount charged
  reprinted: 'card',
};

function witnesses(sources: readonly SupportSource[]): number {
  return new Set(sources.map((s) => FAMILY[s])).size;
}

/**
 * A value at least two independent sources agree on, when there is exactly one such value (two different
 * agreed values mean the receipt's figures are not understood well enough to overrule what is printed).
 */
export function agreedValue(
  support: readonly Support[],
): { cents: number; sources: SupportSource[] } | undefined {
  const agreed = new Map<number, SupportSource[]>();
  for (const { cents } of support) {
    const sources = sourcesOf(support, cents);
    if (witnesses(sources) >= 2 && cents > 0) agreed.set(cents, sources);
  }
  if (agreed.size !== 1) return undefined;
  const [[cents, sources]] = [...agreed] as [[number, SupportSource[]]];
  // Cash handed over minus change is the most direct record of what was paid: an agreement it contradicts is
  // not strong enough to overrule the printed total.
  const tender = support.find((s) => s.source === 'tender');
  if (tender && tender.cents !== cents) return undefined;
  return { cents, sources };
}

/** Digits a slashed or dotted zero is read as. */
const ZERO_LOOKALIKES = /[689]/g;
/** Below this recognition confidence any digit of a printed total may have slipped (a blurred 7 read as 0). */
export const WEAK_DIGITS = 0.6;
/**
 * Only a sum of this many items is trusted over such a total: a single figure one digit away is as likely
 * misread itself (a scan's subtotal 14,06 under its TOTAL 14,00; cash 40,00 for 60,00 beside it).
 */
const MIN_SUMMED_ITEMS = 3;

/**
 * The values an amount would have if one of its 6, 8 or 9 digits were a misread zero, or, with `anyDigit`,
 * if any one digit had been misread.
 */
export function zeroSlips(cents: number, anyDigit = false): Set<number> {
  const digits = String(Math.abs(cents));
  const variants = new Set<number>();
  for (const match of digits.matchAll(anyDigit ? /\d/g : ZERO_LOOKALIKES)) {
    for (const digit of anyDigit ? '0123456789' : '0') {
      if (digit === match[0]) continue;
      const fixed = `${digits.slice(0, match.index)}${digit}${digits.slice(match.index + 1)}`;
      // A zero may lead only a whole part of 0 ("6,63" for 0,63): "06,30" is no amount, nor is 0,00.
      if ((fixed.length > 3 && fixed.startsWith('0')) || Number(fixed) === 0) continue;
      variants.add(Math.sign(cents) * Number(fixed));
    }
  }
  return variants;
}

/**
 * `cents` with any of its 6s, 8s and 9s read for zeros put back, one or several: a till's slashed zero slips on
 * every zero of a row alike (`TOTAL A PAGAR EUR 49,46` for the card's 40,40).
 */
function everyZeroSlip(cents: number): Set<number> {
  const found = new Set<number>();
  const walk = (value: number) => {
    for (const next of zeroSlips(value)) {
      if (!found.has(next)) {
        found.add(next);
        walk(next);
      }
    }
  };
  walk(cents);
  return found;
}

/**
 * A printed amount no till prints: its whole part starts with a 0 and has more digits ("00,17", "05,20"). One of
 * its digits was misread (a 2 blurred into a 0), so any figure of the receipt one digit away may stand for it.
 */
const MALFORMED = /^\D*0\d+[.,]\d{2}\D*$/;

/**
 * A printed amount whose cents digit came out as a mark or not at all ("33,7)" for 33,75, "39,1" for 39,11):
 * one decimal digit, then a sign no amount ends with or nothing (after a currency mark a percent sign too: `£2.9%`).
 * Its last digit is unknown, so any figure of the receipt that agrees with the digits read may stand for it.
 */
const CUT_SHORT = /^\D*\d+[.,]\d(?:[^\d\s€$£¥%.,-]\D*)?$|^[€$£]\d+[.,]\d%$/u;

/** A printed amount that ends at its separator ("£4," for 4,29): both cents digits unread, the whole part read. */
const NO_CENTS = /^[^\d.,]*\d+[.,]$/u;

/**
 * A printed amount with three decimals and no other separator ("€51,600" for 51,00): read as a thousands group
 * it is a thousand times the receipt's other figures, so when one of those is the amount with one of the three
 * digits dropped (a zero read as "60"), it stands for it.
 */
const THREE_DECIMALS = /^\D*\d{1,3}[.,]\d{3}\D*$/;

/**
 * Whether a printed amount on a receipt in cents lacks digits no till leaves out: its cents cut short (`31.5`) or
 * missing (`£4,`), or a whole part starting with a zero (`03,10`). As read it cannot be the amount printed.
 */
export function missingDigits(text: string): boolean {
  const printed = text.trim();
  return CUT_SHORT.test(printed) || NO_CENTS.test(printed) || MALFORMED.test(printed);
}

/** Whether a printed amount has the three-decimal form a witness may stand for with two decimals. */
export function threeDecimals(text: string): boolean {
  return THREE_DECIMALS.test(text.trim());
}

/**
 * A printed amount with a mark and no decimal separator on a receipt in cents: the separator was read as a
 * digit, the third from the end ("TOTAL £15376" for 15,76), or lost ("A PAYER 3021€" for 30,21), maybe with one
 * digit slipped as well ("Totaal EUR 1225" over `PIN 12,26`: read as printed, a total a hundred times the card's).
 */
const NO_SEPARATOR = /^[^\d.,]*\d{4,7}[^\d.,]*$/;

/**
 * The values a malformed printed amount would have with any one of its printed digits read otherwise, those of
 * an amount cut short with each digit in its cents place, those of three decimals with one dropped, and those of
 * an amount whose separator was read as a digit or lost.
 */
function malformedSlips(text: string): Set<number> {
  const variants = new Set<number>();
  const printed = text.trim();
  if (NO_SEPARATOR.test(printed) && /[^\d\s]/.test(printed)) {
    const digits = printed.replace(/\D/g, '');
    variants.add(Number(`${digits.slice(0, -3)}${digits.slice(-2)}`));
    variants.add(Number(digits));
    for (const value of oneDigitSlips(digits)) variants.add(value);
    return variants;
  }
  if (THREE_DECIMALS.test(printed)) return new Set(decimalDropped(printed));
  if (CUT_SHORT.test(printed)) {
    const read = printed.replace(/\D/g, '');
    for (const digit of '0123456789') variants.add(Number(`${read}${digit}`));
    return variants;
  }
  if (NO_CENTS.test(printed)) {
    const whole = Number(printed.replace(/\D/g, ''));
    for (let cents = 0; cents < 100; cents++) variants.add(whole * 100 + cents);
    return variants;
  }
  if (!MALFORMED.test(printed)) return variants;
  return oneDigitSlips(text.replace(/\D/g, ''));
}

/**
 * The values, in cents, of an amount read with three decimals (`35,002`) with one of them dropped (35,02 and
 * 35,00): a digit the OCR added. Empty for any other form.
 */
export function decimalDropped(text: string): number[] {
  if (!THREE_DECIMALS.test(text.trim())) return [];
  const digits = text.replace(/\D/g, '');
  const values = new Set<number>();
  for (let i = digits.length - 3; i < digits.length; i++) {
    values.add(Number(`${digits.slice(0, i)}${digits.slice(i + 1)}`));
  }
  return [...values];
}

/**
 * The one value two three-decimal readings of one figure both give with a decimal dropped (`NET A PAYER EUR
 * 39,860` over `Bancontact 39,880`: a zero read twice as `60` and `80`, 39,80), or undefined.
 */
export function sharedThreeDecimalValue(a: string, b: string): number | undefined {
  if (!THREE_DECIMALS.test(a.trim()) || !THREE_DECIMALS.test(b.trim())) return undefined;
  const other = malformedSlips(b);
  const shared = [...malformedSlips(a)].filter((value) => other.has(value));
  return shared.length === 1 ? shared[0] : undefined;
}

/** The figure `digits` with any one of its digits read otherwise. */
function oneDigitSlips(digits: string): Set<number> {
  const values = new Set<number>();
  [...digits].forEach((printed, i) => {
    for (const digit of '0123456789') {
      if (digit !== printed) values.add(Number(`${digits.slice(0, i)}${digit}${digits.slice(i + 1)}`));
    }
  });
  return values;
}

/**
 * Whether `printed` is `witness` with one of its digits lost ("3,12" for 23,12): a shorter amount, never a zero.
 * The witness must add up several figures, or be printed on two rows or more (`restated`: `Subtotaal €52,78` and
 * `PIN €52,78` over `Te betalen €5,78`): a single row one digit longer is as likely read with a digit too many
 * (`ECRAN SOLAIRE 260,19 €` over `TOTAL TTC 20,19 €`).
 */
function lostDigit(support: Support, printed: number, restated: ReadonlySet<number>): boolean {
  const single =
    support.source === 'card' ||
    support.source === 'reprinted' ||
    support.source === 'subtotal' ||
    (support.source === 'items' && (support.count ?? 0) < 2);
  if (single && !restated.has(support.cents)) return false;
  const witness = support.cents;
  const whole = String(Math.abs(witness));
  const read = String(Math.abs(printed));
  if (printed <= 0 || whole.length !== read.length + 1 || Math.sign(witness) !== Math.sign(printed))
    return false;
  return [...whole].some((_, i) => `${whole.slice(0, i)}${whole.slice(i + 1)}` === read);
}

/**
 * The one value the receipt's figures give that differs from `cents` only by a zero read as 6, 8 or 9 ("43,16"
 * under the card's "43,10"), or by a digit the reading lost ("TOTALE EURO 3,12" over a VAT table adding up to
 * 23,12), or by any one digit from a figure printed on two rows or more (`TOTAL À PAGAR 36,42` under the card's
 * `MB 38,42` and `Montante: 38,42 EUR`: one slip on the total's row is likelier than the same one on two); when
 * the printed total was read weakly (`confidence` below WEAK_DIGITS), the sum of MIN_SUMMED_ITEMS
 * items or more one digit away from it ("20,31" over 15 items adding up to 27,31); and when the printed total is
 * malformed (`text` "00,17"), any figure one digit away from what was printed; when its cents digit came out as a
 * mark ("33,7)"), any figure with the digits that were read.
 */
export function zeroSlipWitness(
  support: readonly Support[],
  cents: number,
  confidence = 1,
  text = '',
  restated: ReadonlySet<number> = new Set(),
): Support | undefined {
  const zeros = everyZeroSlip(cents);
  const anyDigit = zeroSlips(cents, true);
  const digits = confidence < WEAK_DIGITS ? anyDigit : new Set<number>();
  const malformed = malformedSlips(text);
  const matching = support.filter(
    (s) =>
      zeros.has(s.cents) ||
      lostDigit(s, cents, restated) ||
      (anyDigit.has(s.cents) && restated.has(s.cents)) ||
      malformed.has(s.cents) ||
      (digits.has(s.cents) && s.source === 'items' && (s.count ?? 0) >= MIN_SUMMED_ITEMS),
  );
  return new Set(matching.map((s) => s.cents)).size === 1 ? matching[0] : undefined;
}
