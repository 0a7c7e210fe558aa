/**
 * The locale packs the extractor knows. English first: it is the language receipts borrow from (TOTAL, CASH,
 * VISA) and the engine's default reading.
 */
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { ms } from './ms.js';
import { nl } from './nl.js';
import { pt } from './pt.js';
import type { LocalePack } from './types.js';

export type { CountryHint, LocaleLabels, LocalePack, Phrase } from './types.js';

export const LOCALES: readonly LocalePack[] = [en, ms, es, de, fr, it, pt, nl];

/** The pack whose Tesseract model is `tesseract` ("deu" -> de), if any. */
export function packForModel(tesseract: string): LocalePack | undefined {
  return LOCALES.find((pack) => pack.tesseract === tesseract);
}
