import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiptEngine, type ReceiptEngine } from '../../functions/engine/index.js';
import { ITEM_LINES } from '../../functions/engine/second-look.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';

// The bread's amount misprinted: the items no longer add up to the subtotal, so the article rows are re-read.
const UNBALANCED = {
  ...ENGLISH_RECEIPT,
  lines: ENGLISH_RECEIPT.lines.map((line) =>
    line.startsWith('BREAD') ? line.replace(/4\.20$/, '4.90') : line,
  ),
};

describe('itemLines: the article rows read again when the items do not add up', () => {
  let engine: ReceiptEngine;

  beforeAll(async () => {
    // Every article row re-read, however sure its first reading (a clean render reads above ITEM_LINES.below).
    engine = await createReceiptEngine({ languages: ['eng'], itemLines: { ...ITEM_LINES, below: 1.01 } });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('keeps what the receipt prints when reading again cannot make the items add up', async () => {
    const result = await engine.process({ bytes: await renderReceipt(UNBALANCED) });

    expect(result.items.map((item) => item.amount)).toEqual(['13.00', '4.90', '1045.90']);
    expect(result.fields.total?.value).toBe('1126.89');
    expect(result.fields.subtotal?.value).toBe('1063.10');
  });
});
