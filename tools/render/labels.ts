/**
 * The label of a generated receipt in the layout `pnpm eval` reads (SROIE-like, one JSON object per line of
 * labels.jsonl): company and address exactly as printed, ISO date, total as a decimal string, currency and
 * items, plus what else the generator knows (time, payment, tax, region) for richer checks.
 */
import { isoDate, isoTime } from './dates.js';
import type { LaidOut } from './layout.js';
import type { ItemLine, ReceiptContent } from './model.js';
import { centsToDecimal, milliToDecimal } from './money.js';

export interface ItemLabel {
  readonly description: string;
  /** Decimal string; null on discount rows and deposit returns, which have no quantity. */
  readonly quantity: string | null;
  readonly unitPrice: string | null;
  readonly amount: string;
}

export interface ReceiptLabel {
  readonly file: string;
  readonly company: string;
  readonly date: string;
  /** The date as printed, for checks on the OCR text ("12.03.24"); `date` is its ISO form. */
  readonly dateText: string;
  readonly address: string;
  readonly total: string;
  readonly currency: string;
  readonly items: readonly ItemLabel[];
  readonly language: string;
  readonly region: string;
  readonly time: string;
  readonly paymentMethod: 'cash' | 'card';
  /**
   * Tax included (the VAT table's taxes added up) or added (sales tax); null when the receipt prints no tax (no VAT
   * table or note), since no reading of it can state one.
   */
  readonly tax: string | null;
  /** Variant sets: the id of the flat receipt this image was made from. */
  readonly source?: string;
  /** How the image was made: layout and print parameters, and the degradation with its parameters. */
  readonly render: Readonly<Record<string, unknown>>;
}

function itemLabel(item: ItemLine, description: string): ItemLabel {
  const noQuantity = item.kind === 'discount' || (item.kind === 'deposit' && item.amount < 0);
  const quantity = noQuantity ? null : milliToDecimal(item.quantityMilli ?? 1000);
  const unitPrice =
    noQuantity || item.unitPriceMilli === undefined
      ? null
      : milliToDecimal(item.unitPriceMilli, item.unitPriceDecimals);
  return {
    description,
    quantity: item.kind === 'return' && quantity !== null ? `-${quantity}` : quantity,
    unitPrice,
    amount: centsToDecimal(item.amount),
  };
}

export function receiptLabel(
  content: ReceiptContent,
  laidOut: LaidOut,
  file: string,
  render: Readonly<Record<string, unknown>>,
): ReceiptLabel {
  const tax = content.salesTax?.amount ?? content.vat.reduce((s, v) => s + v.tax, 0);
  const taxPrinted =
    content.salesTax !== undefined || (laidOut.style.vat !== 'none' && content.vat.length > 0);
  return {
    file,
    company: content.merchant.name,
    date: isoDate(content.date),
    dateText: laidOut.dateText,
    address: content.merchant.addressLines.join(' '),
    total: centsToDecimal(content.total),
    currency: content.currency,
    items: content.items.map((item, i) => itemLabel(item, laidOut.descriptions[i] ?? item.description)),
    language: content.language,
    region: content.region,
    time: isoTime(content.time),
    paymentMethod: content.payment.method,
    tax: taxPrinted ? centsToDecimal(tax) : null,
    render,
  };
}
