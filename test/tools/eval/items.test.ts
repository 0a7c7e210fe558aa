import { describe, expect, it } from 'vitest';
import { scoreItems, summariseItems } from '../../../tools/eval/items.js';

const item = (description: string, amount: number) => ({ description, amount });

describe('scoreItems', () => {
  it('matches amounts as multisets: a repeated amount matches as often as both sides have it', () => {
    // Prepare: labelled 13.00 twice and 4.20 once; found 13.00 three times, 4.20 once and 9.99 once.
    const labelled = [item('MILK 1L', 1300), item('MILK 1L', 1300), item('BREAD', 420)];
    const predicted = [
      item('MILK 1L', 1300),
      item('M1LK 1L', 1300),
      item('TOTAL', 1300),
      item('BREAD', 420),
      item('X', 999),
    ];

    // Act
    const score = scoreItems(labelled, predicted);

    // Assess
    expect(score).toEqual({ labelled: 3, predicted: 5, matched: 3, descriptionNear: 3 });
  });

  it('pairs the most similar descriptions among items of equal amount', () => {
    const labelled = [item('COFFEE BEANS', 500), item('TEA', 500)];
    const predicted = [item('TEA', 500), item('C0FFEE BEANS', 500)];

    expect(scoreItems(labelled, predicted)).toMatchObject({ matched: 2, descriptionNear: 2 });
  });

  it('counts a matched amount with an unlike description as matched but not near', () => {
    expect(scoreItems([item('WHOLEMEAL BREAD', 420)], [item('SST 6%', 420)])).toEqual({
      labelled: 1,
      predicted: 1,
      matched: 1,
      descriptionNear: 0,
    });
  });
});

describe('summariseItems', () => {
  it('micro-averages: sums matches over receipts before dividing', () => {
    // Receipt 1: 3 labelled, 5 found, 3 matched; receipt 2: 5 labelled, 1 found, 1 matched.
    const summary = summariseItems([
      { labelled: 3, predicted: 5, matched: 3, descriptionNear: 2 },
      { labelled: 5, predicted: 1, matched: 1, descriptionNear: 1 },
    ]);

    // precision 4/6, recall 4/8, F1 = 2PR/(P+R) = 4/7
    expect(summary.precision).toBeCloseTo(4 / 6, 10);
    expect(summary.recall).toBeCloseTo(4 / 8, 10);
    expect(summary.f1).toBeCloseTo(4 / 7, 10);
    expect(summary.descriptionNearRate).toBeCloseTo(3 / 4, 10);
    expect(summary).toMatchObject({ receipts: 2, labelled: 8, predicted: 6, matched: 4, descriptionNear: 3 });
  });

  it('scores nothing found as 0, and nothing to find with nothing found as 1', () => {
    expect(summariseItems([{ labelled: 2, predicted: 0, matched: 0, descriptionNear: 0 }])).toMatchObject({
      precision: 0,
      recall: 0,
      f1: 0,
      descriptionNearRate: null,
    });
    expect(summariseItems([{ labelled: 0, predicted: 0, matched: 0, descriptionNear: 0 }]).f1).toBe(1);
    expect(summariseItems([{ labelled: 0, predicted: 3, matched: 0, descriptionNear: 0 }]).f1).toBe(0);
  });
});
