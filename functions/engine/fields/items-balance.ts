/**
 * The items checked against the sum that closes them (the subtotal or total row under the items): a receipt's
 * items add up to it. When they do not, two misreadings are undone, each only when it alone makes them add up:
 * - a sum row read as an item (its label lost or unknown: "SUMA 11,20" above "TOTAL 11,20", "sSumme"): its
 *   amount is the sum of the items above it;
 * - an article amount misread while its quantity and unit price were read right: quantity x unit price.
 */

import { lineCents, multiplies, type Quantity, type UnitPrice } from './item-quantities.js';
import type { Row } from './layout.js';

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
}

function total(drafts: readonly Draft[]): number {
  return drafts.reduce((s, d) => s + d.cents, 0);
}

/** A sum row among the items: its amount is the sum of the items above it, and without it they close. */
function sumRow(drafts: readonly Draft[], closing: number): number | undefined {
  const sum = total(drafts);
  let above = 0;
  const found: number[] = [];
  drafts.forEach((draft, i) => {
    if (i >= 2 && draft.cents === above && sum - draft.cents === closing && !draft.quantity) found.push(i);
    above += draft.cents;
  });
  return found.length === 1 ? found[0] : undefined;
}

export function balanceItems(drafts: readonly Draft[], closing: number | undefined): Draft[] {
  if (closing === undefined || drafts.length === 0 || total(drafts) === closing) return [...drafts];
  const sum = total(drafts);
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
  if (!repair?.quantity || !repair.price) return [...drafts];
  const cents = Math.sign(repair.cents || 1) * lineCents(repair.quantity, repair.price);
  return drafts.map((d) => (d === repair ? { ...d, cents, repaired: true } : d));
}
