/**
 * One row of the items region, read on its own: an article (a description and the amount it costs), a
 * quantity row (`2 x 1,29`, `2 Stk x 0,39`, `0,414 kg x 3,33 EUR/kg`, `0,846 kg 1,99 €/kg 1,68`) that gives
 * the quantity and unit price of a neighbouring article, or a description waiting for its amount. Which
 * article a quantity row belongs to is decided by items.ts, which sees the neighbours.
 *
 * Quantities are kept as exact decimal strings and in thousandths (weights have three decimals), money in
 * hundredths: quantity x unit price = amount is checked exactly, within the till's rounding of one cent.
 */
import {
  impliedPrice,
  inlineQuantity,
  leadingQuantity,
  lineCents,
  MARK,
  multiplies,
  PER,
  priceFromCents,
  type Quantity,
  quantityOf,
  readingSlip,
  TIMES,
  UNIT,
  type UnitPrice,
  weightOnly,
} from './item-quantities.js';
import { type PriceContext, prepareRow } from './item-tokens.js';
import { DEPOSIT, DISCOUNT, TAX } from './labels.js';
import { letterRatio, type Row } from './layout.js';
import { type Amount, moneyAmounts } from './numbers.js';

/**
 * A quantity row: the quantity and unit price of an article, with the line amount when the row prints one; a
 * weight printed alone (`NET WT 1.513 lb`) has no price.
 */
export interface QuantityRow {
  readonly kind: 'quantity';
  readonly row: Row;
  readonly quantity: Quantity;
  readonly price?: UnitPrice;
  readonly amount?: Amount;
}

export interface ArticleRow {
  readonly kind: 'article';
  readonly row: Row;
  /** The description as printed on this row; '' when the row holds prices only. */
  readonly description: string;
  readonly amount: Amount;
  readonly quantity?: Quantity;
  readonly price?: UnitPrice;
  /** The unit price is the amount divided by the quantity, not a printed figure: it checks nothing. */
  readonly priceImplied?: boolean;
}

/** Words only: a description waiting for its prices, or the rest of a wrapped one. */
export interface TextRow {
  readonly kind: 'text';
  readonly row: Row;
}

export interface OtherRow {
  readonly kind: 'other';
  readonly row: Row;
}

export type ItemRow = QuantityRow | ArticleRow | TextRow | OtherRow;

/**
 * A token that only flags the amount before it: VAT and tax codes (A, B, AW, 1, *, SR, ZRL, [SR]), currency
 * marks, and the marks the OCR reads for them. A word is not one: an amount followed by words is a price
 * inside a description ("0,25 EUR Pfand").
 */
function isFlag(text: string): boolean {
  return /^(EUR|EURO)$/i.test(text) || (text.length <= 6 && (text.match(/\p{L}/gu)?.length ?? 0) <= 3);
}

/** The amount that ends the row: the last amount followed by nothing but flags. */
function closingAmount(row: Row, amounts: readonly Amount[]): Amount | undefined {
  const last = amounts[amounts.length - 1];
  if (!last) return undefined;
  const width = last.text.split(' ').length;
  const after = row.tokens.slice(last.tokenIndex + width);
  if (after.length > 2 || !after.every((t) => isFlag(t.text)) || UNIT.test(after[0]?.text ?? ''))
    return undefined;
  // a volume or weight in the description ("ROTWEIN TROCKEN 0,75L"), not an amount with its VAT code
  if (/\d(L|G|KG|ML|CL)$/i.test(last.text)) return undefined;
  return last;
}

/**
 * "- 0,30": a minus sign the OCR set apart from its amount, on a discount or deposit-return row. Elsewhere a
 * lone dash before an amount is a leader the OCR read ("KAESESALAMI — 2,59").
 */
function signed(row: Row, amount: Amount): Amount {
  const before = row.tokens[amount.tokenIndex - 1]?.text;
  if (amount.cents <= 0 || before !== '-' || !(DISCOUNT.test(row.upper) || DEPOSIT.test(row.upper)))
    return amount;
  return { ...amount, cents: -amount.cents };
}

/**
 * A discount printed without its minus ("RABATT 10% 0,30") is still a deduction; a product whose name holds a
 * discount word ("PROMO PACK CHOCOLATE 5.90") is not: it has other words.
 */
function deductedSign(row: Row, amount: Amount): Amount {
  if (amount.cents <= 0 || !DISCOUNT.test(row.upper)) return amount;
  const rest = row.upper.replace(new RegExp(DISCOUNT.source, 'g'), ' ');
  return /\p{L}{4,}/u.test(rest) ? amount : { ...amount, cents: -amount.cents };
}

