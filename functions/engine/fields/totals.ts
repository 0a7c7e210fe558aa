/**
 * Totals: the amount paid and the amounts around it (subtotal, tax, tip, discount, rounding, cash tendered,
 * change). Positions matter: a total is the amount on a TOTAL row (or, when the receipt wraps it, on the
 * amounts-only row just below), never "the biggest number". Cash and change are not the total, but
 * total + change = cash confirms one.
 */

import {
  CARD,
  CASH_TENDERED,
  CHANGE,
  CURRENCY_CODE,
  DEPOSIT,
  DISCOUNT,
  ITEM_HEADER,
  isSummaryHeading,
  NET,
  NOT_CASH,
  NOT_CHANGE,
  NOT_TAX,
  NOT_TOTAL,
  REFUND,
  ROUNDING,
  STRONG_TOTAL,
  SUBTOTAL,
  summaryColumns,
  TAX,
  TIP,
  TOTAL,
} from './labels.js';
import { letterRatio, type Row } from './layout.js';
import {
  type Amount,
  findAmounts,
  formatCents,
  moneyAmounts,
  parseAmount,
  pricedInDollars,
} from './numbers.js';
import {
  agreedValue,
  decimalDropped,
  rowsThatAddUp,
  type Support,
  type SupportSource,
  sharedThreeDecimalValue,
  sourcesOf,
  supportFor,
  threeDecimals,
  vatRowByItsFigures,
  zeroSlips,
  zeroSlipWitness,
} from './total-support.js';

export interface Located {
  readonly amount: Amount;
  readonly row: Row;
  /** Base confidence from how the amount was found (label strength, wrapping, fallback). */
  readonly confidence: number;
  /** Why this value: the label it was printed under and the figures of the receipt that agree with it. */
  readonly evidence?: readonly string[];
}

export interface Totals {
  readonly total?: Located;
  readonly subtotal?: Located;
  readonly tax?: Located;
  readonly tip?: Located;
  readonly discount?: Located;
  readonly rounding?: Located;
  readonly cash?: Located;
  readonly change?: Located;
  /** How the total was chosen, for the consistency checks. */
  readonly totalSource?: 'label' | 'tender' | 'card' | 'vat-table' | 'arithmetic' | 'largest';
  /** The receipt's own figures that agree with the total, besides the one it was computed from. */
  readonly totalWitnesses: readonly SupportSource[];
  /** The figure a printed total read with a slipped digit was put back to (not among its witnesses). */
  readonly slipWitness?: SupportSource;
}

interface Scan {
  readonly rows: readonly Row[];
  readonly whole: boolean;
  /** Index of the first row of the tax summary table at the foot, or rows.length. */
  readonly summaryStart: number;
}

/** Column headings ("ITEM QTY TOTAL") name a total column, they do not state one. */
function isHeading(row: Row): boolean {
  const words = new Set(row.upper.match(ITEM_HEADER) ?? []).size;
  return (words >= 2 || (words >= 1 && /\((RM|\$)\)/.test(row.upper))) && !/\d[.,]\d/.test(row.text);
}

function isTotalRow(row: Row): 'strong' | 'plain' | undefined {
  if (NOT_TOTAL.test(row.upper) || isHeading(row)) return undefined;
  if (STRONG_TOTAL.test(row.upper)) return 'strong';
  if (TOTAL.test(row.upper)) return 'plain';
  return undefined;
}

/** The amount a labelled row states: its rightmost amount, or the amounts-only row right below when wrapped. */
function amountFor(scan: Scan, row: Row): { amount: Amount; row: Row; wrapped: boolean } | undefined {
  const own = moneyAmounts(row, scan.whole);
  const last = own[own.length - 1];
  if (last) return { amount: last, row, wrapped: false };
  const next = scan.rows[row.index + 1];
  // A row whose amount is there but unreadable (`Rückgeld 5575`) wrapped nothing: the row below is another
  // (`MwSt 7.7% 3.88` taken for the change gave cash - change 56,12 over `SUMME 54.25`).
  if (next === undefined || row.tokens.some((t) => /\d{3}/.test(t.text))) return undefined;
  const height = Math.max(1, row.bbox.y1 - row.bbox.y0);
  if (next.bbox.y0 - row.bbox.y1 > height * 1.5) return undefined;
  const below = moneyAmounts(next, scan.whole);
  const amount = below[below.length - 1];
  const rest = next.tokens.filter((_, i) => !below.some((a) => a.tokenIndex === i)).map((t) => t.text);
  if (amount === undefined || letterRatio(rest.join(' ')) > 0.5) return undefined;
  return { amount, row: next, wrapped: true };
}

/** A row with one amount and no rate: the bill said again, not a row of the VAT table. */
function restatesTotal(row: Row, whole: boolean): boolean {
  return moneyAmounts(row, whole).length === 1 && !/%/.test(row.text);
}

function located(scan: Scan, row: Row, base: number): Located | undefined {
  const found = amountFor(scan, row);
  if (!found) return undefined;
  const wrappedPenalty = found.wrapped ? 0.05 : 0;
  const ocr = 0.7 + 0.3 * Math.min(1, row.confidence);
  return { amount: found.amount, row: found.row, confidence: (base - wrappedPenalty) * ocr };
}

