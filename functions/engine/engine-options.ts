/**
 * The engine's options and their defaults, apart from the engine itself: createReceiptEngine (start.ts) reads them
 * to start the first worker before the image pipeline's modules load.
 */
import type { FieldLineOptions } from './field-lines.js';
import { DEFAULT_FIELD_LINES, ITEM_LINES } from './field-lines.js';
import { DEFAULT_LANGUAGES } from './language-models.js';
import type { RereadOptions } from './lines.js';
import { DEFAULT_MODEL_ROLES, type ModelRoles } from './recognizer-pool.js';
import { DEFAULT_UNREAD_INK, type UnreadInkOptions } from './unread-ink-options.js';

export interface EngineOptions {
  /** Tesseract languages the engine may read with; the first is read first. Default DEFAULT_LANGUAGES. */
  languages: string[];
  /**
   * Folder with a subfolder per model kind (`fast/`, `best_int/`) of <lang>.traineddata(.gz) (the Lambda's
   * TESSDATA_PATH); default: models/tessdata_fast and the @tesseract.js-data packages.
   */
  langPath?: string;
  /** Which model kind reads pages and which re-reads lines. Default best_int for both (DEFAULT_MODEL_ROLES). */
  models: ModelRoles;
  /** Larger files are rejected with TOO_LARGE. Default 15 MiB. */
  maxBytes: number;
  /** Larger images (width x height) are rejected with TOO_MANY_PIXELS before decoding. Default 64 MP. */
  maxPixels: number;
  /** PDFs with more pages are rejected with TOO_MANY_PAGES; the pages of one PDF are one receipt. Default 5. */
  maxPages: number;
  /**
   * Receipts taller than this at the resolution read (pixel rows, the width capped at 1,200) are rejected with
   * TOO_LONG. Taller ones are read in bands (read-bands.ts), in time linear in the height. Default 60,000:
   * a till roll 4 m long read at 1,200 px across 80 mm.
   */
  maxReadHeight: number;
  /** Replace the worker after this many page recognitions (its WASM heap never shrinks). Default 200. */
  recycleAfterJobs: number;
  /**
   * Stop another language's worker (started by a receipt in that language) after this many receipts in a row
   * did not need it: each holds 50-100 MB, and a function that met one Spanish receipt must not carry it for
   * its lifetime. Default 10; the next receipt in that language starts it again (about 1 s).
   */
  closeIdleLanguageAfter: number;
  /** Replace the worker when the process RSS exceeds this after a job. Default 1.2 GB. */
  recycleAboveRssBytes: number;
  /**
   * Read low-confidence lines again, enlarged (lines.ts), or false. Default false: measured on the dev set,
   * { below: 0.7, maxLines: 4 } lowered CER 12.73% -> 12.55% and found one more company, for +10% time.
   */
  rereadWeakLines: RereadOptions | false;
  /**
   * Read the lines the key fields come from again, enlarged, when the first extraction is unsure of them (and
   * another language's receipt's word lines with its model), or false. See second-look.ts.
   */
  fieldLines: FieldLineOptions | false;
  /**
   * Read the article rows' garbled prices again (`E3879`, `12578`: lines.ts garbledPrice), each cut out and
   * enlarged, when the items do not add up to the subtotal or total (ITEM_LINES), or false. Default ITEM_LINES:
   * measured on 280 fresh rendered receipts, item amount F1 +0 to +2.4 points per language, none lower, for
   * +0.3 % CPU over the English dev scans (docs/engine.md, session 12). Whole rows read again were measured
   * costlier (+13 % median) and lost a dev total.
   */
  itemLines: FieldLineOptions | false;
  /**
   * Read the bands of ink the page reading left out, taller than its text (a shop's name printed large), as
   * lines of their own (unread-ink.ts), or false. Default DEFAULT_UNREAD_INK.
   */
  unreadInk: UnreadInkOptions | false;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  languages: [...DEFAULT_LANGUAGES],
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 64_000_000,
  maxPages: 5,
  maxReadHeight: 60_000,
  recycleAfterJobs: 200,
  closeIdleLanguageAfter: 10,
  recycleAboveRssBytes: 1_200_000_000,
  rereadWeakLines: false,
  fieldLines: DEFAULT_FIELD_LINES,
  itemLines: ITEM_LINES,
  unreadInk: DEFAULT_UNREAD_INK,
  models: DEFAULT_MODEL_ROLES,
};
