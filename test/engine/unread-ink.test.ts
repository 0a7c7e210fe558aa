import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrayImage, toPgm } from '../../functions/engine/preprocess.js';
import { Recognizer } from '../../functions/engine/recognizer.js';
import type { OcrLine } from '../../functions/engine/schema.js';
import { resolveLangSource } from '../../functions/engine/tessdata.js';
import { readUnreadInk, unreadBands } from '../../functions/engine/unread-ink.js';
import { renderReceipt } from '../../tools/samples/receipt-images.js';

/** A white page with black rectangles at [left, top, right, bottom]. */
function page(width: number, height: number, boxes: readonly [number, number, number, number][]): GrayImage {
  const data = Buffer.alloc(width * height, 255);
  for (const [left, top, right, bottom] of boxes) {
    for (let y = top; y < bottom; y += 1) data.fill(0, y * width + left, y * width + right);
  }
  return { data, width, height };
}

type Box = [number, number, number, number];

/** A row of E-shaped glyphs filling [left, top, right, bottom]: a stem and three arms each, 24 px apart. */
function glyphs(left: number, top: number, right: number, bottom: number): Box[] {
  const boxes: Box[] = [];
  const middle = Math.round((top + bottom) / 2);
  for (let x = left; x + 16 <= right; x += 24) {
    boxes.push([x, top, x + 4, bottom], [x, top, x + 16, top + 4], [x, middle - 2, x + 12, middle + 2]);
    boxes.push([x, bottom - 4, x + 16, bottom]);
  }
  return boxes;
}

/** A barcode filling [left, top, right, bottom]: bars 2 to 6 px wide, gaps as wide. */
function barcode(left: number, top: number, right: number, bottom: number): Box[] {
  const boxes: Box[] = [];
  for (let x = left, i = 0; x < right; i += 1) {
    const bar = 2 + ((i * 7) % 5);
    boxes.push([x, top, Math.min(right, x + bar), bottom]);
    x += bar + 2 + ((i * 3) % 4);
  }
  return boxes;
}

function line(top: number, bottom: number, text = 'ITEM 1.00'): OcrLine {
  const bbox = { x0: 20, y0: top, x1: 300, y1: bottom };
  return { text, confidence: 0.9, bbox, words: [{ text, confidence: 0.9, bbox }] };
}

describe('unreadBands', () => {
  const lines = [line(100, 120), line(130, 150), line(160, 180), line(190, 210)];
  const text: [number, number, number, number][] = lines.map((l) => [20, l.bbox.y0, 300, l.bbox.y1]);

  it('finds a row of glyphs taller than the text that no line covers', () => {
    const image = page(400, 400, [...text, ...glyphs(40, 30, 360, 75)]);

    expect(unreadBands(image, lines, 1)).toEqual([{ top: 30, bottom: 75, left: 40, right: 344 }]);
  });

  it('leaves a barcode alone, and finds up to three rows of large glyphs', () => {
    // A till's barcode above the shop's name printed large, and the total printed large below the text.
    const image = page(400, 400, [
      ...barcode(60, 5, 340, 25),
      ...text,
      ...glyphs(40, 30, 360, 75),
      ...glyphs(40, 230, 360, 270),
      ...glyphs(40, 320, 360, 360),
    ]);

    expect(unreadBands(image, lines, 1).map((band) => band.top)).toEqual([30, 230, 320]);
  });

  it("finds the name under a barcode though the crop left a strip of table along the paper's edges", () => {
    // the strips narrow down the page, as a photo's crop not square to the paper leaves them
    const strips: Box[] = [];
    for (let y = 0; y < 400; y += 1)
      strips.push([0, y, 12 - Math.floor(y / 40), y + 1], [390 + Math.floor(y / 40), y, 400, y + 1]);
    const image = page(400, 400, [
      ...strips,
      ...barcode(60, 5, 340, 25),
      ...text,
      ...glyphs(40, 30, 360, 75),
    ]);

    expect(unreadBands(image, lines, 1)).toEqual([{ top: 30, bottom: 75, left: 40, right: 344 }]);
  });

  it('leaves a square logo, a line of ordinary height and a picture-sized block alone', () => {
    const logo: [number, number, number, number] = [150, 20, 200, 70];
    const small: [number, number, number, number] = [20, 240, 300, 258];
    const picture: [number, number, number, number] = [20, 270, 380, 395];

    expect(unreadBands(page(400, 400, [...text, logo, small, picture]), lines, 1)).toEqual([]);
  });

  it('maps the lines from the original grid to the image read', () => {
    // The same page reported on a grid twice as fine: the lines still cover their rows.
    const doubled = lines.map((l) => ({ ...l, bbox: { ...l.bbox, y0: l.bbox.y0 * 2, y1: l.bbox.y1 * 2 } }));

    expect(unreadBands(page(400, 400, [...text, ...glyphs(40, 30, 360, 75)]), doubled, 2)).toHaveLength(1);
  });
});

describe('readUnreadInk', () => {
  let recognizer: Recognizer;

  beforeAll(() => {
    recognizer = new Recognizer({
      languages: 'eng',
      source: resolveLangSource(['eng'], 'best_int'),
      recycleAfterJobs: 100,
      recycleAboveRssBytes: Number.POSITIVE_INFINITY,
    });
  });
  afterAll(async () => {
    await recognizer.close();
  });

  it("puts back a shop's name printed large, which the page reading drops", async () => {
    // Prepare: a receipt headed by its name in double height, with centred lines at its foot (with them,
    // Tesseract's one-block layout drops the name).
    const { data, info } = await sharp(
      await renderReceipt({
        title: '    VILLAGE CHEMIST',
        lines: [
          '  UNIT 19, RIVERSIDE RETAIL PARK',
          '            LEEDS',
          '',
          'TOOTHPASTE 75ML               3.30',
          'VITAMIN D 90 TABS             8.39',
          'MULTIBUY SAVING              -2.00',
          'SUBTOTAL                      9.69',
          'TOTAL                         9.69',
          '',
          '   Returns accepted within 30 days',
          '            with receipt',
        ],
      }),
    )
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image = { data, width: info.width, height: info.height };
    const reading = await recognizer.recognize(toPgm(image));
    expect(reading.lines.map((l) => l.text).join('\n')).not.toContain('CHEMIST');

    // Act
    const lines = await readUnreadInk(reading.lines, image, 1, recognizer);

    // Assess: the name comes first, the page's lines follow unchanged.
    expect(lines[0]?.text).toBe('VILLAGE CHEMIST');
    expect(lines.slice(1)).toEqual(reading.lines);
  });
});
