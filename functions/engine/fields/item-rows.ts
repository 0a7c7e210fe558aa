/**
 * One row of the items region, read on its own: an article (a description and the amount it costs), a
 * quantity row (`2 x 1,29`, `2 Stk x 0,39`, `0,414 kg x 3,33 EUR/kg`, `0,846 kg 1,99 €/kg 1,68`) that gives
 * the quantity and unit price of a neighbouring article, or a description waiting for its amount. Which
 * article a quantity row belongs to is decided by items.ts, which sees the neighbours.
 *
 * Quantities are kept as exact decimal strings and in thousandths (weights have three decimals), money in
 * hundredths: quantity x unit price = amount is checked exactly, within the till's rounding of one cent.
 */
import { DEPOSIT, DISCOUNT, TAX } from './labels.js';
import { letterRatio, type Row } from './layout.js';
import { type Amount, moneyAmounts } from './numbers.js';

export interface Quantity {
  /** As a decimal string: "2", "0.414". */
  readonly text: string;
  /** In thousandths: 2 → 2000, 0,414 kg → 414. */
  readonly milli: number;
}

/** A quantity row: the quantity and unit price of an article, with the line amount when the row prints one. */
export interface QuantityRow {
  readonly kind: 'quantity';
  readonly row: Row;
  readonly quantity: Quantity;
  readonly unitCents: number;
  readonly amount?: Amount;
}

export interface ArticleRow {
  readonly kind: 'article';
  readonly row: Row;
  /** The description as printed on this row; '' when the row holds prices only. */
  readonly description: string;
  readonly amount: Amount;
  readonly quantity?: Quantity;
  readonly unitCents?: number;
  /** A discount row (label or negative amount). */
  readonly discount: boolean;
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

const QTY = String.raw`(\d{1,4}(?:[.,]\d{1,3})?)`;
/** Currency marks as printed beside unit prices ("€", "EUR", and € as OCR reads it: "¢", "E"). */
const MARK = String.raw`(?:EUR|EURO|€|¢|£|\$|RM|CHF|E)`;
/** Units a quantity is counted or weighed in. */
const MEASURE = String.raw`(?:(?:KG|KGS|G|GR|L|LT|ML|STK|STCK|STÜCK|ST|PCS|PC|PZ|UN|UND|UNID|UDS|UD|EA|X)\.?)`;
/** "/kg", "EUR/kg", "€/Stk": the unit price's unit. */
const PER = String.raw`(?:\s*${MARK}?\s*\/\s*(?:KG|K9|KY|G|100\s?G|L|STK|ST|PC|UN|UD|U)\.?)`;
const TIMES = '[X×*@]';

/** `2 x 1,29`, `2 Stk x 0,39`, `0,414 kg x 3,33 EUR/kg`, `3 @ $0.50` (the rest of the row follows). */
const QUANTITY_FIRST = new RegExp(
  String.raw`^[^\p{L}\d]{0,3}${QTY}\s*${MEASURE}?\s*${TIMES}\.?\s*${MARK}?\s*(\d{1,6}[.,]\d{2,3})(?!\d)\s*${MARK}?${PER}?`,
  'u',
);
/** A weight and a price per kilo without a times sign: `0,846 kg 1,99 €/kg`. */
const WEIGHT_PER = new RegExp(
  String.raw`^[^\p{L}\d]{0,3}${QTY}\s*(?:KG|G|L)\.?\s+${MARK}?\s*(\d{1,6}[.,]\d{2})\s*${MARK}?${PER}`,
  'u',
);
/** Unit price first: `0,79 x 2`, `1,29 € x 3`. */
const PRICE_FIRST = new RegExp(
  String.raw`^[^\p{L}\d]{0,3}${MARK}?\s*(\d{1,6}[.,]\d{2})\s*${MARK}?\s*${TIMES}\s*(\d{1,3})(?![\d.,])`,
  'u',
);
/** Inside an article row: `MILCH 0,79 x 2 1,58`, `LAIT 2 x 0,95 1,90`. */
const INLINE_PRICE_TIMES = new RegExp(
  String.raw`(?:^|\s)${MARK}?\s*(\d{1,6}[.,]\d{2})\s*${MARK}?\s*${TIMES}\s*(\d{1,3})(?![\d.,])`,
  'u',
);
const INLINE_TIMES_PRICE = new RegExp(
  String.raw`(?:^|\s)${QTY}\s*${MEASURE}?\s*${TIMES}\s*${MARK}?\s*(\d{1,6}[.,]\d{2})(?!\d)`,
  'u',
);

export function quantityOf(text: string): Quantity | undefined {
  const normal = text.replace(',', '.');
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(normal);
  if (!m?.[1]) return undefined;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  if (milli <= 0) return undefined;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return { text: fraction === '' ? String(Number(m[1])) : `${Number(m[1])}.${fraction}`, milli };
}

/** Unit price in hundredths; a third decimal (a price per kilo such as 2,999) is rounded. */
function priceCents(text: string): number | undefined {
  const m = /^(\d+)[.,](\d{2,3})$/.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const frac = m[2].length === 3 ? Math.round(Number(m[2]) / 10) : Number(m[2]);
  return Number(m[1]) * 100 + frac;
}

/** Quantity x unit price, in hundredths, as the till rounds it. */
export function lineCents(quantity: Quantity, unitCents: number): number {
  return Math.round((quantity.milli * unitCents) / 1000);
}

/** True when quantity x unit price gives the amount, within the till's rounding. */
export function multiplies(quantity: Quantity, unitCents: number, amountCents: number): boolean {
  return Math.abs(lineCents(quantity, unitCents) - Math.abs(amountCents)) <= 1;
}

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
  if (after.length > 2 || !after.every((t) => isFlag(t.text))) return undefined;
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
  const amounts = moneyAmounts(row, whole).filter((a) => a.bbox.x0 >= tokenStart(row, consumed.length));
  const amount = closingAmount(row, amounts);
  return amount ? { ok: true, amount: signed(row, amount) } : { ok: true };
}

