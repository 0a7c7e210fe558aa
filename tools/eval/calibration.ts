/**
 * Does a confidence mean something? Values the extractor returned, bucketed by their confidence, with how
 * often each bucket was right, over every labelled receipt of every set evaluated together.
 */
import type { ReceiptScore, ValueScore } from './score.js';

/** Bucket edges: [0, 0.5) [0.5, 0.8) [0.8, 0.9) [0.9, 1.0]. */
export const BUCKETS = [
  { from: 0, to: 0.5 },
  { from: 0.5, to: 0.8 },
  { from: 0.8, to: 0.9 },
  { from: 0.9, to: 1 },
] as const;

/** The confidence above which values are meant to be trusted (issue target: right >= 97 % of the time). */
export const TRUSTED_CONFIDENCE = 0.8;

export interface Bucket {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly right: number;
  /** right / n; null for an empty bucket. */
  readonly accuracy: number | null;
}

export interface FieldCalibration {
  readonly buckets: readonly Bucket[];
  /** Every value with confidence >= TRUSTED_CONFIDENCE. */
  readonly trusted: Bucket;
  /** Labelled receipts for which the extractor returned no value (no confidence to bucket). */
  readonly absent: number;
}

function bucket(from: number, to: number, values: readonly ValueScore[]): Bucket {
  const right = values.filter((v) => v.ok).length;
  return { from, to, n: values.length, right, accuracy: values.length === 0 ? null : right / values.length };
}

export function calibrate(values: readonly (ValueScore | undefined)[]): FieldCalibration {
  const labelled = values.filter((v): v is ValueScore => v !== undefined);
  const returned = labelled.filter((v) => v.confidence !== undefined);
  const confidence = (v: ValueScore) => v.confidence ?? 0;
  const last = BUCKETS.length - 1;
  return {
    buckets: BUCKETS.map(({ from, to }, i) =>
      bucket(
        from,
        to,
        // The last bucket is closed: a confidence of exactly 1 belongs to it.
        returned.filter(
          (v) => confidence(v) >= from && (i === last ? confidence(v) <= to : confidence(v) < to),
        ),
      ),
    ),
    trusted: bucket(
      TRUSTED_CONFIDENCE,
      1,
      returned.filter((v) => confidence(v) >= TRUSTED_CONFIDENCE),
    ),
    absent: labelled.length - returned.length,
  };
}

export function calibration(scores: readonly ReceiptScore[]) {
  return {
    total: calibrate(scores.map((s) => s.total)),
    date: calibrate(scores.map((s) => s.date)),
    tax: calibrate(scores.map((s) => s.tax)),
  };
}
export type Calibration = ReturnType<typeof calibration>;
