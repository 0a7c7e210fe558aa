import { describe, expect, it } from 'vitest';
import { calibrate, calibration } from '../../../tools/eval/calibration.js';
import type { ReceiptScore, ValueScore } from '../../../tools/eval/score.js';

const value = (ok: boolean, confidence?: number): ValueScore => ({
  ok,
  expected: '1.00',
  inText: true,
  ...(confidence !== undefined ? { got: ok ? '1.00' : '2.00', confidence } : {}),
});

describe('calibrate', () => {
  it('buckets returned values by confidence, lower edge in, upper edge out, 1.0 in the last bucket', () => {
    // Prepare
    const values = [
      value(false, 0),
      value(true, 0.49),
      value(true, 0.5),
      value(false, 0.79),
      value(true, 0.8),
      value(false, 0.89),
      value(true, 0.9),
      value(true, 1),
      value(false), // labelled, nothing returned
      undefined, // not labelled
    ];

    // Act
    const result = calibrate(values);

    // Assess
    expect(result.buckets).toEqual([
      { from: 0, to: 0.5, n: 2, right: 1, accuracy: 0.5 },
      { from: 0.5, to: 0.8, n: 2, right: 1, accuracy: 0.5 },
      { from: 0.8, to: 0.9, n: 2, right: 1, accuracy: 0.5 },
      { from: 0.9, to: 1, n: 2, right: 2, accuracy: 1 },
    ]);
    expect(result.trusted).toEqual({ from: 0.8, to: 1, n: 4, right: 3, accuracy: 0.75 });
    expect(result.absent).toBe(1);
  });

  it('gives an empty bucket no accuracy', () => {
    expect(calibrate([]).buckets[0]).toEqual({ from: 0, to: 0.5, n: 0, right: 0, accuracy: null });
  });
});

describe('calibration', () => {
  it('takes totals, dates and taxes of all receipts given, whatever set they come from', () => {
    const scores: ReceiptScore[] = [
      { id: 'a', ms: 1, total: value(true, 0.95), date: value(false, 0.95), tax: value(true, 0.6) },
      { id: 'b', ms: 1, total: value(true, 0.85), tax: { ok: false, expected: '1.20', inText: false } },
      { id: 'c', ms: 1 },
    ];

    const result = calibration(scores);

    expect(result.total.trusted).toMatchObject({ n: 2, right: 2 });
    expect(result.date.trusted).toMatchObject({ n: 1, right: 0, accuracy: 0 });
    expect(result.date.absent).toBe(0);
    expect(result.tax.buckets[1]).toMatchObject({ n: 1, right: 1 });
    expect(result.tax.absent).toBe(1);
  });
});
