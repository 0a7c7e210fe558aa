/**
 * The items checked against the sum that closes them (the subtotal or total row under the items): a receipt's
 * items add up to it. When they do not, two misreadings are undone, each only when it alone makes them add up:
 * - a sum row read as an item (its label lost or unknown: "SUMA 11,20" above "TOTAL 11,20", "sSumme"): its
 *   amount is the sum of the items above it;
 * - an article amount misread while its quantity and unit price were read right: quantity x unit price;
 * - an article amount with one slashed zero read as 6, 8 or 9, when the closing sum is printed twice.
 * Before that, whether or not a sum closes them, an amount of several units one digit away from its own
 * quantity x unit price is taken as slipped ("4 X 1,29" over "5,18": 5,16) when no price in whole cents gives
 * it for that quantity, so the unit price cannot be the misread figure.
 */

import {
  impliedPrice,
  lineCents,
  multiplies,
  type Quantity,
  quantityOf,
  readingSlip,
  type UnitPrice,
} from './item-quantities.js';
import type { Row } from './layout.js';
import { zeroSlips } from './total-support.js';

export interface Draft {
  description: string;
  quantity?: Quantity;
  price?: UnitPrice;
  cents: number;
  decimals: boolean;
  sources: Row[];
  /** The amount is quantity x unit price: the OCR lost the printed one. */
  computed?: boolean;
  /** The amount is quantity x unit price instead of a printed amount that did not add up. */
  repaired?: boolean;
  /** The unit price is the amount divided by the quantity, not a printed figure: it checks nothing. */
  priceImplied?: boolean;
}

/** An amount its own printed quantity and unit price account for. */
export function checked(draft: Draft): boolean {
  return (
    draft.quantity !== undefined &&
    draft.price !== undefined &&
    draft.priceImplied !== true &&
    multiplies(draft.quantity, draft.price, draft.cents)
  );
}

/** The draft with its amount read another way; a unit price that was only implied by the old amount follows it. */
export function repairedTo(draft: Draft, cents: number): Draft {
  if (!draft.priceImplied || !draft.quantity) return { ...draft, cents, repaired: true };
  const { price: _old, priceImplied: _implied, ...rest } = draft;
  const price = impliedPrice(draft.quantity, cents, draft.decimals);
  return { ...rest, cents, repaired: true, ...(price ? { price, priceImplied: true } : {}) };
}

export function draftsSum(drafts: readonly Draft[]): number {
  return drafts.reduce((s, d) => s + d.cents, 0);
}

