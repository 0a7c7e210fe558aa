/**
 * Overall confidence of an extraction: the key fields weigh most (a receipt without a trustworthy total is of
 * little use), then the date and the merchant, then how well the amounts agree with each other.
 */
import type { Checks } from './consistency.js';
import { checkScore } from './consistency.js';

const WEIGHTS = { total: 0.4, date: 0.25, merchant: 0.2, checks: 0.15 } as const;

export function clamp01(value: number): number {
  return Math.max(0, Math.min(1, Number(value.toFixed(3))));
}

export function overallConfidence(
  key: { total?: number; date?: number; merchant?: number },
  checks: Checks,
): number {
  return clamp01(
    WEIGHTS.total * (key.total ?? 0) +
      WEIGHTS.date * (key.date ?? 0) +
      WEIGHTS.merchant * (key.merchant ?? 0) +
      WEIGHTS.checks * checkScore(checks),
  );
}
