/**
 * Line items on the printed text of rendered receipts (tools/render: 7 languages, their till layouts, three
 * seeds), read as OCR lines without recognition: the parser alone against the generator's labels. Reading
 * errors are measured by `pnpm eval` on the rendered images (docs/fields.md, Items).
 */
import { describe, expect, it } from 'vitest';
import { findItems } from '../../../functions/engine/fields/items.js';
import { buildRows } from '../../../functions/engine/fields/layout.js';
import { detectLocale } from '../../../functions/engine/fields/locale.js';
import { receiptLabel } from '../../../tools/render/labels.js';
import { LANGUAGES } from '../../../tools/render/model.js';
import { generateReceipt } from '../../../tools/render/receipt.js';
import { ocrLines } from './ocr-lines.js';

const SEEDS = [1, 2, 3];
const PER_SEED = 30;

function sortedAmounts(amounts: readonly string[]): number[] {
  return amounts.map((a) => Math.round(Number(a) * 100)).sort((a, b) => a - b);
}

describe.each(LANGUAGES)('items of rendered %s receipts', (language) => {
  const receipts = SEEDS.flatMap((seed) =>
    Array.from({ length: PER_SEED }, (_, index) => {
      const receipt = generateReceipt(language, index, seed);
      const label = receiptLabel(receipt.content, receipt.laidOut, receipt.id, {});
      const rows = buildRows(ocrLines(receipt.text.join('\n')));
      return {
        id: `${receipt.id} seed ${seed}`,
        label,
        items: findItems(rows, detectLocale(rows).wholeAmounts),
      };
    }),
  );

  it('finds every labelled amount and nothing else, discounts and deposit returns negative', () => {
    const wrong = receipts
      .filter(
        ({ label, items }) =>
          JSON.stringify(sortedAmounts(label.items.map((i) => i.amount))) !==
          JSON.stringify(sortedAmounts(items.map((i) => i.amount))),
      )
      .map(({ id }) => id);
    expect(wrong).toEqual([]);
  });

  it('reads the quantity of nearly every item sold by count or weight', () => {
    let counted = 0;
    let right = 0;
    for (const { label, items } of receipts) {
      const left = [...items];
      for (const expected of label.items) {
        const at = left.findIndex((i) => i.amount === expected.amount);
        const found = left.splice(at, 1)[0];
        if (at < 0 || expected.quantity === null || expected.quantity === '1') continue;
        counted += 1;
        if (found?.quantity !== null && Number(found?.quantity) === Math.abs(Number(expected.quantity)))
          right += 1;
      }
    }
    expect(counted).toBeGreaterThan(100);
    expect(right / counted).toBeGreaterThanOrEqual(0.9);
  });
});