function lastMatching(
  scan: Scan,
  test: (row: Row) => boolean,
  base: number,
  before?: number,
): Located | undefined {
  const limit = Math.min(before ?? scan.rows.length, scan.summaryStart);
  for (let i = limit - 1; i >= 0; i--) {
    const row = scan.rows[i];
    if (row && test(row)) {
      const found = located(scan, row, base);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A TOTAL row whose only number has a third decimal ("TOTAL (IVA INCL.) 21.711 £" on a receipt in cents): not
 * money as read, it stands for the one figure of the receipt that is it with one of those decimals dropped (the
 * VAT table's 21,71), at a lower confidence.
 */
function threeDecimalTotal(row: Row, support: readonly Support[], base: number): Located | undefined {
  const amount = [...findAmounts(row)].reverse().find((a) => threeDecimals(a.text));
  if (!amount) return undefined;
  const witness = zeroSlipWitness(support, amount.cents, 1, amount.text);
  if (!witness) return undefined;
  const ocr = 0.7 + 0.3 * Math.min(1, row.confidence);
  return { amount: { ...amount, cents: witness.cents, decimals: true }, row, confidence: base * ocr * 0.8 };
}

/**
 * A total read with a third decimal that nothing supports as a thousands group, over a card amount read with a
 * third decimal too (`NET A PAYER EUR 39,860` over `Bancontact 39,880`: the zero read twice, as `60` and `80`): the
 * one value both readings give with a decimal dropped, 39,80, at the confidence of the reading.
 */
function sharedWithCard(
  found: Located | undefined,
  support: readonly Support[],
  cardRows: readonly Row[],
): Located | undefined {
  if (!found || !threeDecimals(found.amount.text) || sourcesOf(support, found.amount.cents).length > 0)
    return found;
  // the card's amount as read, a third decimal and all: no money as read, it is none of cardAmounts
  const cents =
    cardRows
      .filter(isCardRow)
      .flatMap((r) => findAmounts(r).slice(-1))
      .map((card) => sharedThreeDecimalValue(found.amount.text, card.text))
      .find((value) => value !== undefined) ?? paidBelow(found, cardRows);
  return cents === undefined ? found : { ...found, amount: { ...found.amount, cents, decimals: true } };
}

/** How far below a total the amount paid is printed (the payment row, its label maybe misread: `PHS 48,50`). */
const PAID_ROWS = 2;

/**
 * The amount paid, printed right below a total read with a third decimal under a label the OCR lost, that is the
 * total with one of those decimals dropped (`TOTALE COMPLESSIVO EUR 48,560` over `PHS 48,50`, POS misread): the
 * one such value. A row read as a card or cash payment is a witness of its own (the slipped-total repair hears
 * it), not also what chooses the value.
 */
function paidBelow(found: Located, rows: readonly Row[]): number | undefined {
  const dropped = new Set(decimalDropped(found.amount.text));
  const at = rows.indexOf(found.row);
  const paid = new Set(
    rows
      .slice(at + 1, at + 1 + PAID_ROWS)
      .filter((r) => !isCardRow(r) && !CASH_TENDERED.test(r.upper) && isTotalRow(r) === undefined)
      .flatMap((r) => moneyAmounts(r, false).slice(-1))
      .map((a) => a.cents)
      .filter((cents) => dropped.has(cents)),
  );
  return at >= 0 && paid.size === 1 ? [...paid][0] : undefined;
}

/** A printed total below the stated net is misread: with nothing to put in its place it is no more than a guess. */
const BELOW_NET_CAP = 0.45;

/**
 * A printed total below a net the receipt states cannot be the bill: the one value of `values` (above the net)
 * stands for it, at 0.6 at most; with none or several it stays, at BELOW_NET_CAP at most unless another figure
 * bears it out (the net then was a garbled word read as a label: `Net ttiicke EE 867.36` for a ticket number).
 */
function aboveNet(
  total: Located,
  net: number,
  values: ReadonlySet<number>,
  witnessedBy: (cents: number) => string[],
  supported: boolean,
): Located {
  const [cents] = values;
  if (values.size !== 1 || cents === undefined) {
    return supported ? total : { ...total, confidence: Math.min(total.confidence, BELOW_NET_CAP) };
  }
  return {
    ...total,
    amount: { ...total.amount, cents },
    confidence: Math.min(total.confidence, 0.6),
    evidence: [`printed ${total.amount.text} is below the net ${formatCents(net)}`, ...witnessedBy(cents)],
  };
}

/** The largest amount on a row that states a net (HT, Netto, Base), or 0: no bill is below it. */
function statedNet(rows: readonly Row[], whole: boolean): number {
  return Math.max(
    0,
    ...rows
      .filter((r) => NET.test(r.upper) && isTotalRow(r) === undefined)
      .flatMap((r) => moneyAmounts(r, whole).map((a) => a.cents)),
  );
}

function positive(l: Located | undefined): Located | undefined {
  return l ? { ...l, amount: { ...l.amount, cents: Math.abs(l.amount.cents) } } : undefined;
}

/** Cash or change as tendered: a third decimal of noise after its cents dropped (withoutNoiseDecimal). */
function inCents(l: Located | undefined, whole: boolean): Located | undefined {
  return l ? { ...l, amount: withoutNoiseDecimal(l.amount, whole) } : undefined;
}

export interface TotalsOptions {
  /** Amounts are whole numbers (Colombian pesos). */
  readonly whole: boolean;
  /** Sum of the line items, when any were found: a total equal to it is supported. */
  readonly itemsCents?: number;
  /** How many line items that sum adds up. */
  readonly itemCount?: number;
  /** Step, in hundredths, that cash totals are rounded to where the law says so (Malaysia: 5 sen). */
  readonly cashRounding?: number;
}

interface Candidate extends Located {
  score: number;
  sources: SupportSource[];
}

const SOURCE_WEIGHT: Record<SupportSource, number> = {
  tender: 1.5,
  'vat-table': 1.25,
  sum: 1,
  subtotal: 0.5,
  card: 1,
  items: 0.75,
  // never in the ranking's support: heard only when a printed total nothing else supports slipped
  reprinted: 0,
};

/** The figures a cash rounding printed after them does not change: the bill before it is rounded. */
const PRE_ROUNDING: ReadonlySet<SupportSource> = new Set(['subtotal', 'sum', 'vat-table', 'items']);

/** What a total read without cents on a receipt in cents is worth, against its label's confidence. */
const WITHOUT_CENTS = 0.8;

/** A card payment's row ("Geg. Mastercard 28,50", "PIN €52,78"), not the change given on it. */
const isCardRow = (r: Row) => CARD.test(r.upper) && !CHANGE.test(r.upper);

/** Amounts on card-payment rows at or after `from`: what was charged, which a total should equal. */
function cardAmounts(scan: Scan, from: number): number[] {
  const rows = scan.rows.slice(from, scan.summaryStart);
  return [...onCardRows(rows, scan.whole), ...onSlipRows(rows, scan.whole)]
    .map((a) => charged(a, scan.whole))
    .filter((cents) => cents > 0);
}

/** How far below a card row a card slip's amount is printed (the slip's AID, date and terminal lines between). */
const SLIP_ROWS = 12;

/**
 * A card slip's amount printed under its label, as French CB slips print it ("CARTE BANCAIRE / SANS CONTACT /
 * ... / MONTANT : / 7,29 EUR"): a total label with no amount of its own, a card row above it, and a row of
 * nothing but the amount below.
 */
function onSlipRows(rows: readonly Row[], whole: boolean): Amount[] {
  const found: Amount[] = [];
  rows.forEach((label, i) => {
    const below = rows[i + 1];
    if (!below || isTotalRow(label) === undefined || moneyAmounts(label, whole).length > 0) return;
    if (!rows.slice(Math.max(0, i - SLIP_ROWS), i).some(isCardRow)) return;
    const amount = bareAmount(below, whole);
    if (amount) found.push(amount);
  });
  return found;
}

/** Tokens a row holding only an amount may have besides it: a currency mark, an equals sign. */
const AMOUNT_MARK = /^[€$£=:*]$/;

/** The amount of a row that holds nothing else ("7,29 EUR"). */
function bareAmount(row: Row, whole: boolean): Amount | undefined {
  const amounts = moneyAmounts(row, whole);
  const [amount] = amounts;
  if (amounts.length !== 1 || !amount) return undefined;
  const end = amount.tokenIndex + amount.text.split(' ').length;
  const others = row.tokens.filter(
    (t, i) => (i < amount.tokenIndex || i >= end) && !AMOUNT_MARK.test(t.text) && !CURRENCY_CODE.test(t.text),
  );
  return others.length === 0 ? amount : undefined;
}

/** The amount each card row ends with, as read. */
function onCardRows(rows: readonly Row[], whole: boolean): Amount[] {
  return rows.filter(isCardRow).flatMap((r) => moneyAmounts(r, whole).slice(-1));
}

/**
 * What a card row's amount says was charged, on a receipt in cents a terminal prints to the cent: a third decimal
 * of noise after the cents dropped ("Multibanco 72,935€", read as a thousands group: 72,93). A separator lost
 * before the mark ("Pago con tarjeta 496€") is read back by moneyAmounts.
 */
function charged(amount: Amount, whole: boolean): number {
  return withoutNoiseDecimal(amount, whole).cents;
}

/**
 * On a receipt in cents, an amount read with a third decimal of noise after its cents ("Multibanco 72,935€",
 * "ESP 20,000€", taken for a thousands group): the first two decimals are the cents.
 */
function withoutNoiseDecimal(amount: Amount, whole: boolean): Amount {
  if (whole || amount.decimals || !threeDecimals(amount.text)) return amount;
  return { ...amount, cents: Math.floor(amount.cents / 1000), decimals: true };
}

/**
 * The rows of the VAT table: those after its heading, or, when the OCR lost the heading, the tax rows after the
 * first total row ("IVA 10%  12,93", "Base imp. 129,27", "A 19% 5,63 1,07 6,70").
 */
function vatRows(scan: Scan, from: number): Row[] {
  if (scan.summaryStart < scan.rows.length) return scan.rows.slice(scan.summaryStart);
  return scan.rows
    .slice(from + 1)
    .filter(
      (r) =>
        (TAX.test(r.upper) || summaryColumns(r.upper) >= 1 || vatRowByItsFigures(r, scan.whole)) &&
        !isTotalRow(r) &&
        !SUBTOTAL.test(r.upper),
    );
}

/** The amounts of the TOTAL rows (but `except`). */
function labelledAmounts(scan: Scan, except?: Row): number[] {
  return scan.rows
    .filter((row) => row !== except && isTotalRow(row) !== undefined)
    .flatMap((row) => moneyAmounts(row, scan.whole).slice(-1))
    .map((amount) => amount.cents);
}

/** Words that say the prices include the tax. */
const TAX_INCLUDED =
  /\b(INCL|INCLUDED|INCLUSIVE|INCLUDES|INKL|INKLUSIVE|ENTHALTEN|DARIN|TTC|INCLUIDO|INCLU[IÍ]DO|INCLUSA|INCLUSO|INCLUSE|INCLUS|DONT|DI CUI|WAARVAN|INCL\.)\b/;

function evidenceOf(label: string, sources: readonly SupportSource[]): string[] {
  return [label, ...sources.map((s) => `agrees with ${s}`)];
}

/** A figure's minus sign, before or after it and its mark ("-6,43", "—-6,04", "0,75-€", "-€ 0,90"). */
const MINUS = /^([€$£]?)[-—–]+|[-—–]+([€$£]?)$/g;

/** The row with the minus signs of its figures dropped. */
function unsigned(row: Row): Row {
  const tokens = row.tokens.map((t) =>
    /\d|^[-—–]+[€$£]?$/.test(t.text) ? { ...t, text: t.text.replace(MINUS, '$1$2') } : t,
  );
  const text = tokens.map((t) => t.text).join(' ');
  return text === row.text ? row : { ...row, tokens, text, upper: text.toUpperCase() };
}

/**
 * The totals of the receipt. The receipt's own figures witness a total only when positive, so a refund's
 * slipped total stood alone (`Total Documento -1143,00€` over a subtotal, cash and VAT row of -1143,09): when
 * nothing witnesses a refund's total as read, its figures are read again without their minus signs (which the OCR
 * keeps or drops at random), and a total they then agree on is the refund's, negative.
 */
export function findTotals(rows: readonly Row[], options: TotalsOptions): Totals {
  const scan = summaryScan(rows, options.whole);
  const refund = isRefund(scan);
  const printed = totalsAsPrinted(scan, refund, options);
  if (printed.totalWitnesses.length > 0 || printed.slipWitness !== undefined || !refund) return printed;
  const { itemsCents } = options;
  const unsignedScan = summaryScan(rows.map(unsigned), options.whole);
  const mirrored = totalsAsPrinted(unsignedScan, isRefund(unsignedScan), {
    ...options,
    ...(itemsCents !== undefined ? { itemsCents: Math.abs(itemsCents) } : {}),
  });
  const total = mirrored.total;
  const witnessed = mirrored.totalWitnesses.length > 0 || mirrored.slipWitness !== undefined;
  if (!total || total.amount.cents <= 0 || !witnessed) return printed;
  const evidence = [...(total.evidence ?? []), 'a refund: its figures read without their minus signs'];
  // The same total as read, now witnessed: its own row and text stay.
  const same = printed.total?.amount.cents === -total.amount.cents ? printed.total : undefined;
  return {
    ...printed,
    total: same
      ? { ...same, confidence: total.confidence, evidence }
      : { ...total, amount: { ...total.amount, cents: -total.amount.cents }, evidence },
    totalWitnesses: mirrored.totalWitnesses,
    ...(mirrored.slipWitness ? { slipWitness: mirrored.slipWitness } : {}),
    ...(mirrored.totalSource ? { totalSource: mirrored.totalSource } : {}),
  };
}

/** The rows, with where the tax summary table at the foot starts. */
function summaryScan(rows: readonly Row[], whole: boolean): Scan {
  // The table follows the totals: below the first third, or below a TOTAL row with its amount (a long card slip
  // under the table can push it into the first third).
  const firstTotal = rows.findIndex((r) => isTotalRow(r) !== undefined && moneyAmounts(r, whole).length > 0);
  const headingIndex = rows.findIndex(
    (r, i) =>
      (i > rows.length / 3 || (firstTotal >= 0 && i > firstTotal)) &&
      isSummaryHeading(r.upper) &&
      moneyAmounts(r, whole).length === 0,
  );
  return { rows, whole, summaryStart: headingIndex < 0 ? rows.length : headingIndex };
}

/**
 * A refund says so, or has nothing but negative totals (a return slip that prints no refund word), or more
 * negative than positive amounts on its total, card, cash, tax and net rows (`Totaal €0,72` read without its minus
 * sign between `PIN -0,72` and the card slip's `Totaal -0,72 EUR`; `TOTAL TTC 5,19€` over `TVA 21% -0,90`, `HT
 * -4,29` and `Carte Bancontact -5,19`).
 */
function isRefund(scan: Scan): boolean {
  const labelled = labelledAmounts(scan);
  const paid = onCardRows(scan.rows, scan.whole).map((amount) => amount.cents);
  const stated = scan.rows
    .filter(
      (r) =>
        isTotalRow(r) === undefined &&
        !isCardRow(r) &&
        (TAX.test(r.upper) || NET.test(r.upper) || (CASH_TENDERED.test(r.upper) && !CHANGE.test(r.upper))),
    )
    .flatMap((r) => moneyAmounts(r, scan.whole).slice(-1))
    .map((amount) => amount.cents);
  const signs = [...labelled, ...paid, ...stated];
  return (
    scan.rows.some((r) => REFUND.test(r.upper)) ||
    labelled.some((cents) => cents > 0 && refundedByVatRow(scan, cents)) ||
    (labelled.some((cents) => cents < 0) && !labelled.some((cents) => cents > 0)) ||
    signs.filter((cents) => cents < 0).length > signs.filter((cents) => cents > 0).length
  );
}

/**
 * A VAT table's rate row that states the bill refunded: its net and its gross read with their minus signs, the gross
 * the bill's amount (`A 21% -1,40 0,29 -1,69` under `TOTAAL €1,69` and `Betaald V PAY £€1,69`, the slip's `RETOUR`
 * and every other minus sign lost), or its net and tax read negative and adding up to it (`A 21% -1,40 -0,29 1,69`).
 * The OCR drops minus signs far more often than it adds them, and a deposit's
 * own VAT row (`0% -0,25 0,00 -0,25`) is not the bill.
 */
function refundedByVatRow(scan: Scan, cents: number): boolean {
  return scan.rows.some((row) => {
    if (!/\d\s?%/.test(row.text) || isTotalRow(row) !== undefined) return false;
    const amounts = moneyAmounts(row, scan.whole);
    const negatives = amounts.filter((a) => a.cents < 0);
    const gross = amounts.at(-1)?.cents;
    // the gross's own minus lost too: the net and the tax still add up to the bill refunded (`-1,40 -0,29 1,69`)
    const addsUp =
      negatives.length === 2 && gross === cents && negatives.reduce((sum, a) => sum + a.cents, 0) === -cents;
    return (negatives.length >= 2 && gross === -cents) || addsUp;
  });
}

function totalsAsPrinted(scan: Scan, refund: boolean, options: TotalsOptions): Totals {
  const { whole, itemsCents, itemCount, cashRounding } = options;
  const { rows } = scan;

  // The payment (cash, change, card) is often printed after the VAT table; its words never appear in one.
  const payment: Scan = { ...scan, summaryStart: rows.length };
  /** The amount on the last card row: what was charged, when nothing better says what was paid. */
  const chargedToCard = () => positive(lastMatching(payment, isCardRow, 0.75));
  const cash = inCents(
    positive(
      lastMatching(
        payment,
        (r) => CASH_TENDERED.test(r.upper) && !NOT_CASH.test(r.upper) && !CHANGE.test(r.upper),
        0.8,
      ),
    ),
    whole,
  );
  // A deposit returned (`Emballage retour -€ 0,25`, Dutch) is an article, whatever change word it holds.
  const change = inCents(
    positive(
      lastMatching(
        payment,
        (r) => CHANGE.test(r.upper) && !NOT_CHANGE.test(r.upper) && !DEPOSIT.test(r.upper),
        0.8,
      ),
    ),
    whole,
  );
  // A rounding adjustment is small; "ROUNDING RM 45.35" on some tills is the rounded total itself.
  const smallest = whole ? 100_00 : 1_00;
  const rounding = lastMatching(
    scan,
    (r) => ROUNDING.test(r.upper) && moneyAmounts(r, whole).some((a) => Math.abs(a.cents) < smallest),
    0.8,
  );

  const tendered =
    cash && change && change.amount.cents < cash.amount.cents
      ? cash.amount.cents - change.amount.cents
      : undefined;
  // Cash handed over with no change printed: the exact amount paid.
  const exactCash = cash && !change ? cash.amount.cents : undefined;

  // Candidates: every TOTAL row before the tax summary (and, weakly, inside it).
  const labelled: { row: Row; kind: 'strong' | 'plain' }[] = [];
  for (const row of rows) {
    const kind = isTotalRow(row);
    if (kind && !CHANGE.test(row.upper)) labelled.push({ row, kind });
  }
  const firstLabel = labelled[0]?.row.index ?? Math.floor(rows.length / 2);
  const earlySubtotal = lastMatching(scan, (r) => SUBTOTAL.test(r.upper), 0.8);
  // A discount printed above the subtotal is in it already (`KORTING 1,50-€` among the articles): only one below
  // it is taken off.
  const earlyDiscount = positive(
    lastMatching(
      scan,
      (r) =>
        DISCOUNT.test(r.upper) &&
        isTotalRow(r) === undefined &&
        (earlySubtotal === undefined || r.index > earlySubtotal.row.index),
      0.7,
    ),
  );
  const earlyTax = positive(lastMatching(scan, taxRow, 0.75));
  const tipRow = positive(lastMatching(scan, (r) => TIP.test(r.upper), 0.75));
  const taxIncluded = rows.some((r) => TAX_INCLUDED.test(r.upper));
  const support: Support[] = supportFor({
    ...(cash ? { cash: cash.amount.cents } : {}),
    ...(change ? { change: change.amount.cents } : {}),
    ...(earlySubtotal ? { subtotal: earlySubtotal.amount.cents } : {}),
    ...(earlyTax ? { tax: earlyTax.amount.cents } : {}),
    ...(tipRow ? { tip: tipRow.amount.cents } : {}),
    ...(earlyDiscount ? { discount: earlyDiscount.amount.cents } : {}),
    ...(rounding ? { rounding: rounding.amount.cents } : {}),
    ...(itemsCents !== undefined ? { itemsCents, itemCount: itemCount ?? 0 } : {}),
    card: cardAmounts(payment, firstLabel),
    taxIncluded,
    summaryRows: vatRows(scan, firstLabel),
    whole,
  });
  // A subtotal whose dollar sign was read as a 5 (`Sub-Total 57.34` over `SALES TAX s0.21` and `Total $7.55`) adds
  // up without it to a total printed below: the sum stands by that total.
  const dollarSum = sumWithoutDollar(rows, earlySubtotal, earlyTax);
  if (dollarSum !== undefined && labelled.some(({ row }) => hasAmount(row, dollarSum, whole)))
    support.push({ source: 'sum', cents: dollarSum });

  const candidates: Candidate[] = [];
  const paymentRows = rows.slice(firstLabel);
  for (const { row, kind } of labelled) {
    const base = kind === 'strong' ? 0.85 : 0.75;
    const found =
      sharedWithCard(located(scan, row, base), support, paymentRows) ??
      (whole ? undefined : threeDecimalTotal(row, support, base));
    if (!found || found.amount.cents === 0 || (found.amount.cents < 0 && !refund)) continue;
    let score = kind === 'strong' ? 3 : 2;
    // No till prints a bill without its cents on a receipt in cents: `TOTAAL EUR 715510` lost its separator.
    if (!whole && !found.amount.decimals) score -= 1;
    // A total row inside the VAT table is one of its columns' sums; a strong total printed alone after it, one
    // amount and no rate ("Importo pagato 12,45" under an Italian receipt's VAT summary), restates the bill.
    if (row.index >= scan.summaryStart) score -= kind === 'strong' && restatesTotal(row, whole) ? 1 : 3;
    // "TOTAL 13.21 0.79": net and tax columns of a tax summary whose heading the OCR lost
    const own = moneyAmounts(row, whole);
    if (own.length >= 2 && own.some((a) => a.cents > found.amount.cents)) score -= 1.5;
    const sources = sourcesOf(support, found.amount.cents);
    for (const source of sources) score += SOURCE_WEIGHT[source];
    if (!sources.includes('tender') && found.amount.cents === exactCash) score += 0.5;
    if (cash && found.amount.cents > cash.amount.cents) score -= 1;
    score += found.amount.confidence - 0.8; // a blurred amount loses to a crisp one of the same rank
    score += row.index / (rows.length * 100); // later rows break ties: totals after rounding come last
    const label = `${kind === 'strong' ? 'strong' : 'plain'} total label`;
    candidates.push({ ...found, score, sources, evidence: evidenceOf(label, sources) });
  }
  // Readings that agree support each other.
  for (const c of candidates) {
    c.score += 0.3 * candidates.filter((o) => o !== c && o.amount.cents === c.amount.cents).length;
  }
  candidates.sort((a, b) => b.score - a.score);
  let total: Located | undefined = candidates[0];
  const firstPick = total;
  let totalSource: Totals['totalSource'] = total ? 'label' : undefined;
  const fromTender = (confidence: number, why: string): Located | undefined =>
    cash && tendered !== undefined
      ? {
          amount: { ...cash.amount, cents: tendered, text: '' },
          row: cash.row,
          confidence,
          evidence: [why, ...sourcesOf(support, tendered).map((s) => `agrees with ${s}`)],
        }
      : undefined;

  // A strong TOTAL row below the chosen plain one, or anywhere above one taken from the VAT table (a column
  // heading's "Total"), lost its amount to the OCR: cash - change says more.
  const unreadStrong = rows.some(
    (r) =>
      total !== undefined &&
      r !== total.row &&
      (r.index > total.row.index || total.row.index >= scan.summaryStart) &&
      r.index < scan.summaryStart &&
      isTotalRow(r) === 'strong' &&
      amountFor(scan, r) === undefined,
  );
  if (
    total &&
    unreadStrong &&
    tendered !== undefined &&
    isTotalRow(total.row) !== 'strong' &&
    tendered !== total.amount.cents
  ) {
    total = fromTender(0.5, 'cash - change (the strong total row is unreadable)');
    totalSource = 'tender';
  }

  // No TOTAL row before the VAT table, whose column heading's "Total" gave a row of it: what was charged to the
  // card is the bill ("Pago con tarjeta 18.26 €" above "% IVA BASE CUOTA TOTAL / 10.00% 14.34 1.43 A571").
  if (
    total &&
    total.row.index >= scan.summaryStart &&
    sourcesOf(support, total.amount.cents).length === 0 &&
    !rows.some((r) => r.index < scan.summaryStart && isTotalRow(r) !== undefined)
  ) {
    const card = chargedToCard();
    if (card && card.amount.cents !== total.amount.cents) {
      total = {
        ...card,
        confidence: 0.45,
        evidence: ['amount charged to the card (no total row before the VAT table)'],
      };
      totalSource = 'card';
    }
  }

  // A rounded total printed after the total: "ROUNDING RM 45.35" after "TOTAL 45.34" (adjustment unreadable or not).
  /** The total a rounded one printed after it was rounded from: the two differ by design, not by a slip. */
  let roundedFrom: number | undefined;
  if (total) {
    const maxAdjust = Math.max(Math.abs(rounding?.amount.cents ?? 0), whole ? 100_00 : 10);
    const base = total.amount.cents;
    for (const row of rows.slice(total.row.index + 1, scan.summaryStart)) {
      if (CHANGE.test(row.upper) || (CASH_TENDERED.test(row.upper) && !NOT_CASH.test(row.upper))) break;
      if (!ROUNDING.test(row.upper) && isTotalRow(row) === undefined) continue;
      const hit = moneyAmounts(row, whole).find(
        (a) => a.cents !== base && Math.abs(a.cents - base) <= maxAdjust,
      );
      if (hit && (tendered === undefined || tendered === hit.cents || tendered !== base)) {
        // The rounding read, the rounded total one digit from the total plus it (`Totaal 22,51 / AFRONDING
        // -0,01 / TE BETALEN EUR 22,56`): that digit slipped.
        const rounded = rounding ? base + rounding.amount.cents : undefined;
        const slipped =
          rounded !== undefined && rounded !== hit.cents && zeroSlips(hit.cents, true).has(rounded);
        const cents = slipped ? rounded : hit.cents;
        roundedFrom = base;
        total = {
          amount: { ...hit, cents },
          row,
          confidence: total.confidence,
          evidence: [
            'rounded total printed after the total',
            ...(slipped
              ? [`printed ${hit.text} read with a slipped digit: the total plus its rounding`]
              : []),
            ...sourcesOf(support, cents).map((s) => `agrees with ${s}`),
          ],
        };
        break;
      }
    }
  }

  // The till rounds cash totals (5 sen in Malaysia) and prints a rounding row whose amount the OCR lost.
  if (total && cashRounding && !rounding && total.amount.cents % cashRounding !== 0) {
    const base = total;
    const roundingRow = rows.find(
      (r) => r.index > base.row.index && r.index <= base.row.index + 3 && ROUNDING.test(r.upper),
    );
    if (roundingRow) {
      const cents = Math.round(total.amount.cents / cashRounding) * cashRounding;
      total = {
        amount: { ...total.amount, cents, text: '' },
        row: roundingRow,
        confidence: total.confidence * 0.75,
        evidence: ['total rounded to the cash step (rounding row unreadable)'],
      };
    }
  }

  // Cash - change disagrees with a blurred total, or is printed elsewhere too: trust the tender.
  if (total && tendered !== undefined && cash && change && total.amount.cents !== tendered) {
    const tenderSharp = Math.min(cash.amount.confidence, change.amount.confidence) >= 0.85;
    const elsewhere = rows.some(
      (r) => r !== cash.row && r !== change.row && moneyAmounts(r, whole).some((a) => a.cents === tendered),
    );
    if ((tenderSharp && total.amount.confidence < 0.7) || elsewhere) {
      total = fromTender(0.5, 'cash - change (the printed total is blurred or contradicted)');
      totalSource = 'tender';
    }
  }

  // Two independent figures of the receipt agree on a value the printed total does not have: the printed total
  // was misread. A printed row with that value, if any, gives the box.
  // A printed total without its cents on a receipt in cents (`Summe £14` over `ZWISCHENSUMME 17,42` and `BAR
  // 17,42`) is no reading to defend: cash handed over without change witnesses the value the other figures state,
  // and the subtotal may be the bill (the tax included, as European tills print it).
  const malformed = total !== undefined && !whole && !total.amount.decimals;
  const agreed =
    agreedValue(support) ??
    (malformed && exactCash !== undefined && cash !== undefined && !isCardRow(cash.row)
      ? agreedValue([
          ...support,
          { source: 'tender', cents: exactCash },
          ...(earlySubtotal ? [{ source: 'subtotal' as const, cents: earlySubtotal.amount.cents }] : []),
        ])
      : undefined);
  // The card's amount is printed in the total's font and slips alike ("NET À PAYER 4,31 €" and "Paiement VISA
  // 4,31 €" for 4,81): against two other witnesses one digit away, it alone does not hold the printed total.
  const printedHolds = (cents: number) => {
    const sources = sourcesOf(support, cents);
    return (
      sources.length > 0 &&
      !(sources.every((s) => s === 'card') && agreed && zeroSlips(cents, true).has(agreed.cents))
    );
  };
  // A cash rounding printed between the total taken and what the figures before the rounding agree on (subtotal,
  // VAT table, items: `NET A PAYER 44,18 / ARRONDI 0,02 / NET A PAYER 44,20`, `Zu zahlen 16.09 / Rundung 0.01 /
  // Gesamtbetrag 16.08`): the bill is their value rounded. A total printed so holds; another is put back to it.
  // A rounded total taken after the one they agree on, with no rounding row read (`ARRONDIT 0,02€`), holds as well.
  const preRounding = agreed !== undefined && agreed.sources.every((source) => PRE_ROUNDING.has(source));
  const beforeRounding =
    !preRounding || !agreed || !total
      ? undefined
      : rounding !== undefined && rounding.row.index < total.row.index && rounding.amount.cents !== 0
        ? agreed.cents + rounding.amount.cents
        : roundedFrom === agreed.cents
          ? total.amount.cents
          : undefined;
  if (total && agreed && beforeRounding !== undefined) {
    if (total.amount.cents !== beforeRounding) {
      total = {
        ...total,
        amount: { ...total.amount, cents: beforeRounding },
        confidence: 0.6,
        evidence: [
          `${agreed.sources.join(' and ')} agree before the rounding`,
          `printed total ${total.amount.text} disagrees`,
        ],
      };
      totalSource = 'arithmetic';
    }
  } else if (
    agreed &&
    (!total || (total.amount.cents !== agreed.cents && !printedHolds(total.amount.cents)))
  ) {
    const printed = candidates.find((c) => c.amount.cents === agreed.cents);
    const misread = total
      ? `printed total ${total.amount.text || total.amount.cents / 100} disagrees`
      : 'no total row';
    const evidence = [`${agreed.sources.join(' and ')} agree`, misread];
    if (printed) total = { ...printed, confidence: Math.max(printed.confidence, 0.7), evidence };
    else if (total && zeroSlips(total.amount.cents, true).has(agreed.cents)) {
      // One digit of the printed total slipped: its row and box still show where the bill is printed.
      total = {
        ...total,
        amount: { ...total.amount, cents: agreed.cents },
        evidence,
      };
    } else {
      const at = total?.row ?? cash?.row ?? rows[rows.length - 1];
      const base = total?.amount ?? cash?.amount;
      if (at && base)
        total = {
          amount: { ...base, cents: agreed.cents, text: '', decimals: base.decimals || !whole },
          row: at,
          confidence: 0.6,
          evidence,
        };
    }
    totalSource = 'arithmetic';
  }

  // Nothing supports the printed total, but a figure of the receipt equals it with one 6, 8 or 9 read as a zero
  // (the till's slashed zero slipped on the total's row), or with any one digit changed when the total was read
  // weakly or printed in a form no till prints. Cash handed over without change that equals it, or a rounding row
  // that takes a figure of the receipt to it (`Totaalbedrag 68,12€ / Afronding -0,02€ / TE BETALEN 68,10€ /
  // CONTANT 68,10€`), supports it: it is read right.
  /** Rows whose net and tax add up to their gross: figures read twice over. */
  const addingUpRows = rowsThatAddUp(rows, whole);
  /** The figure a slipped printed total was put back to: it chose the value, so it does not also confirm it. */
  let slipWitness: SupportSource | undefined;
  // A total printed above the rounding row is a figure it rounds too (`TOTAAL € 23,44 / Afronding € 0,01 / Te
  // betalen € 23,45` under a change misread): the rounded total is no slip of it.
  const roundedTo = (cents: number) =>
    rounding !== undefined &&
    (support.some((s) => s.cents + rounding.amount.cents === cents) ||
      (total !== undefined &&
        rounding.row.index < total.row.index &&
        rows
          .slice(0, rounding.row.index)
          .some((r) => isTotalRow(r) !== undefined && hasAmount(r, cents - rounding.amount.cents, whole))));
  // `Totaalbedrag 24,83 / AFRONDING 0,62 / Totaal te betalen EUR 24,85`: the rounding misread, the rounded total is
  // no slip of the total it was rounded from.
  if (
    total &&
    totalSource === 'label' &&
    roundedFrom === undefined &&
    sourcesOf(support, total.amount.cents).length === 0 &&
    total.amount.cents !== exactCash &&
    !roundedTo(total.amount.cents)
  ) {
    const { cents, confidence, text } = total.amount;
    // Exact cash witnesses it too (`Contante 63,50` under `TOTALE 63,56`).
    const cashPaid: Support[] = exactCash === undefined ? [] : [{ source: 'tender', cents: exactCash }];
    const base = total;
    const printedOn = new Map<number, number>();
    for (const row of rows) {
      if (row === base.row) continue;
      // An amount read with a third decimal on a receipt in cents restates each value it has with one dropped
      // (a card slip's `Montante: 35,002 EUR` under `MULTIBANCO 35,02`).
      const values = [
        ...moneyAmounts(row, whole).map((a) => a.cents),
        ...(whole ? [] : findAmounts(row).flatMap((a) => decimalDropped(a.text))),
      ];
      for (const value of new Set(values)) printedOn.set(value, (printedOn.get(value) ?? 0) + 1);
    }
    // A VAT row's gross that its net and tax add up to is a figure read twice (`SUBTOTAL 19,08 2,29 21,37` under
    // `TOTAL EUR 21,31`), though the table it heads was not made out.
    const addingUp = addingUpRows.map((r) => r.gross);
    const restated = new Set([
      ...[...printedOn].filter(([, count]) => count >= 2).map(([value]) => value),
      ...addingUp,
    ]);
    // A mark printed apart ("Totaal EUR 1225") is part of the printed form: a bare number on a receipt in cents.
    const printed =
      !whole && total.amount.currencyMark && /^\d+$/.test(text)
        ? `${total.amount.currencyMark} ${text}`
        : text;
    // The bill printed again on another total row (a card slip's `Totaal 10.15 EUR` under `TE BETALEN £10115`).
    const reprinted = labelledAmounts(scan, base.row).map(
      (c): Support => ({ source: 'reprinted', cents: c }),
    );
    const witness = zeroSlipWitness(
      [
        ...support,
        ...cashPaid,
        ...reprinted,
        ...addingUp.map((c): Support => ({ source: 'vat-table', cents: c })),
      ],
      cents,
      confidence,
      printed,
      restated,
    );
    if (witness && !(nearBill(cents, earlySubtotal) && !nearBill(witness.cents, earlySubtotal))) {
      total = {
        ...total,
        amount: {
          ...total.amount,
          cents: witness.cents,
          decimals: total.amount.decimals || threeDecimals(total.amount.text),
        },
        evidence: [`printed ${total.amount.text} read with a slipped digit`, `agrees with ${witness.source}`],
      };
      slipWitness = witness.source;
    }
  }

  // A printed total below the net the receipt states (HT, Netto, Base) cannot be the bill: one digit of it was
  // misread ("TOTAL 1,77 €" over "TVA 5,5% 0,41 / HT 7,36"), and the one figure of the receipt one digit away
  // from it that is not below the net stands for it.
  // So is a subtotal with a tax added under it and nothing taken off (`SUBTOTAL 27.48 / TAX 0.25 / BALANCE DUE
  // $21.73`), while nothing else of the receipt has the printed total's value: a subtotal misread by the same
  // digit would carry its sum with it, and the card or the cash would then bear the printed total out.
  const borneOut = (cents: number) =>
    sourcesOf(support, cents).length > 0 || cents === tendered || cents === exactCash;
  const taxAdded =
    earlySubtotal !== undefined &&
    earlyTax !== undefined &&
    earlyDiscount === undefined &&
    !taxIncluded &&
    earlyTax.row.index > earlySubtotal.row.index &&
    earlyTax.amount.cents > 0 &&
    earlyTax.amount.cents < earlySubtotal.amount.cents &&
    total !== undefined &&
    sourcesOf(support, total.amount.cents).length === 0 &&
    total.amount.cents !== exactCash;
  const net =
    total && totalSource === 'label'
      ? Math.max(statedNet(rows, whole), taxAdded ? (earlySubtotal?.amount.cents ?? 0) : 0)
      : 0;
  if (total && total.amount.cents > 0 && total.amount.cents < net) {
    const slips = zeroSlips(total.amount.cents, true);
    const above = support.filter((s) => s.cents >= net);
    const fits = new Set(above.filter((s) => slips.has(s.cents)).map((s) => s.cents));
    // More than one digit misread (`TOTAL TTC 03,10 €` for 83,70): the VAT table's net and tax added up are the
    // bill by their making, where the items' sum may lack an article read garbled.
    const table = new Set(above.filter((s) => s.source === 'vat-table').map((s) => s.cents));
    total = aboveNet(
      total,
      net,
      fits.size > 0 ? fits : table,
      (cents) => sourcesOf(support, cents).map((s) => `agrees with ${s}`),
      borneOut(total.amount.cents),
    );
  }

  // Nor can a printed total below the net of a row whose net and tax add up to its gross (`TE BETALEN € 6,15` over
  // `SUBTOTAAL 61,20 6,55 67,75`, digits lost): the gross of the one such row labelled a sum, above every such net,
  // stands for it (a rate's own row is not the bill).
  const tableNet = Math.max(0, ...addingUpRows.map((r) => r.net));
  if (total && totalSource === 'label' && total.amount.cents > 0 && total.amount.cents < tableNet) {
    const grosses = new Set(addingUpRows.filter((r) => r.sum && r.gross > tableNet).map((r) => r.gross));
    total = aboveNet(total, tableNet, grosses, () => ['the VAT table adds up'], borneOut(total.amount.cents));
  }

  // "TOTAAL 57,79 / Afrondingsverschil 0,01 / CONTANT 57,80": a cash rounding printed below the total gives the
  // amount paid, when cash minus change, the cash handed over without change, or the card says so, or a total
  // row below the rounding states it with one digit slipped ("Afrondingsverschil € 0,02 / TE BETALEN €13,15" under
  // "TOTAAL €13,73": 13,75).
  if (total && rounding && rounding.row.index > total.row.index && rounding.amount.cents !== 0) {
    const paid = total.amount.cents + rounding.amount.cents;
    const slips = zeroSlips(paid, true);
    const restated = rows
      .slice(rounding.row.index + 1, scan.summaryStart)
      .some((r) => isTotalRow(r) !== undefined && moneyAmounts(r, whole).some((a) => slips.has(a.cents)));
    const exact =
      tendered === paid ||
      exactCash === paid ||
      support.some((s) => s.source === 'card' && s.cents === paid) ||
      restated;
    if (exact) {
      total = {
        ...total,
        amount: { ...total.amount, cents: paid },
        evidence: [...(total.evidence ?? []), `rounded by ${rounding.amount.text} to the amount paid`],
      };
    }
  }

  if (!total && tendered !== undefined) {
    total = fromTender(0.45, 'cash - change (no total row)');
    totalSource = 'tender';
  }
  // No total row, no change given: the amount charged to the card is what was paid.
  const charged = total ? undefined : chargedToCard();
  if (charged) {
    total = { ...charged, confidence: 0.45, evidence: ['amount charged to the card (no total row)'] };
    totalSource = 'card';
  }
  // Nor a card amount read: the bill the VAT table states (its sum row, or its rows' grosses added up), printed.
  if (!total) {
    total = statedByVatTable(scan, support);
    if (total) totalSource = 'vat-table';
  }
  if (!total) {
    total = largestAmount(scan);
    if (total) totalSource = 'largest';
  }

  // A refund's total printed or read without its minus sign while its other figures have it ("Creditnota …
  // Subtotaal -5,47 / TOTAAL 5,47 € / CONTANT -5,47").
  if (total && refund && total.amount.cents > 0) {
    const negated = -total.amount.cents;
    const signed =
      rows.some(
        (r) =>
          r !== total?.row &&
          [SUBTOTAL, TOTAL, CASH_TENDERED, CARD, CHANGE].some((label) => label.test(r.upper)) &&
          moneyAmounts(r, whole).some((a) => a.cents === negated),
      ) || refundedByVatRow(scan, total.amount.cents);
    if (signed) {
      total = {
        ...total,
        amount: { ...total.amount, cents: negated },
        evidence: [...(total.evidence ?? []), "a refund: the total's minus sign is on its other figures"],
      };
    }
  }

  const totalIndex = total?.row.index;
  const subtotal = lastMatching(
    scan,
    (r) => SUBTOTAL.test(r.upper),
    0.8,
    totalIndex !== undefined ? totalIndex + 1 : undefined,
  );
  const discount = earlyDiscount;
  // A total far below the subtotal is a misread ("RM.35" for RM8.35): cash - change, if it fits, is the total.
  const floor = (subtotal?.amount.cents ?? 0) - (discount?.amount.cents ?? 0) - 10;
  if (total && subtotal && tendered !== undefined && total.amount.cents < floor) {
    if (tendered >= floor && tendered <= subtotal.amount.cents * 1.3) {
      total = fromTender(0.5, 'cash - change (the printed total is below the subtotal)');
      totalSource = 'tender';
    }
  }
  let tax = earlyTax;
  if (tax && total && tax.amount.cents >= Math.abs(total.amount.cents)) tax = undefined;
  if (!tax && total) tax = taxFromSummary(vatRows(scan, firstLabel), whole, total.amount.cents);
  const tip = tipRow;

  // A total still read without its cents on a receipt in cents is worth less: else a re-read line that turns a
  // card slip's `Totaal 71,51 EUR` into `Totaal Z1SS1T EUR` would look better for the `TOTAAL EUR 715510` it leaves.
  if (
    total &&
    firstPick &&
    !whole &&
    !firstPick.amount.decimals &&
    total.amount.cents === firstPick.amount.cents
  )
    total = { ...total, confidence: total.confidence * WITHOUT_CENTS };
  const agreeing = total ? sourcesOf(support, total.amount.cents) : [];
  // A total taken from cash - change, the card or the VAT table, or put back from a slipped reading to a figure
  // of the receipt, is not witnessed by where it was taken from.
  const takenFrom =
    totalSource === 'tender' || totalSource === 'card' || totalSource === 'vat-table'
      ? totalSource
      : slipWitness;
  const witnessedBy = agreeing.filter((s) => s !== takenFrom);
  // Another of the receipt's figures says one digit otherwise of a total that only one other reading confirms:
  // the card charged (`SUBTOTALE 9.78` and `TOTALE 9,78` read alike over `POS 9,70`), or the subtotal where the
  // total has a 6, 8 or 9 for its 0 (`SUMME € 3618,18` and cash minus change over `ZWISCHENSUMME 3618,10`: a barred
  // zero read as 8 on the total and on the cash alike, so two readings agreeing prove nothing). Which one slipped is
  // not known, so the total is unconfirmed. Items that add up to it are a reading of their own (`Subtotale 36,21`,
  // the items' 36,21, over `VISA 30,21`).
  const saysOtherwise =
    total !== undefined &&
    witnessedBy.length < 2 &&
    support.some(
      (s) =>
        !witnessedBy.includes(s.source) &&
        ((s.source === 'card' && zeroSlips(total.amount.cents, true).has(s.cents)) ||
          (s.source === 'subtotal' && zeroSlips(total.amount.cents).has(s.cents))),
    );
  const totalWitnesses = saysOtherwise ? [] : witnessedBy;
  return {
    totalWitnesses,
    ...(slipWitness ? { slipWitness } : {}),
    ...(total ? { total } : {}),
    ...(subtotal && subtotal.amount.cents > 0 ? { subtotal } : {}),
    ...(tax ? { tax } : {}),
    ...(tip ? { tip } : {}),
    ...(discount ? { discount } : {}),
    ...(rounding ? { rounding } : {}),
    ...(cash ? { cash } : {}),
    ...(change ? { change } : {}),
    ...(totalSource ? { totalSource } : {}),
  };
}

/** The most a bill adds to its subtotal: tax, tip and service together stay below half of it. */
const MAX_ADDED = 1.5;

/**
 * A total the subtotal above it makes plausible: at least the subtotal, at most half as much again. A slipped
 * figure elsewhere (`DEBIT $860.98` twice, for $80.98 under `SUBTOTAL $77.41`) does not overrule a printed total
 * that is, when it is not.
 */
function hasAmount(row: Row, cents: number, whole: boolean): boolean {
  return moneyAmounts(row, whole).some((a) => a.cents === cents);
}

/** Subtotal + tax with the subtotal's first digit taken for a dollar sign, on a receipt priced in dollars. */
function sumWithoutDollar(
  rows: readonly Row[],
  subtotal: Located | undefined,
  tax: Located | undefined,
): number | undefined {
  const read = subtotal?.amount.text ?? '';
  if (!tax || tax.amount.cents <= 0 || !/^[5S]\d{1,3}[.,]\d{2}$/.test(read)) return undefined;
  if (!pricedInDollars(rows)) return undefined;
  const without = parseAmount(read.slice(1));
  return without ? without.cents + tax.amount.cents : undefined;
}

function nearBill(cents: number, subtotal: Located | undefined): boolean {
  const sub = subtotal?.amount.cents;
  return sub !== undefined && sub > 0 && cents >= sub && cents <= sub * MAX_ADDED;
}

function taxRow(r: Row): boolean {
  return (
    TAX.test(r.upper) && !NOT_TAX.test(r.upper) && isTotalRow(r) === undefined && !SUBTOTAL.test(r.upper)
  );
}

/**
 * In the VAT table, the tax whose net beside it (on its row, or on a row of its own) adds up to the total. A
 * single rate only: with several rates no one tax is the receipt's.
 */
function taxFromSummary(rows: readonly Row[], whole: boolean, totalCents: number): Located | undefined {
  const amounts = rows.flatMap((row) =>
    moneyAmounts(row, whole)
      .filter((amount) => amount.cents > 0)
      .map((amount) => ({ amount, row })),
  );
  for (const net of amounts) {
    const tax = amounts.find(
      (t) =>
        t !== net &&
        t.amount.cents <= net.amount.cents * 0.3 &&
        net.amount.cents + t.amount.cents === totalCents,
    );
    if (tax) return { amount: tax.amount, row: tax.row, confidence: 0.6 };
  }
  return undefined;
}

/** Last resort: the largest amount in the lower part of the receipt, with a low confidence. */
/**
 * The one bill the VAT table implies, where a row prints it (`SOUS 23,52 3,75 27,27` under `TOTAL À PAYER 2é,ek €`
 * and a card amount read `27.271 ¢`).
 */
function statedByVatTable(scan: Scan, support: readonly Support[]): Located | undefined {
  const implied = new Set(support.filter((s) => s.source === 'vat-table').map((s) => s.cents));
  const [cents] = implied;
  if (implied.size !== 1 || cents === undefined || cents <= 0) return undefined;
  for (const row of scan.rows) {
    const amount = moneyAmounts(row, scan.whole).find((a) => a.cents === cents);
    if (amount) {
      return { amount, row, confidence: 0.45, evidence: ['the VAT table states it (no total row read)'] };
    }
  }
  return undefined;
}

function largestAmount(scan: Scan): Located | undefined {
  let best: Located | undefined;
  for (const row of scan.rows.slice(Math.floor(scan.rows.length / 3), scan.summaryStart)) {
    if (CHANGE.test(row.upper) || (CASH_TENDERED.test(row.upper) && !NOT_CASH.test(row.upper))) continue;
    for (const amount of moneyAmounts(row, scan.whole)) {
      if (amount.cents > 0 && (!best || amount.cents > best.amount.cents))
        best = { amount, row, confidence: 0.25 };
    }
  }
  return best;
}