/** Left edge of the token that starts at or after a character offset of the row text. */
function tokenStart(row: Row, offset: number): number {
  let at = 0;
  for (const token of row.tokens) {
    if (at >= offset) return token.bbox.x0;
    at += token.text.length + 1;
  }
  return Number.POSITIVE_INFINITY;
}

/** Quantity-row patterns with the groups that hold the quantity and the unit price. */
const QUANTITY_ROWS = [
  { pattern: QUANTITY_FIRST, quantity: 1, price: 2 },
  { pattern: WEIGHT_PER, quantity: 1, price: 2 },
  { pattern: PRICE_FIRST, quantity: 2, price: 1 },
] as const;

function readQuantityRow(row: Row, whole: boolean): QuantityRow | undefined {
  for (const form of QUANTITY_ROWS) {
    const m = form.pattern.exec(row.upper);
    const quantity = quantityOf(m?.[form.quantity] ?? '');
    const unitCents = priceCents(m?.[form.price] ?? '');
    if (!m || !quantity || unitCents === undefined) continue;
    const rest = quantityRest(row, m[0], whole);
    if (rest.ok)
      return { kind: 'quantity', row, quantity, unitCents, ...(rest.amount ? { amount: rest.amount } : {}) };
  }
  return undefined;
}

/** Quantity and unit price printed inside an article row, when they multiply to its amount. */
function inlineQuantity(
  upper: string,
  amountCents: number,
): { quantity: Quantity; unitCents: number } | undefined {
  const priceFirst = INLINE_PRICE_TIMES.exec(upper);
  if (priceFirst?.[1] && priceFirst[2]) {
    const quantity = quantityOf(priceFirst[2]);
    const unitCents = priceCents(priceFirst[1]);
    if (quantity && unitCents !== undefined && multiplies(quantity, unitCents, amountCents))
      return { quantity, unitCents };
  }
  const timesPrice = INLINE_TIMES_PRICE.exec(upper);
  if (timesPrice?.[1] && timesPrice[2]) {
    const quantity = quantityOf(timesPrice[1]);
    const unitCents = priceCents(timesPrice[2]);
    if (quantity && unitCents !== undefined && multiplies(quantity, unitCents, amountCents))
      return { quantity, unitCents };
  }
  return undefined;
}

