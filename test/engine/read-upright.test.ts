/**
 * Which receipts readUpright reads with their lighting flattened from the start: grey paper, and a photographed
 * receipt whose light falls off towards an edge, but not a scan darkening the same way. The recognizer here only
 * records the page it is handed (a fault-free stand-in: what is asserted is the image, not the reading).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isUprightRectangle, type Quad } from '../../functions/engine/image/geometry.js';
import type { GrayImage } from '../../functions/engine/preprocess.js';
import { readUpright } from '../../functions/engine/read-upright.js';
import type { Recognizer } from '../../functions/engine/recognizer.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';

/** The rendered receipt with its right fifth darkening to half the light at its edge. */
async function unevenlyLit(): Promise<GrayImage> {
  const { data, info } = await sharp(await renderReceipt(ENGLISH_RECEIPT))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const lit = data.map((v, i) => {
    const x = (i % info.width) / info.width;
    return Math.round(v * (x < 0.8 ? 1 : 1 - ((x - 0.8) / 0.2) * 0.5));
  });
  return { data: Buffer.from(lit), width: info.width, height: info.height };
}

/** The paper's level in the right tenth of the page a recognizer was handed (PGM: header, then pixels). */
function rightEdgePaper(pgm: Buffer, width: number, height: number): number {
  const pixels = pgm.subarray(pgm.length - width * height);
  const values: number[] = [];
  for (let y = 0; y < height; y += 2)
    for (let x = Math.floor(width * 0.9); x < width * 0.97; x += 2)
      values.push(pixels[y * width + x] as number);
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length * 0.9)] as number;
}

async function pageRead(image: GrayImage, photographed: boolean): Promise<number> {
  const pages: Buffer[] = [];
  const recognizer = {
    recognize: async (pgm: Buffer) => {
      pages.push(pgm);
      return { lines: [], confidence: 0.9 };
    },
  } as unknown as Recognizer;
  const reading = await readUpright(image, 1, recognizer, () => {}, { photographed });
  return rightEdgePaper(pages[0] as Buffer, reading.image.width, reading.image.height);
}

describe('readUpright lighting', () => {
  it("flattens a photographed receipt's light falling off towards an edge, not a scan's", async () => {
    const image = await unevenlyLit();

    expect(await pageRead(image, true)).toBeGreaterThan(230);
    expect(await pageRead(image, false)).toBeLessThan(200);
  });

  it('tells a scanner-framed outline from a photographed one', () => {
    const scan: Quad = [
      { x: 70, y: 47 },
      { x: 819, y: 47 },
      { x: 819, y: 2077 },
      { x: 70, y: 2077 },
    ];
    const photo: Quad = [
      { x: 515, y: 440 },
      { x: 2674, y: 375 },
      { x: 2874, y: 3220 },
      { x: 602, y: 3294 },
    ];

    expect(isUprightRectangle(scan)).toBe(true);
    expect(isUprightRectangle(photo)).toBe(false);
  });
});
