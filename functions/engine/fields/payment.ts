/**
 * Payment method from the tender rows: card networks and terminal words mean card, wallets mean mobile,
 * vouchers and gift cards mean voucher, cash/efectivo/tunai (or change given) mean cash.
 */
import type { BBox } from '../schema.js';
import { NOT_CASH } from './labels.js';
import type { Row } from './layout.js';

export type PaymentMethod = 'cash' | 'card' | 'mobile' | 'voucher' | 'other';

export interface FoundPayment {
  readonly value: PaymentMethod;
  readonly confidence: number;
  readonly text: string;
  readonly bbox: BBox;
}

const METHODS: { value: PaymentMethod; re: RegExp; weight: number }[] = [
  {
    value: 'mobile',
    re: /\b(NEQUI|DAVIPLATA|APPLE\s*PAY|GOOGLE\s*PAY|SAMSUNG\s*PAY|GRAB\s*PAY|GRABPAY|BOOST|TOUCH\s*'?N\s*GO|TNG|E-?WALLET|PAYPAL|VENMO|ALIPAY|WECHAT\s*PAY|DUITNOW|QR\s*PAY)\b/,
    weight: 3,
  },
  { value: 'voucher', re: /\b(VOUCHER|GIFT\s*CARD|GIFT\s*CERT|BONO|CUP[OÓ]N|COUPON|VALE)\b/, weight: 2.5 },
  {
    value: 'card',
    re: /\b(VISA|MASTERCARD|MASTER\s*CARD|MASTER|AMEX|AMERICAN\s*EXPRESS|DINERS|MAESTRO|DEBIT|CREDIT|CARD|TARJETA|D[EÉ]BITO|CR[EÉ]DITO|DATAF[OÓ]NO|REDEBAN|CREDIBANCO|APPROVAL|AUTH\s*CODE|APROBACI[OÓ]N|CHIP|CONTACTLESS|MYDEBIT|X{4,}\d{4}|\*{4,}\d{4})\b/,
    weight: 2,
  },
  { value: 'cash', re: /\b(CASH|EFECTIVO|TUNAI|CONTADO|CHANGE|CAMBIO|VUELTO|DEVUELTA)\b/, weight: 1 },
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
      if (!match) continue;
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