/** A sum row among the items: its amount is the sum of the items above it, and without it they close. */
function sumRow(drafts: readonly Draft[], closing: number): number | undefined {
  const sum = draftsSum(drafts);
  let above = 0;
  const found: number[] = [];
  drafts.forEach((draft, i) => {
    if (i >= 2 && draft.cents === above && sum - draft.cents === closing && !draft.quantity) found.push(i);
    above += draft.cents;
  });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * A sum row no label marked (`Sumse EUR 111,13`, SUMME misread): the first article whose amount is the sum of the
 * two or more items above it and is printed again further down (the card's row, the VAT table). Its index.
 */
export function unlabelledSum(
  drafts: readonly Draft[],
  printedBelow: (cents: number, row: Row) => boolean,
): number | undefined {
  let above = 0;
  for (const [i, draft] of drafts.entries()) {
    const row = draft.sources[0];
    if (i >= 2 && above > 0 && draft.cents === above && !draft.quantity && row && printedBelow(above, row))
      return i;
    above += draft.cents;
  }
  return undefined;
}

/**
 * An amount one digit away from its own quantity x unit price, when the amount cannot be the right one for a
 * misread price (amount / quantity is no price in whole cents): the amount slipped.
 */
function slippedAmount(d: Draft): number | undefined {
  if (!d.quantity || !d.price || d.quantity.milli === 1000 || multiplies(d.quantity, d.price, d.cents))
    return undefined;
  const product = lineCents(d.quantity, d.price);
  // a digit added (`92,36` for 3 x 3,12): no unit price one slip from the one read would give it
  if (readingSlip(product, d.cents) === 'added') return Math.sign(d.cents || 1) * product;
  if (!zeroSlips(product, true).has(Math.abs(d.cents))) return undefined;
  if (d.quantity.milli % 1000 === 0 && (Math.abs(d.cents) * 1000) % d.quantity.milli === 0) return undefined;
  return Math.sign(d.cents || 1) * product;
}

/**
 * A measure whose barred zero was read as two glyphs, itself and a 6, 8 or 9 beside it (`38,065 l` for 38,05):
 * the measure with that look-alike dropped, in thousandths.
 */
function zeroReadTwice(quantity: Quantity): number[] {
  const text = quantity.text;
  return [...text].flatMap((ch, i) => {
    if (!/[689]/.test(ch) || (text[i - 1] !== '0' && text[i + 1] !== '0')) return [];
    const dropped = quantityOf(text.slice(0, i) + text.slice(i + 1));
    return dropped ? [dropped.milli] : [];
  });
}

/**
 * A weight with a till's slashed zero read as 6, 8 or 9 (`1,518 kg x 3,19 €/kg` over 4,82, for 1,510 kg), or
 * read as two glyphs (`38,065 l x 1,640 €/l` over 62,40, for 38,05 l): put back when that one zero alone makes the
 * weight multiply to the amount as read. Weights print three decimals, so their zeros slip as often as the
 * amount's.
 */
function unslipWeight(d: Draft): Draft {
  const { quantity, price } = d;
  if (!quantity || !price || quantity.milli % 1000 === 0 || multiplies(quantity, price, d.cents)) return d;
  const fits = [...new Set([...zeroSlips(quantity.milli), ...zeroReadTwice(quantity)])].filter((milli) =>
    multiplies({ ...quantity, milli }, price, d.cents),
  );
  const [milli] = fits;
  if (fits.length !== 1 || milli === undefined) return d;
  return { ...d, quantity: { milli, text: String(milli / 1000) } };
}

/** `restated`: the closing amount is printed on another row too, so it is no misread figure itself. */
export function balanceItems(
  drafts: readonly Draft[],
  closing: number | undefined,
  restated = false,
): Draft[] {
  const weighed = drafts.map(unslipWeight);
  if (closing !== undefined && draftsSum(weighed) === closing) return weighed;
  const unslipped = weighed.map((d) => {
    const cents = slippedAmount(d);
    return cents === undefined ? d : { ...d, cents, repaired: true };
  });
  return closeItems(unslipped, closing, restated);
}

function closeItems(drafts: readonly Draft[], closing: number | undefined, restated: boolean): Draft[] {
  if (closing === undefined || drafts.length === 0 || draftsSum(drafts) === closing) return [...drafts];
  const sum = draftsSum(drafts);
  const sumAt = sumRow(drafts, closing);
  if (sumAt !== undefined) return drafts.filter((_, i) => i !== sumAt);
  const repairs = drafts.filter(
    (d) =>
      d.quantity !== undefined &&
      d.price !== undefined &&
      !multiplies(d.quantity, d.price, d.cents) &&
      sum - d.cents + Math.sign(d.cents || 1) * lineCents(d.quantity, d.price) === closing,
  );
  const repair = repairs.length === 1 ? repairs[0] : undefined;
  if (!repair?.quantity || !repair.price) return restated ? unslipZero(drafts, closing) : [...drafts];
  const cents = Math.sign(repair.cents || 1) * lineCents(repair.quantity, repair.price);
  return drafts.map((d) => (d === repair ? { ...d, cents, repaired: true } : d));
}

/**
 * An article amount with a till's slashed zero read as 6, 8 or 9 ("Pan de barra 6,63€" for 0,63): put back when
 * that one zero, and no other, makes the items add up to the sum that closes them, and that sum is printed twice
 * (`TOTAL EUR 38,71` for 38,77 under items adding up to 38,77 had a `GARBANZOS 4,36` taken for 4,30).
 */
function unslipZero(drafts: readonly Draft[], closing: number): Draft[] {
  const sum = draftsSum(drafts);
  const fits = drafts.flatMap((d) =>
    d.computed
      ? []
      : [...zeroSlips(d.cents)].filter((v) => sum - d.cents + v === closing).map((v) => ({ d, v })),
  );
  const [fit] = fits;
  if (fits.length !== 1 || fit === undefined) return [...drafts];
  return drafts.map((d) => (d === fit.d ? repairedTo(d, fit.v) : d));
}
