/** Rendered receipts as the engine's image steps take them: one gray channel, and lit as a photo may light them. */
import sharp from 'sharp';
import type { GrayImage } from '../../functions/engine/preprocess.js';
import { ENGLISH_RECEIPT, type ReceiptSpec, renderReceipt } from '../../tools/samples/receipt-images.js';

export async function grayReceipt(spec: ReceiptSpec = ENGLISH_RECEIPT): Promise<GrayImage> {
  const { data, info } = await sharp(await renderReceipt(spec))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** `image` with its right fifth darkening towards the edge, to `share` of the light there; the rest untouched. */
export function fallingOff(image: GrayImage, share: number): GrayImage {
  const data = Buffer.from(
    image.data.map((v, i) => {
      const x = (i % image.width) / image.width;
      return Math.round(v * (x < 0.8 ? 1 : 1 - ((x - 0.8) / 0.2) * (1 - share)));
    }),
  );
  return { ...image, data };
}
