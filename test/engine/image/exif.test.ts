import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toStored, toUpright, uprightSize } from '../../../functions/engine/image/exif.js';

/** A 60 x 40 stored image, white with a black block centred at (13, 7), tagged with `orientation`. */
async function tagged(orientation: number): Promise<Buffer> {
  const pixels = Buffer.alloc(60 * 40, 255);
  for (let y = 4; y < 10; y += 1) for (let x = 10; x < 16; x += 1) pixels[y * 60 + x] = 0;
  return sharp(pixels, { raw: { width: 60, height: 40, channels: 1 } })
    .withMetadata({ orientation })
    .jpeg({ quality: 95 })
    .toBuffer();
}

async function blockCentre(bytes: Buffer): Promise<{ x: number; y: number; width: number; height: number }> {
  const { data, info } = await sharp(bytes)
    .autoOrient()
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      if ((data[y * info.width + x] ?? 255) < 128) {
        sx += x + 0.5;
        sy += y + 0.5;
        n += 1;
      }
    }
  }
  return { x: sx / n, y: sy / n, width: info.width, height: info.height };
}

describe('EXIF orientation frames', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'orientation %i maps stored pixels where sharp puts them',
    async (orientation) => {
      const bytes = await tagged(orientation);
      const frame = { width: 60, height: 40, orientation };

      const shown = await blockCentre(bytes);
      const mapped = toUpright(frame, { x: 13, y: 7 });

      expect(uprightSize(frame)).toEqual({ width: shown.width, height: shown.height });
      expect(mapped.x).toBeCloseTo(shown.x, 0);
      expect(mapped.y).toBeCloseTo(shown.y, 0);
      const back = toStored(frame, mapped);
      expect(back.x).toBeCloseTo(13, 9);
      expect(back.y).toBeCloseTo(7, 9);
    },
  );
});
