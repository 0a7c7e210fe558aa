/**
 * Line items: predicted item amounts matched to labelled ones as multisets per receipt, then precision,
 * recall and F1 summed over a set (micro average: every item weighs the same, whatever its receipt).
 */
import type { LabelItem } from './labels.js';
import { normalise, similarity } from './metrics.js';

/** Description similarity at which a matched item's description counts as right (OCR slips allowed). */
export const ITEM_DESCRIPTION_NEAR = 0.8;

export interface PredictedItem {
  readonly description: string;
  /** In hundredths. */
  readonly amount: number;
}

export interface ItemsScore {
  readonly labelled: number;
  readonly predicted: number;
  /** Predicted amounts that meet an as yet unmatched labelled amount. */
  readonly matched: number;
  /** Matched items whose descriptions are near (similarity >= ITEM_DESCRIPTION_NEAR). */
  readonly descriptionNear: number;
}

function groupByAmount<T extends { amount: number }>(items: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(item.amount, [...(groups.get(item.amount) ?? []), item]);
  return groups;
}

/**
 * Items of equal amount pair up min(labelled, predicted) times; among them, the most similar descriptions pair
 * first, so two items at the same price do not lose their descriptions to the order they were read in.
 */
export function scoreItems(labelled: readonly LabelItem[], predicted: readonly PredictedItem[]): ItemsScore {
  const expectedByAmount = groupByAmount(labelled);
  let matched = 0;
  let descriptionNear = 0;
  for (const [amount, got] of groupByAmount(predicted)) {
    const expected = expectedByAmount.get(amount) ?? [];
    const pairs = expected
      .flatMap((e, i) =>
        got.map((g, j) => ({ i, j, sim: similarity(normalise(e.description), normalise(g.description)) })),
      )
      .sort((a, b) => b.sim - a.sim);
    const usedExpected = new Set<number>();
    const usedGot = new Set<number>();
    for (const pair of pairs) {
      if (usedExpected.has(pair.i) || usedGot.has(pair.j)) continue;
      usedExpected.add(pair.i);
      usedGot.add(pair.j);
      matched += 1;
      if (pair.sim >= ITEM_DESCRIPTION_NEAR) descriptionNear += 1;
    }
  }
  return { labelled: labelled.length, predicted: predicted.length, matched, descriptionNear };
}

export interface ItemsSummary extends ItemsScore {
  /** Receipts that label their items. */
  readonly receipts: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Share of matched items whose description is near; null when nothing matched. */
  readonly descriptionNearRate: number | null;
}

/** Sums receipts' item scores; a set whose receipts label no items and get none predicted scores 1. */
export function summariseItems(scores: readonly ItemsScore[]): ItemsSummary {
  const sum = (pick: (s: ItemsScore) => number) => scores.reduce((acc, s) => acc + pick(s), 0);
  const labelled = sum((s) => s.labelled);
  const predicted = sum((s) => s.predicted);
  const matched = sum((s) => s.matched);
  const descriptionNear = sum((s) => s.descriptionNear);
  const nothingToFind = labelled === 0 && predicted === 0;
  const precision = nothingToFind ? 1 : predicted === 0 ? 0 : matched / predicted;
  const recall = nothingToFind ? 1 : labelled === 0 ? 0 : matched / labelled;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    receipts: scores.length,
    labelled,
    predicted,
    matched,
    descriptionNear,
    precision,
    recall,
    f1,
    descriptionNearRate: matched === 0 ? null : descriptionNear / matched,
  };
}
