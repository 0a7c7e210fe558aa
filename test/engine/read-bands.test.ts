import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiptEngine, type ReceiptEngine } from '../../functions/engine/index.js';
import type { GrayImage } from '../../functions/engine/preprocess.js';
import { planBands, readInBands, unturnBox } from '../../functions/engine/read-bands.js';
import { Recognizer } from '../../functions/engine/recognizer.js';
import { resolveLangSource } from '../../functions/engine/tessdata.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';

/** A short receipt: enough lines to cut between, few enough to read fast. */
const SHORT_RECEIPT = {
  lines: ['SUNRISE GROCERY', '', 'MILK 1L        13.00', '', 'TOTAL RM 1,126.89', '', 'CASH 1,200.00'],
};

/** `count` copies of the short receipt one under the other: a long receipt with known lines. */
async function stacked(count: number): Promise<GrayImage> {
  const { data, info } = await sharp(await renderReceipt(SHORT_RECEIPT))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: Buffer.concat(Array(count).fill(data)),
    width: info.width,
    height: info.height * count,
  };
}

describe('planBands', () => {
  it('keeps an image that fits in one band whole', () => {
    expect(planBands(1200, 3000, { bandPixels: 4_000_000, overlap: 240 })).toEqual([
      { top: 0, height: 3000, keepFrom: 0, keepTo: 3000 },
    ]);
  });

  it.each([
    [1080, 45_810],
    [600, 10_001],
    [1200, 3_334],
  ])('cuts %ix%i into overlapping bands whose kept rows tile the image once', (width, height) => {
    const options = { bandPixels: 4_000_000, overlap: 240 };

    const bands = planBands(width, height, options);

    expect(bands.length).toBeGreaterThan(1);
    for (const [index, band] of bands.entries()) {
      expect(band.height * width).toBeLessThanOrEqual(options.bandPixels);
      expect(band.top + band.height).toBeLessThanOrEqual(height);
      // Each band keeps rows inside itself, away from the edge it shares with a neighbour.
      expect(band.keepFrom).toBeGreaterThanOrEqual(index === 0 ? 0 : band.top + options.overlap / 2 - 1);
      expect(band.keepTo).toBeLessThanOrEqual(index === bands.length - 1 ? height : band.top + band.height);
      expect(band.keepFrom).toBe(bands[index - 1]?.keepTo ?? 0);
    }
    expect(bands.at(-1)?.keepTo).toBe(height);
  });
});

describe('unturnBox', () => {
  it('undoes a half turn', () => {
    expect(
      unturnBox({ x0: 0, y0: 0, x1: 10, y1: 5 }, 180, { width: 100, height: 50 }, { width: 100, height: 50 }),
    ).toEqual({
      x0: 90,
      y0: 45,
      x1: 100,
      y1: 50,
    });
  });
});

describe('readInBands', () => {
  let recognizer: Recognizer;

  beforeAll(() => {
    recognizer = new Recognizer({
      languages: 'eng',
      source: resolveLangSource(['eng'], 'fast'),
      recycleAfterJobs: 100,
      recycleAboveRssBytes: 2e9,
    });
  });
  afterAll(async () => {
    await recognizer.close();
  });

  it('reads a long receipt band by band: every line once, in order, on the whole image grid', async () => {
    // Prepare: three receipts stacked, read in bands of about one receipt with 80 rows (two lines) of overlap.
    const image = await stacked(3);
    const receiptHeight = image.height / 3;
    const options = { bandPixels: image.width * Math.round(receiptHeight * 1.2), overlap: 80 };
    expect(planBands(image.width, image.height, options).length).toBeGreaterThanOrEqual(3);

    // Act
    const reading = await readInBands(image, 1, recognizer, () => {}, options);

    // Assess
    const lines = reading.page.lines;
    const tops = (prefix: string) =>
      lines.filter((line) => line.text.startsWith(prefix)).map((l) => l.bbox.y0);
    const totals = tops('TOTAL');
    expect(totals).toHaveLength(3);
    expect(tops('SUNRISE')).toHaveLength(3);
    expect(tops('CASH')).toHaveLength(3);
    // The nth TOTAL sits in the nth receipt, at the same height within it.
    const within = totals.map((y, index) => y - index * receiptHeight);
    expect(Math.max(...within) - Math.min(...within)).toBeLessThanOrEqual(3);
    const ys = lines.map((line) => line.bbox.y0);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(reading.image).toBe(image);
  });
});

describe('the engine and very long receipts', () => {
  let engine: ReceiptEngine;

  beforeAll(async () => {
    engine = await createReceiptEngine({ languages: ['eng'], maxReadHeight: 2000 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('refuses a receipt longer than maxReadHeight with TOO_LONG, before any recognition', async () => {
    // Prepare: one receipt of 120 items, about 4,000 px long.
    const items = Array.from(
      { length: 120 },
      (_, i) => `ITEM ${String(i + 1).padStart(3, '0')}        1 x 1.00    1.00`,
    );
    const png = await renderReceipt({
      lines: [...ENGLISH_RECEIPT.lines.slice(0, 7), ...items, 'TOTAL   120.00'],
    });

    // Act / Assess
    await expect(engine.process({ bytes: png })).rejects.toMatchObject({
      code: 'TOO_LONG',
      retryable: false,
      message: expect.stringMatching(/limit is 2000/),
    });
  });
});
