/** A rendered receipt as the engine reads it: its grey pixels, and a real page reading of them. */
import sharp from 'sharp';
import type { GrayImage } from '../../functions/engine/preprocess.js';
import { toPgm } from '../../functions/engine/preprocess.js';
import type { RecognizedPage, Recognizer } from '../../functions/engine/recognizer.js';
import { type ReceiptSpec, renderReceipt } from '../../tools/samples/receipt-images.js';

export async function readRendered(
  spec: ReceiptSpec,
  recognizer: Recognizer,
): Promise<{ image: GrayImage; page: RecognizedPage }> {
  const { data, info } = await sharp(await renderReceipt(spec))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image = { data, width: info.width, height: info.height };
  return { image, page: await recognizer.recognize(toPgm(image)) };
}
