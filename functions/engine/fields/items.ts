/**
 * Line items: the rows between the items header (QTY / DESCRIPTION / PRICE / AMOUNT, CANT / DESCRIPCIÓN /
 * VALOR) and the first totals row that end in an amount. A description read on its own row just above an
 * amounts-only row ("SR 1001 VEGE" / "$5.50 1 $5.50") is joined to it. Quantity x unit price = amount raises
 * the item's confidence.
 */
import type { LineItem } from '../schema.js';
import {
  CASH_TENDERED,
  CHANGE,
  DISCOUNT,
  ITEM_HEADER,
  NOT_CASH,
  ROUNDING,
  STRONG_TOTAL,
  SUBTOTAL,
  TAX,
  TOTAL,
} from './labels.js';
import { letterRatio, type Row, unionBox } from './layout.js';
import { type Amount, formatCents, moneyAmounts, parseAmount } from './numbers.js';

function isHeader(row: Row): boolean {
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
 */
function endsItems(row: Row, next: Row | undefined): boolean {
  if (!isTotalsLabel(row)) return false;
  const hasAmount = moneyAmounts(row, true).length > 0;
  return hasAmount || SUBTOTAL.test(row.upper) || STRONG_TOTAL.test(row.upper) || amountsOnly(next);
}

/** Rows between the item heading (else the date row, else the top) and the first totals/tender row after it. */
function region(rows: readonly Row[]): readonly Row[] {
  const endAfter = (start: number) => {
    const end = rows.findIndex((r, i) => i > start && endsItems(r, rows[i + 1]) && !isHeader(r));
    return end < 0 ? rows.length : end;
  };
  // a heading that starts the items is followed by a row with an amount ("CASH" above it is a sale type)
  // a count such as "ITEM(S) : 5 QTY(S) : 5" under the items is not a heading
  const firstEnd = endAfter(-1);
  const heading = rows.findIndex(
    (r, i) =>
      i < firstEnd &&
      isHeader(r) &&
      (r.text.match(/\d/g)?.length ?? 0) <= 1 &&
      rows.slice(i + 1, i + 4).some((n) => moneyAmounts(n, true).length > 0),
  );
  if (heading >= 0) return rows.slice(heading + 1, endAfter(heading));
  const end = firstEnd;
  const dated = rows.findIndex((r, i) => i < end && /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(r.text));
  return rows.slice(dated + 1, end);
}

/** The row's text without its amounts and the currency marks before them. */
function withoutAmounts(row: Row, amounts: readonly Amount[]): string {
  const covered = new Set<number>();
  for (const a of amounts) {
    const width = a.text.split(' ').length;
    for (let i = a.tokenIndex; i < a.tokenIndex + width; i++) covered.add(i);
    if (/^(RM|\$|€|£|COP|USD|MYR)$/i.test(row.tokens[a.tokenIndex - 1]?.text ?? ''))
      covered.add(a.tokenIndex - 1);
  }
  return row.tokens
    .filter((_, i) => !covered.has(i))
    .map((t) => t.text)
    .join(' ');
}

/** A row that reads as an item description: a word of three letters or more, mostly letters. */
function describes(row: Row): boolean {
  return /\p{L}{3,}/u.test(row.text) && letterRatio(row.text) >= 0.25;
}

function quantityOf(row: Row, amounts: readonly Amount[]): number | undefined {
  const first = amounts[0];
  // "2 x 3.50", "2 @ 3.50", "2X 3.50"
  const times = /(?:^|\s)(\d{1,3}(?:[.,]\d{1,3})?)\s*[xX*@]\s*[$€£]?\s*\d/.exec(row.text);
  if (times?.[1]) return Number(times[1].replace(',', '.'));
  // an integer between unit price and amount: "$5.50 1 $5.50", "7.50 2 15.00"
  if (amounts.length >= 2 && first) {
    const last = amounts[amounts.length - 1] as Amount;
    for (let i = first.tokenIndex + 1; i < last.tokenIndex; i++) {
      const t = row.tokens[i]?.text ?? '';
      if (/^\d{1,3}$/.test(t)) return Number(t);
    }
  }
  // a quantity column before the prices: "VEGE 1 5.50 5.50"
  const before = first ? row.tokens[first.tokenIndex - 1]?.text : undefined;
  if (before && first && first.tokenIndex > 1 && /^\d{1,3}$/.test(before)) {
    const qty = Number(before);
    const last = amounts[amounts.length - 1] as Amount;
    if (amounts.length === 1 || Math.abs(qty * first.cents - last.cents) <= 1) return qty;
  }
  // leading quantity: "2 TIGER BUCKET 93.80"
  const lead = /^(\d{1,2})\s+\p{L}/u.exec(row.text);
  if (lead?.[1]) return Number(lead[1]);
  return undefined;
}

function cleanDescription(text: string): string {
  return text
    .replace(/^\d{1,3}(?:[.,]\d{1,3})?\s*[xX*@]\s+/, '') // "3 x GASEOSA" once the price is out
    .replace(/^\d{1,2}\s+(?=\p{L})/u, '')
    .replace(/(^|\s)\d{8,}-?(?=\s|$)/g, ' ') // barcodes: "BANANAS 000000004011 KF"
    .replace(/(\s+[A-Z]{1,2})+$/, '') // till flags after them: "KF", "N"
    .replace(/\s+\d{1,3}(?:[.,]\d{1,3})?\s*[xX*@]\s*$/, '')
    .replace(/\s+(SR|ZR|TX|S|Z|E|T|N)\s*$/i, '')
    .replace(/\s+(RM|\$|€|£|COP|USD|MYR)\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function findItems(rows: readonly Row[], whole: boolean): LineItem[] {
  const items: LineItem[] = [];
  let pending: Row | undefined;
  const area = region(rows);
  const consumed = new Set<Row>();
  for (const [index, row] of area.entries()) {
    if (consumed.has(row)) continue;
    // prices carry decimals unless the receipt is in whole amounts ("$43" on a decimal receipt is a table number)
    const amounts = moneyAmounts(row, whole).filter((a) => a.cents >= 0 && (whole || a.decimals));
    const last = amounts[amounts.length - 1];
    if (
      !last ||
      DISCOUNT.test(row.upper) ||
      (TAX.test(row.upper) && !/\p{L}{4}/u.test(row.upper.replace(TAX, '')))
    ) {
      // a description row waits for its prices; a short code row ("WA29 - 20") between them does not break that
      if (describes(row) && !DISCOUNT.test(row.upper)) pending = row;
      else if (row.tokens.length > 3) pending = undefined;
      continue;
    }
    let description = cleanDescription(withoutAmounts(row, amounts).replace(/\s+\d{1,3}$/, ''));
    const source: Row[] = [row];
    const next = area[index + 1];
    const weak = !/\p{L}{3,}/u.test(description);
    if (weak && pending) {
      description = cleanDescription(pending.text);
      source.unshift(pending);
    } else if (weak && next && letterRatio(next.text) > 0.5 && moneyAmounts(next, whole).length === 0) {
      // code and prices first, description on the row below: "1042 4 18.55 74.20" / "CORRUGATED ROOFING SHEET"
      description = cleanDescription(next.text);
      source.push(next);
      consumed.add(next);
    }
    pending = undefined;
    if (description === '' || letterRatio(description) < 0.3) continue;
    const quantity = quantityOf(row, amounts);
    const unit = amounts.length >= 2 ? amounts[amounts.length - 2] : undefined;
    let unitCents = unit?.cents;
    if (unitCents === undefined && quantity !== undefined && quantity > 0)
      unitCents = Math.round(last.cents / quantity);
    const checks =
      quantity !== undefined && unitCents !== undefined && Math.abs(quantity * unitCents - last.cents) <= 1;
    const ocr = source.reduce((s, r) => s + r.confidence, 0) / source.length;
    items.push({
      description,
      quantity: quantity !== undefined ? String(quantity) : null,
      unitPrice: unitCents !== undefined && (unit || checks) ? formatCents(unitCents, last.decimals) : null,
      amount: formatCents(last.cents, last.decimals),
      confidence: Number(((checks ? 0.8 : 0.6) * (0.7 + 0.3 * ocr)).toFixed(3)),
      text: source.map((r) => r.text).join('\n'),
      bbox: unionBox(source.map((r) => r.bbox)),
    });
  }
  return items;
}

/** Sum of item amounts in hundredths. */
export function itemsSum(items: readonly LineItem[]): number {
  return items.reduce((s, item) => s + (parseAmount(item.amount)?.cents ?? 0), 0);
}
