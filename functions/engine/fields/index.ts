/**
 * Field extraction: recognised lines in, receipt fields and items out. Pure TypeScript, no I/O.
 * (Placeholder until the extractor lands: it finds nothing, so the engine can be wired end to end.)
 */
import type { Extraction, OcrLine } from '../schema.js';

export interface ExtractOptions {
  /** Tesseract language codes the text was read with, e.g. ["eng"] or ["spa", "eng"]. */
  readonly languages?: readonly string[];
}

export function extractReceipt(_lines: readonly OcrLine[], _options: ExtractOptions = {}): Extraction {
  return { fields: {}, items: [], confidence: 0 };
}
