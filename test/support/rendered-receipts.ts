/**
 * Rendered receipts for engine tests: a realistic receipt of a language as a flat scan or as one of the
 * variants of the evaluation sets (turned, skewed, photo, faded, page), with its label and printed text.
 *
 *   const { bytes, label } = await renderedReceipt('de');
 *   const photo = await renderedReceipt('fr', { variant: 'photo', index: 3 });
 *   expect(result.fields.total?.value).toBe(photo.label.total);
 */
import type { VariantSet } from '../../tools/render/degrade.js';
import { flatImage, variantImage } from '../../tools/render/images.js';
import type { ReceiptLabel } from '../../tools/render/labels.js';
import type { Language } from '../../tools/render/model.js';
import { generateReceipt, renderFlat } from '../../tools/render/receipt.js';

export type { Language, ReceiptLabel, VariantSet };

export interface RenderedReceipt {
  /** The encoded image (PNG or JPEG; photos are JPEG). */
  readonly bytes: Buffer;
  readonly format: 'png' | 'jpg';
  readonly label: ReceiptLabel;
  /** The printed lines, joined by "\n". */
  readonly text: string;
}

export interface RenderedReceiptOptions {
  readonly variant?: 'flat' | VariantSet;
  /** Which receipt of the language (0 = the first of the set `pnpm render:receipts` writes). */
  readonly index?: number;
  readonly seed?: number;
}

export async function renderedReceipt(
  language: Language,
  { variant = 'flat', index = 0, seed = 1 }: RenderedReceiptOptions = {},
): Promise<RenderedReceipt> {
  const receipt = generateReceipt(language, index, seed);
  const flat = await renderFlat(receipt);
  const image =
    variant === 'flat' ? await flatImage(receipt, flat) : await variantImage(receipt, flat, variant, seed);
  return { bytes: image.bytes, format: image.format, label: image.label, text: receipt.text.join('\n') };
}
