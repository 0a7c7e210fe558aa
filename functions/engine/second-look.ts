/**
 * After the first reading: settle the receipt's language and read again, closer, what the record depends on.
 *
 * - A receipt whose first reading shows another configured language's markers gets its word lines (merchant,
 *   descriptions) re-read with that language's model, within a budget of the page's area: a full second
 *   reading would double the time of every such receipt.
 * - The lines the key fields come from (total, tender, date) are re-read enlarged when the first extraction is
 *   unsure of them (no total, a total nothing supports, no date), or always on another language's receipt,
 *   with that language's model.
 * A re-read line is kept only when the extraction with it loses no field and is no less sure of the total.
 */

import {
  DEFAULT_FIELD_LINES,
  type FieldLineOptions,
  fieldLines,
  MERCHANT_LINES,
  needsCloserLook,
} from './field-lines.js';
import { extractReceipt } from './fields/index.js';
import { type LanguagePlan, rereadLanguage } from './languages.js';
import { rereadLines } from './lines.js';
import type { GrayImage } from './preprocess.js';
import type { RecognizerPool } from './recognizer-pool.js';
import type { Extraction, OcrLine } from './schema.js';

export interface SecondLookInput {
  readonly lines: readonly OcrLine[];
  /** The image the lines were read from, and the factor from its pixels to the reported grid. */
  readonly image: GrayImage;
  readonly scale: number;
  readonly plan: LanguagePlan;
  /** The engine's recognizers: word lines are read with a language's page model, field lines with its line model. */
  readonly pool: RecognizerPool;
  /** Re-reading of field lines, or false to keep the first reading as it is. */
  readonly fieldLines: FieldLineOptions | false;
}

export interface SecondLook {
  readonly lines: OcrLine[];
  readonly extraction: Extraction;
  /** The model of the receipt's language: the first reading's, or the one its lines were re-read with. */
  readonly language: string;
}

/** Word lines of another language's receipt re-read with its model: not enlarged, a third of the page at most. */
const WORD_LINES: FieldLineOptions = { below: 0.95, maxLines: 24, maxAreaShare: 0.35, kind: 'words' };
/**
 * A best_int reading of a line the fast model read replaces it unless clearly less confident: the two models'
 * confidences are not on one scale, and best_int reads names better (docs/engine.md).
 */
const OTHER_MODEL_GAIN = -0.05;

function extract(lines: readonly OcrLine[], language: string): Extraction {
  return extractReceipt(lines, { languages: [language] });
}

function totalConfidence(extraction: Extraction): number {
  return extraction.fields.total?.confidence ?? 0;
}

export async function secondLook(input: SecondLookInput): Promise<SecondLook> {
  const { image, scale, plan } = input;
  const first = extract(input.lines, plan.first);
  const other = rereadLanguage(plan, input.lines.map((line) => line.text).join('\n'));
  const options = input.fieldLines;
  if (options === false) return { lines: [...input.lines], extraction: first, language: plan.first };

  const { pool } = input;
  // Pages read with the fast model: the merchant's lines and the field lines always get the better one.
  const twoModels = pool.roles.page !== pool.roles.lines;
  let lines = [...input.lines];
  let language = plan.first;
  if (other !== undefined) {
    language = other;
    // One other language's workers alive at a time.
    await pool.keepOnly([plan.first, other]);
    const words = fieldLines(lines, first, WORD_LINES);
    lines = await rereadLines(lines, words, image, scale, pool.page(other), 1);
  } else {
    if (twoModels) {
      const merchant = fieldLines(lines, first, MERCHANT_LINES);
      lines = await rereadLines(lines, merchant, image, scale, pool.lines(language), 1, OTHER_MODEL_GAIN);
    }
    if (!twoModels && !needsCloserLook(first)) return { lines, extraction: first, language };
  }
  const chosen = fieldLines(lines, first, options);
  const gain = twoModels ? OTHER_MODEL_GAIN : undefined;
  const reread = await rereadLines(lines, chosen, image, scale, pool.lines(language), undefined, gain);
  return keepWhatHelps(lines, reread, language);
}

/** No field the first extraction had may be lost, and the total may not become less certain. */
function noWorse(next: Extraction, before: Extraction): boolean {
  const lost = (Object.keys(before.fields) as (keyof Extraction['fields'])[]).some(
    (name) => before.fields[name] !== undefined && next.fields[name] === undefined,
  );
  return !lost && totalConfidence(next) >= totalConfidence(before);
}

/**
 * Takes the re-read lines one at a time, each only when the extraction with it is no worse: a re-reading that
 * is more confident as text can still break a date or an amount the first reading had right.
 */
function keepWhatHelps(lines: readonly OcrLine[], reread: readonly OcrLine[], language: string): SecondLook {
  let kept = [...lines];
  let extraction = extract(kept, language);
  for (const [index, line] of reread.entries()) {
    if (line === lines[index]) continue;
    const trial = kept.map((old, i) => (i === index ? line : old));
    const next = extract(trial, language);
    if (noWorse(next, extraction)) {
      kept = trial;
      extraction = next;
    }
  }
  return { lines: kept, extraction, language };
}

export { DEFAULT_FIELD_LINES };
