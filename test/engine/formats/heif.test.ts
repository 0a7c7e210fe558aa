import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeHeif } from '../../../functions/engine/formats/heif.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../../tools/samples/receipt-images.js';

const GRID = readFileSync(path.join(import.meta.dirname, '../../fixtures/receipt-grid.heic'));
const TEN_BIT = readFileSync(path.join(import.meta.dirname, '../../fixtures/receipt-10bit.heic'));

async function uprightGray() {
  return sharp(await renderReceipt(ENGLISH_RECEIPT))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return difference / a.length;
}
const LIMITS = { maxBytes: 15 * 1024 * 1024, maxPixels: 64_000_000 };

describe('decodeHeif', () => {
  // The grid's stored picture is 664x592: turned back it is the receipt as rendered, up to HEVC's losses, as gray
  // (the luma plane alone: the engine reads nothing else); a 10-bit photo gives the top 8 bits of each sample.
  it.each([
    ['assembles a grid image and applies its irot: the pixels of the upright receipt', GRID],
    ['reads a 10-bit photo as 8-bit gray (the top 8 bits of each luma sample)', TEN_BIT],
  ])('%s', async (_case, file) => {
    // Prepare
    const upright = await uprightGray();

    // Act
    const decoded = await decodeHeif(file, LIMITS);

    // Assess
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([
      upright.info.width,
      upright.info.height,
      1,
    ]);
    expect(meanDifference(decoded.data, upright.data)).toBeLessThan(6);
  });

  it('refuses a photo over the pixel limit from its header, before decoding a tile', async () => {
    await expect(decodeHeif(GRID, { ...LIMITS, maxPixels: 100_000 })).rejects.toMatchObject({
      code: 'TOO_MANY_PIXELS',
      message: expect.stringMatching(/592x664 pixels/),
    });
  });
});
