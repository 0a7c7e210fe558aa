/**
 * Where the items are: the rows between the item heading (QTY / DESCRIPTION / PRICE / AMOUNT, ARTIKEL / MENGE /
 * PREIS, DÉSIGNATION / QTÉ / MONTANT...; else the date row; else the top) and the first subtotal, total or
 * tender row of any language (SUMME, TOTAL, TOTAAL, TOTALE, ZU ZAHLEN, BAR...). Deductions printed between a
 * first sum and the total (`Summe 28,30` / `10 % Rabatt -0,67` / `SUMME 27,63`) belong to the items too.
 */

import { leadingQuantity, multiplies } from './item-quantities.js';
import {
  CARD,
  CASH_TENDERED,
  CHANGE,
  DEPOSIT,
  DISCOUNT,
  ITEM_HEADER,
  NOT_CASH,
  ROUNDING,
  STRONG_TOTAL,
  SUBTOTAL,
  TAX,
  TOTAL,
} from './labels.js';
import type { Row } from './layout.js';
import { type Amount, moneyAmounts } from './numbers.js';

export function isItemHeader(row: Row): boolean {
  const words = new Set(row.upper.match(ITEM_HEADER) ?? []);
  return words.size >= 2 && moneyAmounts(row, false).length === 0;
}

function isTotalsLabel(row: Row): boolean {
  return (
    SUBTOTAL.test(row.upper) ||
    STRONG_TOTAL.test(row.upper) ||
    TOTAL.test(row.upper) ||
    ROUNDING.test(row.upper) ||
    CHANGE.test(row.upper) ||
    (CASH_TENDERED.test(row.upper) && !NOT_CASH.test(row.upper))
  );
}

/** A row of amounts and currency marks only: "RM 170. 00", the value of a label printed on the row above. */
function amountsOnly(row: Row | undefined): boolean {
  if (!row || moneyAmounts(row, true).length === 0) return false;
  return !/\p{L}{3,}/u.test(row.upper.replace(/\b(RM|COP|USD|MYR|EUR)\b/g, ''));
}

/**
 * Totals and tender rows end the items. A bare "CASH" heading (a cash sale) without an amount does not, unless
 * its amount was wrapped onto the next row ("Cash ." / "RM 170.00"): then it is a tender row, not a heading.
 * A tender covers the bill: a row whose tender word comes with other words ("VERSE MUNTTHEE", Dutch, reads
 * as French "VERSÉ") and whose amount is below the prices the rows above end with, or is the quantity and unit price printed
 * on the row above it, is an item, not a tender.
 */
function endsItems(row: Row, next: Row | undefined, above: number, previous: Row | undefined): boolean {
  if (!isTotalsLabel(row)) return cardCovers(row, above);
  // a deposit return ("EMBALLAGE RETOUR", "LEERGUT") is an item, whatever change word it holds
  const sum = SUBTOTAL.test(row.upper) || STRONG_TOTAL.test(row.upper) || TOTAL.test(row.upper);
  if (DEPOSIT.test(row.upper) && !sum && !CASH_TENDERED.test(row.upper)) return false;
  const amounts = moneyAmounts(row, true);
  if (tenderOnly(row)) {
    const paid = amounts[amounts.length - 1] ?? (amountsOnly(next) ? lastAmount(next) : undefined);
    if (paid !== undefined && namesMore(row) && pricedAbove(previous, paid.cents)) return false;
    return paid !== undefined && (!namesMore(row) || (above > 0 && paid.cents >= above));
  }
  // a total whose amount the OCR garbled ("Betrag Fr:13:83") still closes the items
  const garbled = /\d[\d.,:]*\d$/.test(row.text);
  return (
    amounts.length > 0 ||
    garbled ||
    SUBTOTAL.test(row.upper) ||
    STRONG_TOTAL.test(row.upper) ||
    amountsOnly(next)
  );
}

/** The row above is a quantity at a unit price that come to `cents` (`2 x 4,00` over `VERSE MUNTTHEE 8,00`). */
function pricedAbove(previous: Row | undefined, cents: number): boolean {
  const match = previous === undefined ? undefined : leadingQuantity(previous.upper, false);
  return match !== undefined && multiplies(match.quantity, match.price, cents);
}

/**
 * A card row whose amount covers the prices above it (`PIN €30,64` under articles of 30,64, the total's row
 * printed only on the card slip below): the payment, which ends the items. One for less (`GIFT CARD 25.00`), or
 * with words beside the card's (`CARTA IGIENICA 8 ROT`: Italian CARTA), is an article.
 */
function cardCovers(row: Row, above: number): boolean {
  if (!CARD.test(row.upper) || namesMore(row)) return false;
  const paid = moneyAmounts(row, false).at(-1);
  return paid !== undefined && above > 0 && paid.cents >= above;
}

/** Words beside the tender label: a product whose name holds a tender word of another language. */
function namesMore(row: Row): boolean {
  const rest = [CASH_TENDERED, CARD].reduce(
    (text, label) => text.replace(new RegExp(label.source, 'g'), ' '),
    row.upper,
  );
  return /\p{L}{4,}/u.test(rest);
}

