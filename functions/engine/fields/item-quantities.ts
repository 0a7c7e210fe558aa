/**
 * Quantities and unit prices of item rows: `2 x 1,29`, `2 Stk x 0,39`, `0,414 kg x 3,33 EUR/kg`,
 * `0,650 kg à 2,35 €/kg`, `52,18 l x 1,849 €/l`, `0,846 kg 1,99 €/kg`, `0,79 x 2`, `3 @ $0.50`.
 *
 * Quantities are kept in thousandths (weights print three decimals) and unit prices in thousandths of the
 * currency unit (fuel prints 1,849 €/l), so quantity x unit price = amount is checked in integers, within the
 * till's rounding of one cent.
 */
import { formatCents } from './numbers.js';

/** A unit after a number ("0,422 kg", "31.36 l", "1,849 €/l"): the number is a weight, a volume or a unit price. */
export const UNIT = /^(KG|KGS|G|GR|LB|LBS|OZ|GAL|L|LT|ML|CL|ST|STK|(?:EUR|[€$£])?\/\S*)\.?$/i;

export interface Quantity {
  /** As a decimal string: "2", "0.414". */
  readonly text: string;
  /** In thousandths: 2 → 2000, 0,414 kg → 414. */
  readonly milli: number;
}

export interface UnitPrice {
  /** In thousandths of the currency unit: 1,29 → 1290, 1,849 → 1849. */
  readonly milli: number;
  /** Decimals as printed: 2, 3 (fuel, prices per kilo), or 0 on receipts in whole amounts (2.900 pesos). */
  readonly decimals: 0 | 2 | 3;
}

export function quantityOf(text: string): Quantity | undefined {
  const m = /^(\d+)(?:[.,](\d{1,3}))?$/.exec(text);
  if (!m?.[1]) return undefined;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  if (milli <= 0) return undefined;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return { text: fraction === '' ? String(Number(m[1])) : `${Number(m[1])}.${fraction}`, milli };
}

/** A unit price as printed; on receipts in whole amounts a group of three digits is thousands (2.900). */
export function priceOf(text: string, whole: boolean): UnitPrice | undefined {
  if (whole) {
    if (/^\d{1,3}(?:[.,]\d{3})+$/.test(text) || /^\d{1,7}$/.test(text))
      return { milli: Number(text.replace(/[.,]/g, '')) * 1000, decimals: 0 };
  }
  // thousands groups before the decimals: 1.158,55
  const grouped = /^\d{1,3}(?:([.,])\d{3})+([.,])\d{2,3}$/.exec(text);
  const plain = grouped && grouped[1] !== grouped[2] ? text.replaceAll(grouped[1] ?? '', '') : text;
  const m = /^(\d{1,6})[.,](\d{2,3})$/.exec(plain);
  if (!m?.[1] || !m[2]) return undefined;
  return { milli: Number(m[1]) * 1000 + Number(m[2].padEnd(3, '0')), decimals: m[2].length === 3 ? 3 : 2 };
}

/** A price in hundredths as a unit price (a second amount on an article row). */
export function priceFromCents(cents: number, decimals: boolean): UnitPrice {
  return { milli: Math.abs(cents) * 10, decimals: decimals ? 2 : 0 };
}

export function formatPrice(price: UnitPrice): string {
  if (price.decimals !== 3) return formatCents(price.milli / 10, price.decimals === 2);
  return `${Math.floor(price.milli / 1000)}.${String(price.milli % 1000).padStart(3, '0')}`;
}

/** Quantity x unit price, in hundredths, as the till rounds it. */
export function lineCents(quantity: Quantity, price: UnitPrice): number {
  return Math.round((quantity.milli * price.milli) / 10_000);
}

/**
 * How an amount as read differs from the amount it should be (in hundredths, signs aside), when by one slip of
 * the OCR: one digit misread (`2,07` for 2,67) or one digit added (`92,36` for 9,36, `2718` for 2,18).
 */
export function readingSlip(expected: number, read: number): 'digit' | 'added' | undefined {
  const want = String(Math.abs(expected));
  const got = String(Math.abs(read));
  if (got.length === want.length)
    return [...got].filter((ch, i) => ch !== want[i]).length === 1 ? 'digit' : undefined;
  if (got.length !== want.length + 1) return undefined;
  return [...got].some((_, i) => got.slice(0, i) + got.slice(i + 1) === want) ? 'added' : undefined;
}

/** True when quantity x unit price gives the amount (its sign aside), within the till's rounding. */
export function multiplies(quantity: Quantity, price: UnitPrice, amountCents: number): boolean {
  return Math.abs(lineCents(quantity, price) - Math.abs(amountCents)) <= 1;
}