/** The rest of a quantity row must hold no words: at most an amount and its flags. */
function quantityRest(row: Row, consumed: string, whole: boolean): { ok: boolean; amount?: Amount } {
  const rest = row.text.slice(consumed.length).trim();
  if (rest === '') return { ok: true };
  if (/\p{L}{3,}/u.test(rest.replace(/\b(EUR|EURO|STK|KG)\b/gi, ''))) return { ok: false };
  // an amount carries decimals, as on article rows: `£1` after a fuel price is its `€/l` misread
  const amounts = moneyAmounts(row, whole).filter(
    (a) => (whole || a.decimals) && a.bbox.x0 >= tokenStart(row, consumed.length),
  );
  const amount = closingAmount(row, amounts);
  return amount ? { ok: true, amount: signed(row, amount) } : { ok: true };
}

/** Left edge of the token at a character offset of the row text (a mark the quantity pattern took included). */
function tokenStart(row: Row, offset: number): number {
  let at = 0;
  for (const token of row.tokens) {
    if (at + token.text.length > offset) return token.bbox.x0;
    at += token.text.length + 1;
  }
  return Number.POSITIVE_INFINITY;
}

function readQuantityRow(row: Row, whole: boolean): QuantityRow | undefined {
  const match = leadingQuantity(row.upper, whole);
  if (!match) return undefined;
  const rest = quantityRest(row, match.matched, whole);
  if (!rest.ok) return undefined;
  const { quantity, price } = match;
  return { kind: 'quantity', row, quantity, price, ...(rest.amount ? { amount: rest.amount } : {}) };
}

/** A column apart from the word before it ("NASI LEMAK   2   7.00"), not a number of the name ("SPF 50"). */
function columnGap(row: Row, index: number): boolean {
  const token = row.tokens[index];
  const previous = row.tokens[index - 1];
  if (!token || !previous) return false;
  const width = (token.bbox.x1 - token.bbox.x0) / Math.max(1, token.text.length);
  return token.bbox.x0 - previous.bbox.x1 >= 2 * width;
}

/** Quantity columns: "MELK 2 0,99 1,98", "$5.50 1 $5.50", a leading count "2 TIGER BUCKET 93.80". */
function columnQuantity(
  row: Row,
  amounts: readonly Amount[],
  last: Amount,
): { quantity: Quantity; price?: UnitPrice; printed?: string } | undefined {
  const first = amounts[0];
  if (amounts.length >= 2 && first && first !== last) {
    const price = priceFromCents(first.cents, first.decimals);
    // an integer between unit price and amount
    for (let i = first.tokenIndex + first.text.split(' ').length; i < last.tokenIndex; i++) {
      const t = row.tokens[i]?.text ?? '';
      const quantity = /^\d{1,3}$/.test(t) ? quantityOf(t) : undefined;
      if (quantity) return { quantity, price };
    }
    // a quantity column before the prices
    const before = row.tokens[first.tokenIndex - 1]?.text ?? '';
    const quantity =
      first.tokenIndex > 1 && /^\d{1,3}(?:[.,]\d{1,3})?$/.test(before) ? quantityOf(before) : undefined;
    // or, for a count, one slip of the OCR away from it: balanceItems then puts the amount back (a weight's
    // amount one digit off may as well be its price's: `1,671 2,05 4,43` for 2,65)
    const slipped =
      quantity?.milli !== undefined &&
      quantity.milli % 1000 === 0 &&
      readingSlip(lineCents(quantity, price), last.cents) !== undefined;
    if (quantity && (multiplies(quantity, price, last.cents) || slipped))
      return { quantity, price, printed: before };
  }
  const before = row.tokens[last.tokenIndex - 1]?.text ?? '';
  if (
    amounts.length === 1 &&
    last.tokenIndex > 1 &&
    /^\d{1,3}$/.test(before) &&
    columnGap(row, last.tokenIndex - 1)
  ) {
    const quantity = quantityOf(before);
    if (quantity) return { quantity, printed: before };
  }
  const lead = /^(\d{1,2})\s+\p{L}/u.exec(row.text);
  const quantity = lead?.[1] ? quantityOf(lead[1]) : undefined;
  return quantity ? { quantity } : undefined;
}

/** The row's text left of its amounts, without the currency marks, barcodes and till flags around it. */
function descriptionText(row: Row, amounts: readonly Amount[]): string {
  const first = amounts[0];
  let end = first ? first.tokenIndex : row.tokens.length;
  if (first && /^[-–—]$/.test(row.tokens[end - 1]?.text ?? '')) end -= 1;
  let text = row.tokens
    .slice(0, end)
    .map((t) => t.text)
    .join(' ');
  // amounts printed between words (Colombian "3 x 2.900 GASEOSA 8.700") leave words after the first amount
  const last = amounts[amounts.length - 1];
  if (first && last && last !== first) {
    const between = row.tokens
      .slice(first.tokenIndex + first.text.split(' ').length, last.tokenIndex)
      .filter((t) => /\p{L}{3,}/u.test(t.text) && !/^(EUR|EURO|STK)$/i.test(t.text))
      .map((t) => t.text);
    if (between.length > 0) text = `${text} ${between.join(' ')}`;
  }
  return cleanDescription(text);
}

