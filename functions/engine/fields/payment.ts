/**
 * Payment method from the tender rows: card networks and terminal words mean card, wallets mean mobile,
 * vouchers and gift cards mean voucher, cash/efectivo/tunai (or change given) mean cash.
 */
import type { BBox } from '../schema.js';
import { CARD, CASH_TENDERED, CHANGE, MOBILE, NOT_CASH, VOUCHER } from './labels.js';
import type { Row } from './layout.js';

export type PaymentMethod = 'cash' | 'card' | 'mobile' | 'voucher' | 'other';

export interface FoundPayment {
  readonly value: PaymentMethod;
  readonly confidence: number;
  readonly text: string;
  readonly bbox: BBox;
}

/** Cash handed over, or change given back (which only cash payments get). */
const CASH_PAYMENT = new RegExp(`${CASH_TENDERED.source}|${CHANGE.source}|\\bCONTADO\\b`);

/** Tender words that any payment prints ("AMOUNT PAID" on a card slip): not evidence of cash. */
const ANY_TENDER = /^(PAID|PAY|TENDER|TENDERED|PAID AMOUNT|AMOUNT PAID|AMOUNT TENDERED)$/;

const METHODS: { value: PaymentMethod; re: RegExp; weight: number }[] = [
  { value: 'mobile', re: MOBILE, weight: 3 },
  { value: 'voucher', re: VOUCHER, weight: 2.5 },
  { value: 'card', re: CARD, weight: 2 },
  { value: 'cash', re: CASH_PAYMENT, weight: 1 },
];

const NOT_PAYMENT = /\b(MEMBER|MEMBERSHIP|LOYALTY|POINTS|REWARDS?|PUNTOS|CLUB|WORKER'?S)\b/;

/** @param from index of the first row of the tender area (the total's row): card words above it are items. */
export function findPayment(rows: readonly Row[], from = 0): FoundPayment | undefined {
  let best: (FoundPayment & { score: number }) | undefined;
  for (const row of rows.slice(from)) {
    if (NOT_PAYMENT.test(row.upper)) continue;
    const upper = row.upper.replace(NOT_CASH, ' ');
    for (const method of METHODS) {
      const match = method.re.exec(upper);
      if (!match || (method.value === 'cash' && ANY_TENDER.test(match[0].trim()))) continue;
      const withAmount = /\d[.,]\d{2}\b|\d{1,3}[.,]\d{3}\b/.test(row.text) ? 1 : 0;
      const score = method.weight + withAmount;
      if (!best || score > best.score) {
        best = {
          value: method.value,
          confidence: Number(Math.min(0.9, 0.45 + 0.12 * score).toFixed(3)),
          text: match[0],
          bbox: row.bbox,
          score,
        };
      }
    }
  }
  if (!best) return undefined;
  const { score: _score, ...found } = best;
  return found;
}
