import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { grayRegion } from '../../../functions/engine/image/load-receipt.js';
import { luminance } from '../../../functions/engine/image/raster.js';

/** Colour noise: every luma weight and rounding case shows up. */
function noise(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < data.length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    data[i] = seed >> 23;
  }
  return data;
}

describe('grayRegion', () => {
  it("gives luminance()'s bytes for a colour region, streamed by libvips, from a PNG and from a JPEG", async () => {
    const raw = { width: 97, height: 61, channels: 3 as const };
    const region = { left: 5, top: 3, width: 80, height: 50 };
    for (const encoded of [
      await sharp(noise(raw.width, raw.height), { raw }).png().toBuffer(),
      await sharp(noise(raw.width, raw.height), { raw }).jpeg({ quality: 80 }).toBuffer(),
    ]) {
      const { data, info } = await sharp(encoded).extract(region).raw().toBuffer({ resolveWithObject: true });
      const expected = luminance({ data, width: info.width, height: info.height, channels: info.channels });

      const gray = await grayRegion(sharp(encoded).extract(region), true);

      expect(gray.width).toBe(region.width);
      expect(gray.height).toBe(region.height);
      expect(Buffer.from(gray.data).equals(Buffer.from(expected))).toBe(true);
    }
  });
});
