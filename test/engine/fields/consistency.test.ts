import { describe, expect, it } from 'vitest';
import { overallConfidence } from '../../../functions/engine/fields/confidence.js';
import { adjustments, checkScore, runChecks } from '../../../functions/engine/fields/consistency.js';

describe('runChecks', () => {
  it.each([
    [{ subtotal: 1000, tax: 60, total: 1060, itemCount: 0 }, 'pass'],
    [{ subtotal: 1000, tax: 60, tip: 200, total: 1260, itemCount: 0 }, 'pass'],
    [{ subtotal: 1000, tax: 60, discount: 100, total: 960, itemCount: 0 }, 'pass'],
    [{ subtotal: 4534, rounding: 1, total: 4535, itemCount: 0 }, 'pass'],
    [{ subtotal: 820, tax: 46, total: 820, itemCount: 0 }, 'pass'], // tax included
    [{ subtotal: 1000, tax: 60, total: 1860, itemCount: 0 }, 'fail'],
    [{ total: 1060, itemCount: 0 }, 'n/a'],
  ])('sum check %o -> %s', (amounts, expected) => {
    expect(runChecks(amounts).sum).toBe(expected);
  });

  it('checks the tender and the items', () => {
    expect(runChecks({ total: 7100, cash: 10100, change: 3000, itemCount: 0 }).tender).toBe('pass');
    expect(runChecks({ total: 1100, cash: 10100, change: 3000, itemCount: 0 }).tender).toBe('fail');
    expect(runChecks({ total: 820, itemsSum: 820, itemCount: 2 }).items).toBe('pass');
    expect(runChecks({ total: 820, itemsSum: 500, itemCount: 1 }).items).toBe('fail');
    expect(runChecks({ itemsSum: 500, itemCount: 1 }).items).toBe('n/a');
  });
});

describe('confidence', () => {
  it('raises the amounts a passing check involves and lowers them when it fails', () => {
    const pass = adjustments({ sum: 'pass', tender: 'pass', items: 'n/a' });
    const fail = adjustments({ sum: 'fail', tender: 'fail', items: 'fail' });
    expect(pass).toEqual({ total: 0.2, subtotal: 0.15, tax: 0.15, items: 0 });
    expect(fail.total).toBeLessThan(0);
    expect(fail.items).toBeLessThan(0);
  });

  it('weighs total, date, merchant and checks', () => {
    const none = { sum: 'n/a', tender: 'n/a', items: 'n/a' } as const;
    expect(checkScore(none)).toBe(0.5);
    expect(overallConfidence({ total: 1, date: 1, merchant: 1 }, { ...none, sum: 'pass' })).toBe(1);
    expect(overallConfidence({ date: 1, merchant: 1 }, none)).toBe(0.525);
    expect(overallConfidence({}, none)).toBe(0.075);
  });
});