/**
 * True when quantity x unit price gives the amount once one 6, 8 or 9 of the unit price is read as the till's
 * slashed zero it was (`7.01 gal @ 3.986/gal` over `$27.90`: 3.980): the row still prices that article.
 */
export function nearlyMultiplies(quantity: Quantity, price: UnitPrice, amountCents: number): boolean {
  return slippedPrice(quantity, price, amountCents) !== undefined;
}

function slippedPrice(quantity: Quantity, price: UnitPrice, amountCents: number): UnitPrice | undefined {
  if (amountCents === 0 || price.decimals === 0) return undefined;
  const unit = price.decimals === 3 ? 1 : 10;
  const digits = String(price.milli / unit);
  const fits: UnitPrice[] = [];
  for (const match of digits.matchAll(/[689]/g)) {
    const milli = Number(`${digits.slice(0, match.index)}0${digits.slice(match.index + 1)}`) * unit;
    const repaired = { milli, decimals: price.decimals };
    if (milli > 0 && multiplies(quantity, repaired, amountCents)) fits.push(repaired);
  }
  return fits.length === 1 ? fits[0] : undefined;
}

/** The unit price a quantity row printed for an amount, its one misread digit put back (nearlyMultiplies). */
export function priceFor(quantity: Quantity, price: UnitPrice, amountCents: number): UnitPrice {
  return multiplies(quantity, price, amountCents)
    ? price
    : (slippedPrice(quantity, price, amountCents) ?? price);
}

/** The unit price that gives the amount for the quantity, when one does. */
export function impliedPrice(
  quantity: Quantity,
  amountCents: number,
  decimals: boolean,
): UnitPrice | undefined {
  const cents = Math.round((Math.abs(amountCents) * 1000) / quantity.milli);
  const price = priceFromCents(cents, decimals);
  if (multiplies(quantity, price, amountCents)) return price;
  // fuel and weighed goods are priced to a tenth of a cent
  const fine: UnitPrice = {
    milli: Math.round((Math.abs(amountCents) * 10_000) / quantity.milli),
    decimals: 3,
  };
  return decimals && multiplies(quantity, fine, amountCents) ? fine : undefined;
}

const QTY = String.raw`(\d{1,4}(?:[.,]\d{1,3})?)`;
/** A unit price: decimals, or thousands groups on receipts in whole amounts (checked by priceOf). */
const PRICE = String.raw`(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{2,3})?|\d{1,6}(?:[.,]\d{2,3})?)(?![\d.,]*\d)`;
/** Currency marks as printed beside unit prices ("€", "EUR", and € as the OCR reads it: "¢", "E"). */
export const MARK = String.raw`(?:EUR|EURO|USD|GBP|€|¢|£|\$|RM|CHF|E)`;
/** Units a quantity is weighed or measured in; a pound's l read as a 1 (`2.352 1b @ 1.29/1b`). */
const WEIGHT = String.raw`(?:KG|KGS|G|GR|LB|LBS|1B|OZ|GAL|L|LT|ML)\.?`;
/** Units a quantity is counted or weighed in. */
const MEASURE = String.raw`(?:(?:KG|KGS|G|GR|LB|LBS|1B|OZ|GAL|L|LT|ML|STK|STCK|STÜCK|ST|PCS|PC|PZ|UN|UND|UNID|UDS|UD|EA|X)\.?)`;
/** "/kg", "EUR/kg", "€/Stk", "/l" (read "/I" or "/|" too): the unit price's unit. */
export const PER = String.raw`(?:\s*${MARK}?\s*\/\s*(?:KG|K9|KY|G|100\s?G|LB|1B|OZ|GAL|L|LT|STK|ST|PC|UN|UD|U|I|\|)\.?)`;
export const TIMES = '[X×*@]';
/**
 * A litre after a volume with decimals as the OCR reads the thin "l": `47.28 1 x 1.990 €/I` (fuel). Only after
 * decimals: `2 1 x` is no volume.
 */
const LITRE_READ = String.raw`(?<=\d[.,]\d{1,3}\s{1,3})[1I|]`;
/** "x", "@", or after a weight the French, Spanish and Dutch "à"/"a" (0,650 kg à 2,35 €/kg). */
const BY = String.raw`(?:(?:${MEASURE}|${LITRE_READ})?\s*${TIMES}|${WEIGHT}\s+[AÀ](?=\s))`;
const START = String.raw`^[^\p{L}\d]{0,3}`;

