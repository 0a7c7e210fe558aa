/**
 * After the first reading: settle the receipt's language and read again, closer, what the record depends on.
 *
 * - A receipt whose first reading shows another configured language's markers gets its word lines (merchant,
 *   descriptions) re-read with that language's model, within a budget of the page's area: a full second
 *   reading would double the time of every such receipt, and lost totals when measured (docs/engine.md). Whole
 *   lines where the print has marks above its letters (umlauts, accents: what the first model cannot read) and
 *   on the merchant's and heading lines the first reading was unsure of; on the others only the stretch of words
 *   the first reading garbled.
 * - The lines the key fields come from (total, tender, date) are re-read enlarged when the first extraction is
 *   unsure of them (no total, a total nothing supports, no date), or always on another language's receipt,
 *   with that language's model.
 * - The garbled prices of the article rows are re-read when the items do not add up.
 * A re-read line is kept only when the extraction with it loses no field and is no less sure of the total.
 */

import {
  DEFAULT_FIELD_LINES,
  type FieldLineOptions,
  fieldLines,
  ITEM_LINES,
  MERCHANT_LINES,
  needsCloserLook,
} from './field-lines.js';
import { itemsGap as itemsGapOf } from './fields/consistency.js';
import { extractReceipt } from './fields/index.js';
import { itemsSum } from './fields/items.js';
import { marksAboveLetters } from './image/diacritics.js';
import type { DigitGlyph } from './image/zero-glyph.js';
import { type LanguagePlan, rereadLanguage } from './languages.js';
import {
  rereadCleanly,
  rereadLines,
  rereadPrices,
  spanOf,
  unsurePriceStart,
  type WordSpan,
} from './lines.js';
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
  /** The digit glyphs of the page the lines were read from: re-read lines' zeros are judged by them. */
  readonly digits?: readonly DigitGlyph[];
  /** Re-reading of field lines, or false to keep the first reading as it is. */
  readonly fieldLines: FieldLineOptions | false;
  /** Re-reading of the article rows when the items do not add up, or false. */
  readonly itemLines: FieldLineOptions | false;
}

export interface SecondLook {
  readonly lines: OcrLine[];
  readonly extraction: Extraction;
  /** The model of the receipt's language: the first reading's, or the one its lines were re-read with. */
  readonly language: string;
}

/**
 * Word lines of another language's receipt re-read with its model: not enlarged, a third of the page at most.
 * Reading the whole page again with that model was measured worse: its digits are less sure than the first
 * model's (docs/engine.md, language).
 */
const WORD_LINES: FieldLineOptions = { below: 0.95, maxLines: 24, maxAreaShare: 0.35, kind: 'words' };
/**
 * A word line without marks (and not the merchant's) is read again only from its first word read below this
 * confidence to its last, at the page's size like the whole lines: its words read the same with either model, but
 * the first one garbles amounts written the receipt's way (`1,30 2` read `EES 08D`), and those the line's second
 * reading put right. Enlarged 2×, the stretch read `2,69` as `2,09` and `10 X` as `100 X` where the page's size
 * read them right. Reading every word line whole was a third of a German receipt's time (docs/engine.md,
 * session 18). Lines with marks are read whole: their stretch alone (the marked words and the weak ones) lost a
 * total and item amounts (session 19).
 */
const WEAK_WORD = 0.7;
/** The receipt's first lines: its heading, the merchant's name among them as a rule. */
const HEADING_LINES = 2;
/**
 * A best_int reading of a line the fast model read replaces it unless clearly less confident: the two models'
 * confidences are not on one scale, and best_int reads names better (docs/engine.md).
 */
const OTHER_MODEL_GAIN = -0.05;

/**
 * A line no reading in the receipt's language can improve: a code (a signature, a hash, a serial number: a word of
 * 16 characters or more with three letters and three digits at least, as German tills print their TSE data) or
 * the pattern of a barcode or a logo read as letters (six words or more, none read at even 0.5).
 */
function codeOrNoise(line: OcrLine): boolean {
  const code = line.words.some(
    (word) => word.text.length >= 16 && /(?:\p{L}.*){3}/u.test(word.text) && /(?:\d.*){3}/.test(word.text),
  );
  const noise = line.words.length >= 6 && line.words.every((word) => word.confidence < 0.5);
  return code || noise;
}