/** Quantity columns: "MELK 2 0,99 1,98", "$5.50 1 $5.50", a leading count "2 TIGER BUCKET 93.80". */
function columnQuantity(
  row: Row,
  amounts: readonly Amount[],
  last: Amount,
): { quantity: Quantity; unitCents?: number } | undefined {
  const first = amounts[0];
  if (amounts.length >= 2 && first && first !== last) {
    // an integer between unit price and amount
    for (let i = first.tokenIndex + first.text.split(' ').length; i < last.tokenIndex; i++) {
      const t = row.tokens[i]?.text ?? '';
      const quantity = /^\d{1,3}$/.test(t) ? quantityOf(t) : undefined;
      if (quantity) return { quantity, unitCents: first.cents };
    }
    // a quantity column before the prices
    const before = row.tokens[first.tokenIndex - 1]?.text ?? '';
    const quantity =
      first.tokenIndex > 1 && /^\d{1,3}(?:[.,]\d{1,3})?$/.test(before) ? quantityOf(before) : undefined;
    if (quantity && multiplies(quantity, first.cents, last.cents))
      return { quantity, unitCents: first.cents };
  }
  const before = row.tokens[last.tokenIndex - 1]?.text ?? '';
  if (amounts.length === 1 && last.tokenIndex > 1 && /^\d{1,3}$/.test(before)) {
    const quantity = quantityOf(before);
    if (quantity) return { quantity };
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
    .replace(/\s+\d{1,2}\s?%\s*$/, '') // a VAT rate column: "LATTE 4%" (not a fat content: "MILCH 3,5%")
    .replace(/(\s+[A-Z]{1,2})+$/, '') // till flags after them: "KF", "N"
    .replace(/\s+\d{1,3}(?:[.,]\d{1,3})?\s*[xX*@]\s*$/, '')
    .replace(/\s+(SR|ZR|TX|S|Z|E|T|N)\s*$/i, '')
    .replace(/\s+(RM|\$|€|£|COP|USD|MYR|EUR)\s*$/i, '')
    .replace(/[\s*#|.:,\-=~_]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A row that reads as an item description: a word of three letters or more, mostly letters. */
export function describes(row: Row): boolean {
  return /\p{L}{3,}/u.test(row.text) && letterRatio(row.text) >= 0.25;
}

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

export function readItemRow(row: Row, whole: boolean): ItemRow {
  const quantityRow = readQuantityRow(row, whole);
  if (quantityRow) return quantityRow;
  if (garbledQuantity(row)) return { kind: 'other', row };
  // prices carry decimals unless the receipt is in whole amounts ("$43" on a decimal receipt is a table number)
  const amounts = moneyAmounts(row, whole).filter((a) => whole || a.decimals);
  const closing = closingAmount(row, amounts);
  if (!closing || HOURS.test(row.upper) || taxOnly(row)) {
    return describes(row) && !HOURS.test(row.upper) ? { kind: 'text', row } : { kind: 'other', row };
  }
  const amount = deductedSign(row, signed(row, closing));
  const discount = DISCOUNT.test(row.upper) || amount.cents < 0;
  const article = { kind: 'article' as const, row, amount, discount };
  const inline = inlineQuantity(row.upper, amount.cents);
  const description = descriptionText(row, amounts);
  if (inline) return { ...article, description, quantity: inline.quantity, unitCents: inline.unitCents };
  const column = columnQuantity(row, amounts, closing);
  const unitCents = column?.unitCents ?? amounts[amounts.length - 2]?.cents;
  return {
    ...article,
    // a quantity column left of the prices is not part of the description
    description: column ? description.replace(/\s+\d{1,3}$/, '') : description,
    ...(column ? { quantity: column.quantity } : {}),
    ...(unitCents !== undefined ? { unitCents } : {}),
  };
}
