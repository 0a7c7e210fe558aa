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

function endsItems(row: Row): boolean {
  return (
    SUBTOTAL.test(row.upper) ||
    STRONG_TOTAL.test(row.upper) ||
    TOTAL.test(row.upper) ||
    ROUNDING.test(row.upper) ||
    CHANGE.test(row.upper) ||
    (CASH_TENDERED.test(row.upper) && !NOT_CASH.test(row.upper))
  );
}

function region(rows: readonly Row[]): readonly Row[] {
  const end = rows.findIndex((r, i) => i > 2 && endsItems(r) && !isHeader(r));
  const stop = end < 0 ? rows.length : end;
  let start = -1;
  for (let i = 0; i < stop; i++) if (isHeader(rows[i] as Row)) start = i;
  if (start < 0) {
    const dated = rows.findIndex((r, i) => i < stop && /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(r.text));
    start = dated;
  }
  return rows.slice(start + 1, stop);
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
    .replace(/^\d{1,2}\s+(?=\p{L})/u, '')
    .replace(/\s+\d{8,}\b.*$/, '') // a barcode and the flags after it: "BANANAS 000000004011 KF"
    .replace(/\s+\d{1,3}(?:[.,]\d{1,3})?\s*[xX*@]\s*$/, '')
    .replace(/\s+(SR|ZR|TX|S|Z|E|T|N)\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function findItems(rows: readonly Row[], whole: boolean): LineItem[] {
  const items: LineItem[] = [];
  let pending: Row | undefined;
  for (const row of region(rows)) {
    // prices carry decimals unless the receipt is in whole amounts ("$43" on a decimal receipt is a table number)
    const amounts = moneyAmounts(row, whole).filter((a) => a.cents >= 0 && (whole || a.decimals));
    const last = amounts[amounts.length - 1];
    if (
      !last ||
      DISCOUNT.test(row.upper) ||
      (TAX.test(row.upper) && !/\p{L}{4}/u.test(row.upper.replace(TAX, '')))
    ) {
      pending = letterRatio(row.text) > 0.5 && !DISCOUNT.test(row.upper) ? row : undefined;
      continue;
    }
    const firstIndex = amounts[0]?.tokenIndex ?? 0;
    let description = cleanDescription(
      row.tokens
        .slice(0, firstIndex)
        .map((t) => t.text)
        .join(' ')
        .replace(/\s+\d{1,3}$/, ''),
    );
    const source: Row[] = [row];
    if ((description === '' || letterRatio(description) < 0.4) && pending) {
      description = cleanDescription(pending.text);
      source.unshift(pending);
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