/** A letter the first model read with a mark of its own (`é`). */
const MARKED_LETTER = /[^\p{ASCII}\p{Sc}°]/u;
/**
 * A word no field is read from and whose letters the receipt's model reads no better: a web or mail address. A long
 * run of digits may be a VAT or till number, but also a date and time the first reading ran together
 * (`151022020503` for `15.02.2020 03:57`), so it stays.
 */
const IDENTIFIER = /^www|@|\.(?:com|net|org|eu|de|at|ch|fr|be|it|es|pt|nl)$/i;
/** The merchant's and heading lines are read again whole only when a word was read below this, or has marks. */
const SURE_WORD = 0.9;

/** A letter the first model read with a mark of its own (`é`), or marks above the letters in the print. */
function hasMarks(line: OcrLine, image: GrayImage, scale: number): boolean {
  return MARKED_LETTER.test(line.text) || marksAboveLetters(image, line, scale) > 0;
}

/**
 * The stretch of a word line without marks worth reading again with the receipt's model: from the first word the
 * first reading was weak on to the last; undefined when there is none.
 */
function weakStretch(line: OcrLine): WordSpan | undefined {
  return spanOf(line, (word) => word.confidence < WEAK_WORD && !IDENTIFIER.test(word.text));
}

function extract(lines: readonly OcrLine[], language: string): Extraction {
  return extractReceipt(lines, { languages: [language] });
}

function totalConfidence(extraction: Extraction): number {
  return extraction.fields.total?.confidence ?? 0;
}

export async function secondLook(input: SecondLookInput): Promise<SecondLook> {
  return itemsLook(await fieldsLook(input), input);
}

/** The receipt's language settled, and the key fields' lines read again where they need it. */
async function fieldsLook(input: SecondLookInput): Promise<SecondLook> {
  const { image, scale, plan } = input;
  const digits = input.digits === undefined ? {} : { digits: input.digits };
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
    const candidates = fieldLines(lines, first, WORD_LINES).filter(
      (index) => !codeOrNoise(lines[index] as OcrLine),
    );
    // The merchant's lines whole as well, and the receipt's heading (a name the first reading was unsure of loses
    // its place as the merchant to a line below): they are the record's, and few.
    const merchant = fieldLines(lines, first, MERCHANT_LINES);
    const named = candidates.filter((index) => index < HEADING_LINES || merchant.includes(index));
    const marked = candidates.filter((index) => hasMarks(lines[index] as OcrLine, image, scale));
    // The merchant's and heading lines the first reading is sure of, word by word, read the same either way.
    const whole = candidates.filter(
      (index) =>
        marked.includes(index) ||
        (named.includes(index) &&
          (lines[index] as OcrLine).words.some((word) => word.confidence < SURE_WORD)),
    );
    const rest = candidates.filter((index) => !whole.includes(index));
    lines = await rereadLines(lines, whole, image, scale, pool.page(other), { enlarge: 1, ...digits });
    lines = await rereadLines(lines, rest, image, scale, pool.lines(other), {
      enlarge: 1,
      span: weakStretch,
      ...digits,
    });
  } else {
    if (twoModels) {
      const merchant = fieldLines(lines, first, MERCHANT_LINES);
      lines = await rereadLines(lines, merchant, image, scale, pool.lines(language), {
        enlarge: 1,
        minGain: OTHER_MODEL_GAIN,
        ...digits,
      });
    }
    if (!twoModels && !needsCloserLook(first)) return { lines, extraction: first, language };
  }
  const chosen = fieldLines(lines, first, options);
  const reading = twoModels ? { minGain: OTHER_MODEL_GAIN, ...digits } : digits;
  const reread = await rereadLines(lines, chosen, image, scale, pool.lines(language), reading);
  const unchanged = language === plan.first && lines.every((line, index) => line === input.lines[index]);
  return keepWhatHelps(lines, reread, language, noWorse, 1, unchanged ? first : undefined);
}

/** At most this many prices read cleanly but unsurely are read again (itemsLook). */
const MAX_UNSURE_PRICES = 3;