export function cleanDescription(text: string): string {
  return text
    .replace(/^[([]\s?[A-Z0-9]\s?[)\]]\s*/, '') // a VAT code in front: "(C) LEITE"
    .replace(/^[*#>|.:,\-=~_]+\s*/, '')
    .replace(/^\d{1,3}(?:[.,]\d{1,3})?\s*[xX*@]\s+/, '') // "3 x GASEOSA" once the price is out
    .replace(/^\d{1,2}\s+(?=\p{L})/u, '')
    .replace(/(^|\s)\d{8,}-?(?=\s|$)/g, ' ') // barcodes: "BANANAS 000000004011 KF"
    .replace(/\s+\d{1,2}(?:[.,]00?)?\s?%\s*$/, '') // a VAT rate column: "LATTE 4%", "22,00%" (not "MILCH 3,5%")
    .replace(/(?<!\d)(\s+[A-Z]{1,2})+$/, '') // till flags after them: "KF", "N" (not a unit: "8 ST", "9 KG")
    .replace(/\s+\d{1,3}(?:[.,]\d{1,3})?\s*[xX*@]\s*$/, '')
    .replace(/\s+(SR|ZR|TX|S|Z|E|T|N)\s*$/i, '')
    .replace(/\s+(RM|\$|€|£|COP|USD|MYR|EUR)\s*$/i, '')
    .replace(/\s+£?f$/, '') // a pound sign read `f` (lowercase: not a flag)
    .replace(/[\s*#|.:,\-=~_]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A row that reads as an item description: a word of three letters or more, mostly letters. */
export function describes(row: Row): boolean {
  return /\p{L}{3,}/u.test(row.text) && letterRatio(row.text) >= 0.25;
}

/** A count under the items ("Posten: 14", "Articles : 13"): a label and a number, no description. */
const COUNT = /^\S{3,}\s?:\s*\d{1,3}\b/u;

/** Opening hours ("8.00 - 20.00 Uhr") hold numbers that read as amounts. */
const HOURS = /\d{1,2}[.:]\d{2}\s*(?:-|–|BIS)\s*\d{1,2}[.:]\d{2}|\bUHR\b|\bH\d{2}\b/;

/** A tax row inside the items ("TAX 0.50", "IVA 22% 0,20") with no other word. */
function taxOnly(row: Row): boolean {
  return TAX.test(row.upper) && !/\p{L}{4}/u.test(row.upper.replace(TAX, ''));
}

/** A quantity row whose count the OCR garbled ("Bi x 0,25", "1 288tka x 0,15"): neither an item nor a description. */
const GARBLED_QUANTITY = new RegExp(
  String.raw`^(.{0,10}?)\s*${TIMES}\.?\s*${MARK}?\s*\d{1,6}[.,]\d{2}\s*${MARK}?${PER}?\s*$`,
  'u',
);

function garbledQuantity(row: Row): boolean {
  const m = GARBLED_QUANTITY.exec(row.upper);
  return m !== null && !/\p{L}{5,}/u.test(m[1] ?? '');
}

export function readItemRow(original: Row, whole: boolean, context?: PriceContext): ItemRow {
  const row = prepareRow(original, whole, context);
  // a quantity row as printed first: its unit price may have three decimals (`25,50 l x € 2,049`)
  const quantityRow = readQuantityRow(original, whole) ?? readQuantityRow(row, whole);
  if (quantityRow) return { ...quantityRow, row: original };
  if (garbledQuantity(row)) return { kind: 'other', row: original };
  const weight = weightOnly(row.upper);
  if (weight) return { kind: 'quantity', row: original, quantity: weight };
  // prices carry decimals unless the receipt is in whole amounts ("$43" on a decimal receipt is a table number)
  const amounts = moneyAmounts(row, whole).filter((a) => whole || a.decimals);
  const closing = closingAmount(row, amounts);
  if (!closing || HOURS.test(row.upper) || taxOnly(row) || COUNT.test(row.text)) {
    return describes(row) && !HOURS.test(row.upper) && !COUNT.test(row.text)
      ? { kind: 'text', row: original }
      : { kind: 'other', row: original };
  }
  const amount = deductedSign(row, signed(row, closing));
  const description = descriptionText(row, amounts);
  const article = { kind: 'article' as const, row: original, amount, description };
  const inline = inlineQuantity(row.upper, amount.cents, whole);
  if (inline) return { ...article, ...inline };
  const column = columnQuantity(row, amounts, closing);
  const second = amounts[amounts.length - 2];
  const printed = column?.price ?? (second ? priceFromCents(second.cents, second.decimals) : undefined);
  const implied =
    printed || !column ? undefined : impliedPrice(column.quantity, amount.cents, amount.decimals);
  const price = printed ?? implied;
  return {
    ...article,
    // a quantity column left of the prices is not part of the description
    description:
      column?.printed && description.endsWith(` ${column.printed}`)
        ? description.slice(0, -column.printed.length - 1)
        : description,
    ...(column ? { quantity: column.quantity } : {}),
    ...(price ? { price } : {}),
    ...(implied ? { priceImplied: true } : {}),
  };
}
