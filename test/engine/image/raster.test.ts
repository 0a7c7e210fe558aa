import { describe, expect, it } from 'vitest';
import {
  grayPixels,
  luminance,
  luminanceHalf,
  luminanceShrink,
} from '../../../functions/engine/image/raster.js';

/** A 12 x 9 RGB raster whose 3 x 3 blocks are flat: block (bx, by) has red 10 bx, green 20 by, blue 30. */
function blocks() {
  const width = 12;
  const height = 9;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data.set([10 * Math.floor(x / 3), 20 * Math.floor(y / 3), 30], (y * width + x) * 3);
    }
  }
  return { data, width, height, channels: 3 };
}

const luma = (r: number, g: number, b: number) => (r * 77 + g * 150 + b * 29 + 128) >> 8;

describe('raster helpers', () => {
  it('shrinks to one gray pixel per block, the block mean luma', () => {
    const small = luminanceShrink(blocks(), 3);

    expect(small).toMatchObject({ width: 4, height: 3, channels: 1 });
    expect([...small.data]).toEqual(
      [0, 1, 2].flatMap((by) => [0, 1, 2, 3].map((bx) => luma(10 * bx, 20 * by, 30))),
    );
  });

  it('reads a region of a larger raster as if it had been cut out first', () => {
    const image = blocks();
    const region = { left: 2, top: 1, width: 7, height: 6 };
    const cut = new Uint8Array(region.width * region.height * 3);
    for (let y = 0; y < region.height; y += 1) {
      const from = ((region.top + y) * image.width + region.left) * 3;
      cut.set(image.data.subarray(from, from + region.width * 3), y * region.width * 3);
    }
    const alone = { data: cut, width: region.width, height: region.height, channels: 3 };

    expect(luminance(image, region)).toEqual(luminance(alone));
    expect(luminanceHalf(image, region)).toEqual(luminanceHalf(alone));
  });
});

describe('grayPixels', () => {
  it("copies a rectangle of a gray image's pixels, row by row", () => {
    // A 4 x 3 image whose pixel values are their indices.
    const image = { data: Uint8Array.from({ length: 12 }, (_, i) => i), width: 4 };

    expect([...grayPixels(image, 1, 1, 3, 3)]).toEqual([5, 6, 9, 10]);
    expect([...grayPixels(image, 0, 0, 4, 1)]).toEqual([0, 1, 2, 3]);
  });
});
