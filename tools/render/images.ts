/**
 * The encoded images of a receipt with their labels: the flat scan, and a variant made from it. Shared by the
 * dataset writer and the test helper (test/support/rendered-receipts.ts).
 */
import { degrade, drawDegradation, type VariantSet, variantFormat } from './degrade.js';
import { type ReceiptLabel, receiptLabel } from './labels.js';
import { hashSeed, Rng } from './random.js';
import { encode, type ImageFormat, type Raster } from './raster.js';
import type { GeneratedReceipt } from './receipt.js';

export interface RenderedImage {
  /** File name without extension: "de-0001", "de-0001-photo". */
  readonly id: string;
  readonly bytes: Buffer;
  readonly format: ImageFormat;
  readonly quality: number;
  readonly label: ReceiptLabel;
}

/** Flat scans are mostly JPEG, as scanners save them; a quarter are PNG. */
function flatEncoding(receipt: GeneratedReceipt): { format: ImageFormat; quality: number } {
  const rng = new Rng(hashSeed(receipt.print.seed, 'format'));
  return rng.chance(0.75) ? { format: 'jpg', quality: rng.int(85, 95) } : { format: 'png', quality: 90 };
}

function baseRender(receipt: GeneratedReceipt) {
  return { layout: receipt.laidOut.style, print: receipt.print };
}

export async function flatImage(receipt: GeneratedReceipt, flat: Raster): Promise<RenderedImage> {
  const { format, quality } = flatEncoding(receipt);
  const bytes = await encode(flat, format, quality);
  const file = `${receipt.id}.${format}`;
  const label = receiptLabel(receipt.content, receipt.laidOut, file, {
    ...baseRender(receipt),
    format,
    quality,
  });
  return { id: receipt.id, bytes, format, quality, label };
}

/** A variant of the flat scan; its degradation is drawn from the seed, the variant and the receipt id. */
export async function variantImage(
  receipt: GeneratedReceipt,
  flat: Raster,
  variant: VariantSet,
  seed: number,
): Promise<RenderedImage> {
  const degradation = drawDegradation(variant, new Rng(hashSeed(seed, variant, receipt.id)));
  const image = await degrade(flat, degradation);
  const { format, quality } = variantFormat(degradation, flatEncoding(receipt));
  const bytes = await encode(image, format, quality);
  const id = `${receipt.id}-${variant}`;
  const render = { ...baseRender(receipt), format, quality, degradation };
  const label = {
    ...receiptLabel(receipt.content, receipt.laidOut, `${id}.${format}`, render),
    source: receipt.id,
  };
  return { id, bytes, format, quality, label };
}
