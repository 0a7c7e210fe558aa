import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rereadWeakLines } from '../../functions/engine/lines.js';
import { type GrayImage, toPgm } from '../../functions/engine/preprocess.js';
import { Recognizer } from '../../functions/engine/recognizer.js';
import { resolveLangSource } from '../../functions/engine/tessdata.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';

describe('rereadWeakLines', () => {
  let recognizer: Recognizer;
  let image: GrayImage;

  beforeAll(async () => {
    recognizer = new Recognizer({
      languages: 'eng',
      source: resolveLangSource(['eng'], 'fast'),
      recycleAfterJobs: 100,
      recycleAboveRssBytes: Number.POSITIVE_INFINITY,
    });
    const { data, info } = await sharp(await renderReceipt(ENGLISH_RECEIPT))
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    image = { data, width: info.width, height: info.height };
  });
  afterAll(async () => {
    await recognizer.close();
  });

  it('replaces a weak line with its enlarged re-reading, boxes mapped back onto the page', async () => {
    // Prepare: a real reading reported on a 1.5x grid, with the TOTAL line marked weak.
    const scale = 1.5;
    const page = await recognizer.recognize(toPgm(image), { scale });
    const index = page.lines.findIndex((line) => line.text.startsWith('TOTAL'));
    const original = page.lines[index];
    if (original === undefined) throw new Error('the TOTAL line was not read');
    const weakened = page.lines.map((line, i) =>
      i === index
        ? { ...line, confidence: 0.1, words: line.words.map((word) => ({ ...word, confidence: 0.1 })) }
        : line,
    );

    // Act
    const lines = await rereadWeakLines(weakened, image, scale, recognizer);

    // Assess
    const reread = lines[index];
    expect(reread?.text).toBe('TOTAL RM 1,126.89');
    expect(reread?.confidence).toBeGreaterThan(0.8);
    for (const [i, word] of (reread?.words ?? []).entries()) {
      const before = original.words[i]?.bbox;
      expect(Math.abs(word.bbox.x0 - (before?.x0 ?? 0))).toBeLessThanOrEqual(4);
      expect(Math.abs(word.bbox.y1 - (before?.y1 ?? 0))).toBeLessThanOrEqual(4);
    }
    expect(lines.filter((_, i) => i !== index)).toEqual(page.lines.filter((_, i) => i !== index));
  });
});