function tenderOnly(row: Row): boolean {
  return !(
    SUBTOTAL.test(row.upper) ||
    STRONG_TOTAL.test(row.upper) ||
    TOTAL.test(row.upper) ||
    ROUNDING.test(row.upper) ||
    CHANGE.test(row.upper)
  );
}

/** Amounts written as prices on this receipt: with decimals, unless it is in whole amounts. */
function priced(row: Row, whole: boolean): Amount[] {
  return moneyAmounts(row, whole).filter((a) => whole || a.decimals);
}

/** A VAT code, a mark or a quantity after an article's price (`8,10 B`, `1,19 €`, `4,20 1`). */
const CODE_AFTER_PRICE = /^[^\p{L}\d]?(?:[A-Z€$£*%]{1,2}|\d)[^\p{L}\d]?$/u;

/**
 * The price a row ends with (a VAT code or mark may follow it): an article's. A figure inside the row's words is
 * none (`Ma t/m za 8.00 - 21.00 uur`, opening hours over the articles).
 */
function endPrice(row: Row, whole: boolean): Amount | undefined {
  const last = priced(row, whole).at(-1);
  const after = row.tokens.slice((last?.tokenIndex ?? 0) + 1);
  return last !== undefined && after.every((token) => CODE_AFTER_PRICE.test(token.text)) ? last : undefined;
}

function lastAmount(row: Row | undefined): Amount | undefined {
  const amounts = row ? moneyAmounts(row, true) : [];
  return amounts[amounts.length - 1];
}

/**
 * A deduction between two sums: a negative amount named a discount or given as a rate ("10 % Theke -0,67"),
 * not tender, change, rounding (whose label the OCR may have misread) or tax.
 */
function deduction(row: Row, whole: boolean): boolean {
  const amounts = moneyAmounts(row, whole);
  const last = amounts[amounts.length - 1];
  if (!last || last.cents >= 0 || !(DISCOUNT.test(row.upper) || row.upper.includes('%'))) return false;
  return !(isTotalsLabel(row) || TAX.test(row.upper) || CASH_TENDERED.test(row.upper));
}

/**
 * Deductions right after the row that ended the items, closed by a total row: they lower the first sum
 * to the total and are items of their own. Anything else between the two sums (tax, tender) means the
 * first sum was not a sum of the items.
 */
function deductionsAfter(rows: readonly Row[], end: number, whole: boolean): readonly Row[] {
  const first = rows[end];
  if (!first || !(SUBTOTAL.test(first.upper) || TOTAL.test(first.upper))) return [];
  let i = end + 1;
  while (i < rows.length && deduction(rows[i] as Row, whole)) i += 1;
  const closing = rows[i];
  if (i === end + 1 || !closing) return [];
  return TOTAL.test(closing.upper) || STRONG_TOTAL.test(closing.upper) ? rows.slice(end + 1, i) : [];
}

export interface ItemsRegion {
  readonly rows: readonly Row[];
  /** The amount of the sum or total row that closes the items (after the deductions below a first sum). */
  readonly closingCents?: number;
  /** The closing amount is printed on another row too (a card or VAT-table total): not one misread figure. */
  readonly closingRestated?: boolean;
  /** The closing amount as read. */
  readonly closingText?: string;
}

/** Rows between the item heading (else the date row, else the top) and the first totals/tender row after it. */
export function itemsRegion(rows: readonly Row[], whole: boolean): ItemsRegion {
  const endAfter = (start: number) => {
    let above = 0;
    for (let i = start + 1; i < rows.length; i++) {
      const row = rows[i] as Row;
      if (endsItems(row, rows[i + 1], above, rows[i - 1]) && !isItemHeader(row)) return i;
      above += Math.max(0, endPrice(row, whole)?.cents ?? 0);
    }
    return rows.length;
  };
  const from = (start: number): ItemsRegion => {
    const end = endAfter(start);
    const deductions = deductionsAfter(rows, end, whole);
    const closingRow = rows[end + deductions.length];
    const closing = closingRow ? priced(closingRow, whole).at(-1) : undefined;
    const restated =
      closing !== undefined &&
      rows.some((r) => r !== closingRow && priced(r, whole).some((a) => a.cents === closing.cents));
    return {
      rows: [...rows.slice(start + 1, end), ...deductions],
      ...(closing && closing.cents > 0
        ? { closingCents: closing.cents, closingRestated: restated, closingText: closing.text }
        : {}),
    };
  };
  // a heading that starts the items is followed by a row with an amount ("CASH" above it is a sale type)
  // a count such as "ITEM(S) : 5 QTY(S) : 5" under the items is not a heading
  const firstEnd = endAfter(-1);
  const heading = rows.findIndex(
    (r, i) =>
      i < firstEnd &&
      isItemHeader(r) &&
      (r.text.match(/\d/g)?.length ?? 0) <= 1 &&
      rows.slice(i + 1, i + 4).some((n) => moneyAmounts(n, true).length > 0),
  );
  if (heading >= 0) return from(heading);
  // a date in the header starts the items; one in the footer (under totals the OCR could not read) does not
  const dated = rows.findIndex(
    (r, i) => i < firstEnd && i < rows.length / 2 && /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(r.text),
  );
  return from(dated);
}