/** The article rows' garbled prices read again when the items do not add up (keptPrices). */
async function itemsLook(look: SecondLook, input: SecondLookInput): Promise<SecondLook> {
  if (input.itemLines === false || itemsGap(look.extraction) === 0) return look;
  const chosen = fieldLines(look.lines, look.extraction, input.itemLines);
  if (chosen.length === 0) return look;
  const reading = input.digits === undefined ? {} : { digits: input.digits };
  const recognizer = input.pool.lines(look.language);
  const reread = await rereadPrices(look.lines, chosen, input.image, input.scale, recognizer, reading);
  const garbled = keptPrices(look.lines, reread, look.language, look.extraction);
  if (itemsGap(garbled.extraction) === 0) return garbled;
  // Still off with nothing garbled left to read: the prices read cleanly but unsurely, read again, and only a
  // clean reading of one taken (`2,865` read again for a weight's `2,85` had made two other slips add up). A clean
  // misreading is one price or two; a receipt with more unsure ones is read too poorly to settle so, and the
  // bound keeps the crops few (on the dev scans 8 receipts read 1 to 3).
  const unsureRows = chosen.filter((index) => {
    const line = garbled.lines[index];
    return line !== undefined && unsurePriceStart(line) !== undefined;
  });
  if (unsureRows.length === 0 || unsureRows.length > MAX_UNSURE_PRICES) return garbled;
  const unsure = await rereadPrices(
    garbled.lines,
    unsureRows,
    input.image,
    input.scale,
    recognizer,
    reading,
    unsurePriceStart,
  );
  const clean = unsure.map((line, index) => {
    const before = garbled.lines[index] as OcrLine;
    return line !== before && rereadCleanly(line, before) ? line : before;
  });
  return clean.every((line, index) => line === garbled.lines[index])
    ? garbled
    : keptPrices(garbled.lines, clean, look.language, garbled.extraction);
}

/**
 * Which article rows read again to keep: re-read rows are taken one at a time while each brings the items' sum
 * closer to the receipt's and loses no field, and those turned away are tried again once another was taken (two
 * misread prices can each move the sum away on their own and only together bring it to the bill). When together
 * they make the items add up, all of them are kept. When they do not (one price more stays misread), only the
 * prices read again cleanly are kept, still one at a time while each brings the sum closer: closer alone is not
 * enough for a row read again into another garbled figure, which can move the sum towards the total by chance,
 * but a garbled price read again as a clean one is the till's far more often than not (docs/engine.md, session
 * 16).
 */
export function keptPrices(
  lines: readonly OcrLine[],
  reread: readonly OcrLine[],
  language: string,
  known: Extraction = extract(lines, language),
): SecondLook {
  const closer = (next: Extraction, before: Extraction) =>
    noWorse(next, before) && itemsGap(next) < itemsGap(before);
  const all = keepWhatHelps(lines, reread, language, closer, reread.length, known);
  if (itemsGap(all.extraction) === 0) return all;
  const clean = reread.map((line, index) => {
    const before = lines[index] as OcrLine;
    return line !== before && rereadCleanly(line, before) ? line : before;
  });
  // Every re-read clean: the same rows, taken the same way, as above.
  if (clean.every((line, index) => line === reread[index])) return all;
  return keepWhatHelps(lines, clean, language, closer, clean.length, known);
}

const cents = (value: string | undefined) =>
  value === undefined ? undefined : Math.round(Number(value) * 100);

/** How far the items' sum is from the subtotal, total or total less tax: 0 when they add up. */
function itemsGap(extraction: Extraction): number {
  const { total, subtotal, tax } = extraction.fields;
  return itemsGapOf({
    total: cents(total?.value),
    subtotal: cents(subtotal?.value),
    tax: cents(tax?.value),
    itemsSum: itemsSum(extraction.items),
    itemCount: extraction.items.length,
  });
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
 * is more confident as text can still break a date or an amount the first reading had right. With `passes`
 * above 1, the lines turned away are tried again after another was taken, until a pass takes none: two misread
 * prices can each move the items' sum away from the bill on their own and only bring it there together.
 */
function keepWhatHelps(
  lines: readonly OcrLine[],
  reread: readonly OcrLine[],
  language: string,
  better: (next: Extraction, before: Extraction) => boolean,
  passes = 1,
  // The extraction of `lines` when the caller has it already: a receipt's extraction takes a few milliseconds.
  known: Extraction = extract(lines, language),
): SecondLook {
  let kept = [...lines];
  let extraction = known;
  let waiting = [...reread.entries()].filter(([index, line]) => line !== lines[index]);
  for (let pass = 0; pass < passes && waiting.length > 0; pass += 1) {
    const before = waiting.length;
    waiting = waiting.filter(([index, line]) => {
      const trial = kept.map((old, i) => (i === index ? line : old));
      const next = extract(trial, language);
      if (!better(next, extraction)) return true;
      kept = trial;
      extraction = next;
      return false;
    });
    if (waiting.length === before) break;
  }
  return { lines: kept, extraction, language };
}

export { DEFAULT_FIELD_LINES, ITEM_LINES };
