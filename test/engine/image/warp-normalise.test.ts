import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { flattenLighting } from '../../../functions/engine/image/normalise.js';
import { isGreyPaper, isUnevenlyLit } from '../../../functions/engine/image/paper-tone.js';
import { warpQuad } from '../../../functions/engine/image/warp.js';
import type { GrayImage } from '../../../functions/engine/preprocess.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../../tools/samples/receipt-images.js';
import { fallingOff, grayReceipt } from '../../support/gray-receipt.js';

function pattern(width: number, height: number): GrayImage {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) data[y * width + x] = (x * 7 + y * 13) % 256;
  return { data, width, height };
}

describe('perspective warp', () => {
  it('copies the image exactly when the quad is the image', () => {
    const image = pattern(40, 30);

    const out = warpQuad(
      image,
      [
        { x: 0, y: 0 },
        { x: 40, y: 0 },
        { x: 40, y: 30 },
        { x: 0, y: 30 },
      ],
      40,
      30,
    );

    expect(out.data.equals(image.data)).toBe(true);
  });

  it('turns the image a quarter when the corners are named a quarter round', () => {
    const image = pattern(40, 30);
    // The output's top-left is the source's bottom-left: a clockwise quarter turn, 30 x 40.
    const out = warpQuad(
      image,
      [
        { x: 0, y: 30 },
        { x: 0, y: 0 },
        { x: 40, y: 0 },
        { x: 40, y: 30 },
      ],
      30,
      40,
    );

    for (let y = 0; y < 40; y += 1) {
      for (let x = 0; x < 30; x += 1) {
        expect(out.data[y * 30 + x]).toBe(image.data[(29 - x) * 40 + y]);
      }
    }
  });

  it('fills what lies outside the source with paper white', () => {
    const image = { data: Buffer.alloc(100, 0), width: 10, height: 10 };

    const out = warpQuad(
      image,
      [
        { x: 20, y: 20 },
        { x: 30, y: 20 },
        { x: 30, y: 30 },
        { x: 20, y: 30 },
      ],
      5,
      5,
    );

    expect([...out.data].every((v) => v === 255)).toBe(true);
  });
});

describe('flattening the lighting of faded paper', () => {
  it('brings paper to white and faded ink to dark across a strong shadow', async () => {
    const { data, info } = await sharp(await renderReceipt({ ...ENGLISH_RECEIPT, contrast: 'low' }))
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Light falls off from full on the left to 45% on the right.
    const lit = Buffer.alloc(data.length);
    for (let i = 0; i < data.length; i += 1) {
      const x = i % info.width;
      lit[i] = (data[i] ?? 0) * (1 - (0.55 * x) / info.width);
    }
    const image = { data: lit, width: info.width, height: info.height };

    const flat = flattenLighting(image);

    // In the original, paper on the right is darker than faded ink on the left; after flattening, paper is
    // near white everywhere and ink (the original's ink pixels) clearly darker on both sides.
    const paperAndInk = (from: number, to: number) => {
      let paper = 0;
      let paperCount = 0;
      let ink = 0;
      let inkCount = 0;
      for (let i = 0; i < data.length; i += 1) {
        const x = i % info.width;
        if (x < from || x >= to) continue;
        if ((data[i] ?? 0) >= 190) {
          paper += flat.data[i] ?? 0;
          paperCount += 1;
        } else if ((data[i] ?? 0) < 150) {
          ink += flat.data[i] ?? 0;
          inkCount += 1;
        }
      }
      return { paper: paper / paperCount, ink: ink / inkCount };
    };
    const left = paperAndInk(0, info.width / 3);
    const right = paperAndInk((2 * info.width) / 3, info.width);
    expect(left.paper).toBeGreaterThan(230);
    expect(right.paper).toBeGreaterThan(230);
    expect(left.ink).toBeLessThan(120);
    expect(right.ink).toBeLessThan(120);
  });
});

describe('paper tone', () => {
  it('tells a white scan from paper photographed in room light', async () => {
    const scan = await grayReceipt();
    const dim = { ...scan, data: Buffer.from(scan.data.map((v) => v * 0.7)) };

    expect(isGreyPaper(scan)).toBe(false);
    expect(isGreyPaper(dim)).toBe(true);
  });

  it("tells paper lit evenly from a photo's light falling off towards one edge", async () => {
    const scan = await grayReceipt();

    expect(isUnevenlyLit(scan)).toBe(false);
    expect(isUnevenlyLit(fallingOff(scan, 0.9))).toBe(false);
    expect(isUnevenlyLit(fallingOff(scan, 0.5))).toBe(true);
    expect(isGreyPaper(fallingOff(scan, 0.5))).toBe(false);
  });
});
