/**
 * One generated receipt: content, layout, printed text, label and the flat (scanned) image.
 *
 *   const receipt = generateReceipt('de', 0, 1);
 *   const image = await renderFlat(receipt);      // grey raster, about 300 dpi
 */
import { composeReceipt, regionOf } from './content.js';
import { type LaidOut, layoutReceipt } from './layout.js';
import type { Language, ReceiptContent } from './model.js';
import { packFor } from './packs.js';
import { hashSeed, Rng } from './random.js';
import type { Raster } from './raster.js';
import { printedText } from './sheet.js';
import { drawThermalParams, printThermal, type ThermalParams } from './thermal.js';

export interface GeneratedReceipt {
  readonly id: string;
  readonly content: ReceiptContent;
  readonly laidOut: LaidOut;
  /** The printed lines, as text/<id>.txt holds them. */
  readonly text: readonly string[];
  readonly print: ThermalParams;
}

export function receiptId(language: Language, index: number): string {
  return `${language}-${String(index + 1).padStart(4, '0')}`;
}

/** The index-th receipt of a language for a seed; the same arguments always give the same receipt. */
export function generateReceipt(language: Language, index: number, seed: number): GeneratedReceipt {
  const id = receiptId(language, index);
  const base = hashSeed('receipt', seed, language, index);
  const pack = packFor(language);
  const content = composeReceipt(pack, id, base);
  const laidOut = layoutReceipt(content, pack, regionOf(pack, content.region), hashSeed(base, 'layout'));
  const print = drawThermalParams(
    new Rng(hashSeed(base, 'print')),
    laidOut.style.paperMm,
    laidOut.style.columns,
  );
  return { id, content, laidOut, text: printedText(laidOut.lines, laidOut.style.columns), print };
}

export function renderFlat(receipt: GeneratedReceipt): Promise<Raster> {
  return printThermal(receipt.laidOut.lines, receipt.print);
}