/** Quantity-row forms, each with the groups that hold the quantity and the unit price. */
const FORMS = [
  // 2 x 1,29 / 2 Stk x 0,39 / 0,414 kg x 3,33 EUR/kg / 3 @ $0.50 / 0,650 kg à 2,35 €/kg
  {
    pattern: new RegExp(String.raw`${START}${QTY}\s*${BY}\.?\s*${MARK}?\s*${PRICE}\s*${MARK}?${PER}?`, 'u'),
    quantity: 1,
    price: 2,
  },
  // a weight and a price per kilo without a times sign: 0,846 kg 1,99 €/kg
  {
    pattern: new RegExp(String.raw`${START}${QTY}\s*${WEIGHT}\s+${MARK}?\s*${PRICE}\s*${MARK}?${PER}`, 'u'),
    quantity: 1,
    price: 2,
  },
  // unit price first: 0,79 x 2 / 1,29 € x 3
  {
    pattern: new RegExp(
      String.raw`${START}${MARK}?\s*${PRICE}\s*${MARK}?\s*${TIMES}\s*(\d{1,3})(?![\d.,])`,
      'u',
    ),
    quantity: 2,
    price: 1,
  },
] as const;

/**
 * A weight or volume printed alone, under or over its article, without its price: `NET WT 1.513 lb`,
 * `PESO 1,432 kg`, `Poids net : 0,400 kg`, `NET WT 31.36 l`.
 */
const WEIGHT_ONLY = new RegExp(
  String.raw`^([^\d]{0,24}?)(\d{1,4}[.,](\d{1,3}))(\s*)(${WEIGHT}|[1I|])\s*$`,
  'u',
);
/** A label that says the figure after it is a weight or volume (`NET WT`, `PESO`, `Poids net`). */
const MEASURE_LABEL = /\b(?:NET|NETTO|WT|WEIGHT|GEWICHT|PESO|POIDS|VOL|VOLUME|LITROS?|LITRES?)\b/u;

/**
 * A weight row has three decimals, or a unit set apart after a short label; a size that ends a wrapped name
 * ("TROCKEN 0,75L") has neither.
 */
export function weightOnly(upper: string): Quantity | undefined {
  const m = WEIGHT_ONLY.exec(upper);
  if (!m?.[2]) return undefined;
  // the thin litre read as a 1 (`NET WT 28.91 1`): a VAT code or a count after a price reads the same, so only
  // under a label that says a measure follows
  if (/^[1I|]$/.test(m[5] ?? '') && !(m[4] !== '' && MEASURE_LABEL.test(m[1] ?? ''))) return undefined;
  const weighed = m[3]?.length === 3 || (m[4] !== '' && !/\p{L}{4,}/u.test(m[1] ?? ''));
  return weighed ? quantityOf(m[2]) : undefined;
}

export interface QuantityMatch {
  readonly quantity: Quantity;
  readonly price: UnitPrice;
  /** The text the quantity and price were read from, from the start of the row. */
  readonly matched: string;
}

/** A quantity and unit price at the start of a row (upper-cased text). */
export function leadingQuantity(upper: string, whole: boolean): QuantityMatch | undefined {
  for (const form of FORMS) {
    const m = form.pattern.exec(upper);
    const quantity = quantityOf(m?.[form.quantity] ?? '');
    const price = priceOf(m?.[form.price] ?? '', whole);
    if (m && quantity && price) return { quantity, price, matched: m[0] };
  }
  return undefined;
}

/** Inside an article row: `MILCH 0,79 x 2 1,58` (price first) and `LAIT 2 x 0,95 1,90` (quantity first). */
const INLINE = [
  {
    pattern: new RegExp(
      String.raw`(?:^|\s)${MARK}?\s*${PRICE}\s*${MARK}?\s*${TIMES}\s*(\d{1,3})(?![\d.,])`,
      'u',
    ),
    quantity: 2,
    price: 1,
  },
  {
    pattern: new RegExp(String.raw`(?:^|\s)${QTY}\s*${BY}\s*${MARK}?\s*${PRICE}`, 'u'),
    quantity: 1,
    price: 2,
  },
] as const;

/** Quantity and unit price printed inside an article row, when they multiply to its amount. */
export function inlineQuantity(
  upper: string,
  amountCents: number,
  whole: boolean,
): { quantity: Quantity; price: UnitPrice } | undefined {
  for (const form of INLINE) {
    const m = form.pattern.exec(upper);
    const quantity = quantityOf(m?.[form.quantity] ?? '');
    const price = priceOf(m?.[form.price] ?? '', whole);
    if (quantity && price && multiplies(quantity, price, amountCents)) return { quantity, price };
  }
  return undefined;
}
