/**
 * Field extraction: recognised lines in, receipt fields and items out. Pure TypeScript, no I/O.
 *
 * Steps: regroup lines into printed rows (layout), read the locale (currency, date order, whole amounts),
 * then each field from its own module; consistency checks between amounts adjust the confidences and the
 * overall confidence weighs the key fields and the checks. See docs/fields.md.
 */
import type { Extraction, OcrLine, ReceiptFields } from '../schema.js';
import { inferCategory } from './category.js';
import { clamp01, overallConfidence } from './confidence.js';
import { adjustments, runChecks } from './consistency.js';
import { findDate, findTime } from './dates.js';
import { readItems, refundedItems } from './items.js';
import { buildRows } from './layout.js';
import { detectLocale } from './locale.js';
import { findMerchant } from './merchant.js';
import { formatCents } from './numbers.js';
import { findPayment } from './payment.js';
import { statedTax } from './tax.js';
import { missingDigits } from './total-support.js';
import { findTotals, type Located } from './totals.js';

export interface ExtractOptions {
  /** Tesseract language codes the text was read with, e.g. ["eng"] or ["spa", "eng"]. */
  readonly languages?: readonly string[];
  /**
   * The day the receipt is read: a date after the end of next year is a misread, not a date. A parameter, not a
   * clock read inside the engine, so a test pins it.
   * @default the time of the call
   */
  readonly today?: Date;
}

type AmountField = NonNullable<ReceiptFields['total']>;

function amountField(found: Located | undefined, delta = 0): AmountField | undefined {
  if (!found) return undefined;
  return {
    value: formatCents(found.amount.cents, found.amount.decimals),
    confidence: clamp01(found.confidence + delta),
    text: found.amount.text,
    bbox: found.amount.text === '' ? null : found.amount.bbox,
    ...(found.evidence ? { evidence: [...found.evidence] } : {}),
  };
}

/**
 * A printed total that none of the receipt's other figures confirms is one reading of one row: a slipped digit
 * there (a slashed zero read 6 or 8) looks as crisp as a right one. Measured over the labelled sets, such
 * totals were wrong often enough that only a confirmed total may reach 0.8 (docs/fields.md, calibration).
 */
const UNWITNESSED_CAP = 0.78;
/**
 * Nor may one read with digits missing (`TOTAL EUR 31.5`, `03,10`) pass for more than a guess: its cents, or a
 * digit of its whole part, were made up when it was read as an amount (docs/fields.md, session 22).
 */
const MISSING_DIGITS_CAP = 0.5;

function capUnwitnessed(
  total: AmountField | undefined,
  totals: { readonly totalWitnesses: readonly unknown[]; readonly slipWitness?: unknown },
  whole: boolean,
): AmountField | undefined {
  if (!total || totals.totalWitnesses.length > 0) return total;
  // A figure of the receipt that put the missing digits back chose them: the reading is no longer a guess.
  const guessed = totals.slipWitness === undefined && !whole && missingDigits(total.text);
  const cap = guessed ? MISSING_DIGITS_CAP : UNWITNESSED_CAP;
  return { ...total, confidence: Math.min(total.confidence, cap) };
}

export function extractReceipt(lines: readonly OcrLine[], options: ExtractOptions = {}): Extraction {
  const rows = buildRows(lines);
  if (rows.length === 0) return { fields: {}, items: [], confidence: 0 };
  const locale = detectLocale(rows, options.languages);
  const read = readItems(rows, locale.wholeAmounts);
  const { witness } = read;
  const totals = findTotals(rows, {
    whole: locale.wholeAmounts,
    ...(witness.count > 0 ? { itemsCents: witness.cents, itemCount: witness.count } : {}),
    ...(locale.currency === 'MYR' ? { cashRounding: 5 } : {}),
  });
  // Items that do not add up are settled against a total the receipt's other figures confirm (items.ts).
  const confirmed = totals.totalWitnesses.length > 0 ? totals.total?.amount.cents : undefined;
  const rawItems = refundedItems(
    (confirmed !== undefined && confirmed > 0 ? read.settledTo(confirmed) : undefined) ?? read.items,
    totals.total?.amount.cents,
  );
  const date = findDate(rows, locale.dateOrder, locale.dateOrderKnown, options.today ?? new Date());
  const time = findTime(rows, date?.bbox);
  const merchant = findMerchant(rows);
  const payment = findPayment(rows, totals.total?.row.index ?? 0);

  const checks = runChecks({
    total: totals.total?.amount.cents,
    subtotal: totals.subtotal?.amount.cents,
    tax: totals.tax?.amount.cents,
    tip: totals.tip?.amount.cents,
    discount: totals.discount?.amount.cents,
    rounding: totals.rounding?.amount.cents,
    // a total computed from cash - change cannot be confirmed by the same subtraction
    cash: totals.totalSource === 'tender' ? undefined : totals.cash?.amount.cents,
    change: totals.totalSource === 'tender' ? undefined : totals.change?.amount.cents,
    itemsSum: witness.count > 0 ? witness.cents : undefined,
    itemCount: witness.count,
  });
  const delta = adjustments(checks);
  const items = rawItems.map((item) => ({ ...item, confidence: clamp01(item.confidence + delta.items) }));

  const allText = rows.map((r) => r.upper).join('\n');
  const category = inferCategory(merchant.name?.value.toUpperCase() ?? '', allText);

  const fields: ReceiptFields = {};
  if (merchant.name) fields.merchantName = merchant.name;
  if (merchant.address) fields.merchantAddress = merchant.address;
  if (merchant.phone) fields.merchantPhone = merchant.phone;
  if (date)
    fields.transactionDate = {
      value: date.value,
      confidence: date.confidence,
      text: date.text,
      bbox: date.bbox,
    };
  if (time) fields.transactionTime = time;
  if (locale.currency) {
    fields.currency = {
      value: locale.currency,
      confidence: locale.currencyConfidence,
      text: locale.currencyText,
      bbox: locale.currencyRow?.bbox ?? null,
    };
  }
  const subtotal = amountField(totals.subtotal, delta.subtotal);
  if (subtotal) fields.subtotal = subtotal;
  const bill = { subtotal: totals.subtotal?.amount.cents, total: totals.total?.amount.cents };
  const stated = statedTax(rows, locale.wholeAmounts, bill);
  // the checks weighed the tax the totals found; a tax stated rate by rate carries its own confidence, and one
  // whose rates did not read is not one rate's row the totals took
  const tax = stated.tax
    ? amountField(stated.tax)
    : stated.rated
      ? undefined
      : amountField(totals.tax, delta.tax);
  if (tax) fields.tax = tax;
  const tip = amountField(totals.tip);
  if (tip) fields.tip = tip;
  const total = capUnwitnessed(amountField(totals.total, delta.total), totals, locale.wholeAmounts);
  if (total) fields.total = total;
  if (payment) fields.paymentMethod = payment;
  fields.category = { value: category.value, confidence: category.confidence, text: '', bbox: null };

  const confidence = overallConfidence(
    {
      ...(total ? { total: total.confidence } : {}),
      ...(date ? { date: date.confidence } : {}),
      ...(merchant.name ? { merchant: merchant.name.confidence } : {}),
    },
    checks,
  );
  return { fields, items, confidence };
}
