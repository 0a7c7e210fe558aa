import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldLineOptions } from '../../functions/engine/field-lines.js';
import { createReceiptEngine, type ReceiptEngine } from '../../functions/engine/index.js';
import { planLanguages } from '../../functions/engine/languages.js';
import type { GrayImage } from '../../functions/engine/preprocess.js';
import { DEFAULT_MODEL_ROLES, RecognizerPool } from '../../functions/engine/recognizer-pool.js';
import type { OcrLine } from '../../functions/engine/schema.js';
import { ITEM_LINES, secondLook } from '../../functions/engine/second-look.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';
import { withMilkPriceGarbled } from '../support/garbled-price.js';
import { readRendered } from '../support/rendered-page.js';

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

describe('itemLines: a garbled price read again cleanly when the items still do not add up', () => {
  const pool = new RecognizerPool({
    languages: ['eng'],
    roles: DEFAULT_MODEL_ROLES,
    recycleAfterJobs: 100,
    recycleAboveRssBytes: Number.POSITIVE_INFINITY,
  });
  afterAll(async () => {
    await pool.close();
  });
  /** The second look at the article rows alone (no field lines), in English. */
  const itemsLook = (lines: OcrLine[], image: GrayImage, itemLines: FieldLineOptions) =>
    secondLook({ lines, image, scale: 1, plan: planLanguages(['eng']), pool, fieldLines: false, itemLines });

  it("keeps the clean re-reading of the milk's garbled price although the misprinted bread stays off", async () => {
    // Prepare: a real reading of the receipt whose bread is misprinted (the items can never add up), with the
    // milk row's amount garbled as the page reading garbles thermal print.
    const { image, page } = await readRendered(UNBALANCED, pool.page('eng'));
    const { lines, index, milk } = withMilkPriceGarbled(page.lines);

    // Act
    const look = await itemsLook(lines, image, { ...ITEM_LINES, below: 1.01 });

    // Assess: the milk's price as printed; the bread's misprint stays, so the items still do not add up
    expect(look.lines[index]?.text).toBe(milk.text);
    expect(look.extraction.items.map((item) => item.amount)).toEqual(['13.00', '4.90', '1045.90']);
  });

  it("reads the milk's price again when the page read it cleanly but unsurely and the items do not add up", async () => {
    // Prepare: a real reading of the receipt as printed, with the milk's 13.00 read as a clean 18.00 at 0.7 and
    // its unit price as 9.00 (a unit price that fits would put the amount back without reading it again)
    const { image, page } = await readRendered(ENGLISH_RECEIPT, pool.page('eng'));
    const index = page.lines.findIndex((line) => line.text.startsWith('MILK'));
    const milk = page.lines[index] as OcrLine;
    const misreadAs: Record<string, string> = { '6.50': '9.00', '13.00': '18.00' };
    const words = milk.words.map((word) => {
      const text = misreadAs[word.text];
      return text === undefined ? word : { ...word, text, confidence: 0.7 };
    });
    const misread: OcrLine = { ...milk, confidence: 0.8, words, text: words.map((w) => w.text).join(' ') };
    expect(misread.text).toBe('MILK 1L 2 x 9.00 18.00');
    const lines = page.lines.map((line, i) => (i === index ? misread : line));

    // Act
    const look = await itemsLook(lines, image, ITEM_LINES);

    // Assess
    expect(look.extraction.items.map((item) => item.amount)).toEqual(['13.00', '4.20', '1045.90']);
  });
});
