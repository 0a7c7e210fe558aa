/**
 * Second look at weak lines: a line Tesseract read with low confidence is cut out with some margin, enlarged
 * 2x and read again as a single line; the new reading replaces the old one only when it is more confident.
 * Enlarging the whole page slows every receipt; enlarging a few lines costs little.
 */
import { whitenPaper } from './image/paper-grain.js';
import type { DigitGlyph } from './image/zero-glyph.js';
import { type GrayImage, toPgm, transformGray } from './preprocess.js';
import type { Recognizer } from './recognizer.js';
import type { BBox, OcrLine, OcrWord } from './schema.js';

export interface RereadOptions {
  /** Lines below this confidence are read again. */
  readonly below: number;
  /** At most this many lines per receipt, weakest first, to bound the cost on a badly faded receipt. */
  readonly maxLines: number;
}

/** The most effective setting measured (docs/engine.md); the engine leaves re-reading off by default. */
export const DEFAULT_REREAD: RereadOptions = { below: 0.7, maxLines: 4 };
const ENLARGE = 2;
/** The new reading must beat the old by this much: equal readings keep the first (page-context) one. */
const MIN_GAIN = 0.05;

/**
 * Crops `line` (boxes on the original grid: divide by `scale`) with a margin, enlarged for reading: `pgm` with its
 * paper whitened for Tesseract (paper-grain.ts), `image` as it was for the glyphs' shapes (zero-glyph.ts).
 */
async function lineImage(image: GrayImage, line: OcrLine, scale: number, enlarge: number) {
  const height = (line.bbox.y1 - line.bbox.y0) / scale;
  const padY = Math.round(height * 0.3);
  const padX = Math.round(height * 0.5);
  const left = Math.max(0, Math.floor(line.bbox.x0 / scale) - padX);
  const top = Math.max(0, Math.floor(line.bbox.y0 / scale) - padY);
  const right = Math.min(image.width, Math.ceil(line.bbox.x1 / scale) + padX);
  const bottom = Math.min(image.height, Math.ceil(line.bbox.y1 / scale) + padY);
  // a box that ends before it starts (a price cut from past its line's end) or lies off the image holds nothing
  if (right - left < 1 || bottom - top < 1) return undefined;
  const enlarged = await transformGray(image, (input) =>
    input
      .extract({ left, top, width: right - left, height: bottom - top })
      .resize({ width: (right - left) * enlarge, kernel: 'lanczos3' }),
  );
  return { pgm: toPgm(whitenPaper(enlarged)), image: enlarged, left, top };
}

/**
 * Reads `line`'s box cut out and enlarged as one text line; its words moved onto the original grid (they come back
 * on the enlarged crop's: scale / enlarge maps them, and the crop's offset is added).
 */
async function readCrop(
  image: GrayImage,
  line: OcrLine,
  scale: number,
  recognizer: Recognizer,
  enlarge: number,
  digits: readonly DigitGlyph[] | undefined,
): Promise<{ words: OcrWord[]; confidence: number }> {
  const crop = await lineImage(image, line, scale, enlarge);
  if (crop === undefined) return { words: [], confidence: 0 };
  const read = await recognizer.recognize(crop.pgm, {
    scale: scale / enlarge,
    line: true,
    glyphs: crop.image,
    ...(digits === undefined ? {} : { page: { glyphs: digits, enlarge } }),
  });
  const words = read.lines.flatMap((row) => row.words);
  return { words: wordsOnPage(words, crop.left, crop.top, scale), confidence: read.confidence };
}

/** A line of `words` (its text theirs, joined by spaces) in `bbox`. */
function lineOfWords(words: OcrWord[], confidence: number, bbox: BBox): OcrLine {
  return { text: words.map((word) => word.text).join(' '), confidence, bbox, words };
}

/** The mean of a line's word confidences (Tesseract's line confidence weighs in its layout's guesses). */
export function meanConfidence(line: Pick<OcrLine, 'words'>): number {
  return line.words.reduce((sum, word) => sum + word.confidence, 0) / Math.max(1, line.words.length);
}

/**
 * Words read on a crop whose top-left corner is (`left`, `top`) in the read image, moved onto the original grid
 * (`scale`: the recognizer already scaled them, the offset is added here).
 */
export function wordsOnPage(words: readonly OcrWord[], left: number, top: number, scale: number): OcrWord[] {
  const dx = Math.round(left * scale);
  const dy = Math.round(top * scale);
  return words.map((word) => ({
    ...word,
    bbox: { x0: word.bbox.x0 + dx, y0: word.bbox.y0 + dy, x1: word.bbox.x1 + dx, y1: word.bbox.y1 + dy },
  }));
}

export async function rereadWeakLines(
  lines: readonly OcrLine[],
  image: GrayImage,
  scale: number,
  recognizer: Recognizer,
  options: RereadOptions = DEFAULT_REREAD,
  digits?: readonly DigitGlyph[],
): Promise<OcrLine[]> {
  const weak = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.confidence < options.below && line.bbox.y1 - line.bbox.y0 >= 6 * scale)
    .sort((a, b) => a.line.confidence - b.line.confidence)
    .slice(0, options.maxLines);
  return rereadLines(
    lines,
    weak.map(({ index }) => index),
    image,
    scale,
    recognizer,
    digits === undefined ? {} : { digits },
  );
}

/** A VAT code, a currency mark or print noise after a price (`B`, `€`, `'A`, `*`). */
const AFTER_PRICE = /^[^\p{L}\d]?[A-Z€$£*%]{1,2}[^\p{L}\d]?$/u;

/**
 * The price at the end of an article row: its last word holding a digit (with a bare currency mark before it, and
 * the VAT codes, marks and noise after it); undefined when the row ends in no figure or the figure is the whole
 * row. Figures further left (`3,5%`, `1L`, `500G`) describe the article.
 */
export function priceSpan(line: OcrLine): number | undefined {
  let from = line.words.length;
  while (from > 0 && AFTER_PRICE.test(line.words[from - 1]?.text ?? '')) from -= 1;
  if (from === 0 || !/\d/.test(line.words[from - 1]?.text ?? '')) return undefined;
  from -= 1;
  if (from > 0 && /^(?:[€$£]|£?f)$/.test(line.words[from - 1]?.text ?? '')) from -= 1;
  return from > 0 ? from : undefined;
}

/**
 * A word of a price read cleanly: an amount with two decimals (a mark, a minus, a VAT code on it), or a code. The
 * English model reads a pound sign `f` as often as `£` (`f 1.86`, `£f 7.39`): a mark, not a garbled price. A
 * whole part a till never prints, a zero before another digit (`060,50` for 0,50), is garbled.
 */
const CLEAN_PRICE_WORD =
  /^(?:[€$£f]|RM)?-?(?:0|[1-9]\d{0,2})(?:[.,]\d{3})*[.,]\d{2}-?[A-Z€$£*]?$|^[A-Z€$£*%f]{1,2}$/;

/** A row's price (priceSpan's words: one of them a figure) read cleanly. */
const readCleanly = (price: readonly OcrWord[]) => price.every((w) => CLEAN_PRICE_WORD.test(w.text));

/** Whether the words a price re-read put in `line`'s place (those not in `before`) are a price read cleanly. */
export function rereadCleanly(line: OcrLine, before: OcrLine): boolean {
  const added = line.words.filter((word) => !before.words.includes(word));
  return (
    added.some((w) => /\d/.test(w.text) && CLEAN_PRICE_WORD.test(w.text)) &&
    added.every((w) => CLEAN_PRICE_WORD.test(w.text) || /^\d{1,2}$/.test(w.text))
  );
}

/**
 * An article's price the page reading garbled: words before it that describe (two letters in a row), and a price
 * of 3 to 6 digits not read cleanly (`E3879`, `12578`, `3:45`), which is no rate, time or reference number.
 */
export function garbledPrice(description: readonly OcrWord[], price: readonly OcrWord[]): boolean {
  const text = price.map((w) => w.text).join(' ');
  const digits = text.replace(/\D/g, '').length;
  return (
    description.some((w) => /\p{L}{2,}/u.test(w.text)) &&
    digits >= 3 &&
    digits <= 6 &&
    !/%|\d{1,2}:\d{2}:\d{2}|\d{7,}/.test(text) &&
    !readCleanly(price)
  );
}

/** Clean prices needed to place the page's price column. */
const MIN_COLUMN_PRICES = 3;

/**
 * Where the page's column of article prices begins: the left edge of its clean prices (a quarter of them start
 * further left: prices are aligned on their right, and a wider one starts sooner), or undefined with too few.
 */
export function priceColumn(lines: readonly OcrLine[]): number | undefined {
  const starts = lines
    .flatMap((line) => {
      const from = priceSpan(line);
      if (from === undefined) return [];
      const price = line.words.slice(from);
      return readCleanly(price) ? [Math.min(...price.map((w) => w.bbox.x0))] : [];
    })
    .sort((a, b) => a - b);
  if (starts.length < MIN_COLUMN_PRICES) return undefined;
  return starts[Math.floor(starts.length / 4)];
}

/**
 * Where the price of an article row starts, when the page reading garbled it: the figure at its end (priceSpan)
 * when that is a garbled price (3 to 6 digits), else the words reaching into the page's price column when none
 * of them is a clean price (a price read as letters: `SSO A`, `Silie7o`, `BEBE`). Undefined when the row's price
 * was read cleanly, or it has none.
 */
export function garbledPriceStart(line: OcrLine, column: number | undefined): number | undefined {
  const span = priceSpan(line);
  if (span !== undefined) {
    const price = line.words.slice(span);
    if (garbledPrice(line.words.slice(0, span), price)) return intoColumn(line, span, column);
    if (readCleanly(price)) return undefined;
  }
  if (column === undefined) return undefined;
  let from = line.words.length;
  while (from > 0 && (line.words[from - 1]?.bbox.x1 ?? 0) > column) from -= 1;
  let end = line.words.length;
  while (end > from && AFTER_PRICE.test(line.words[end - 1]?.text ?? '')) end -= 1;
  // A price read as its mark and a letter or two (`$A]` for $4.71) looks like a VAT code: in the price column,
  // a currency mark before it says it is the price.
  if (end === from && /^[€$£]/.test(line.words[from]?.text ?? '')) end = line.words.length;
  const price = line.words.slice(from, end);
  const readAsLetters =
    price.length > 0 &&
    !price.some((w) => /\d/.test(w.text) && CLEAN_PRICE_WORD.test(w.text)) &&
    line.words.slice(0, from).some((w) => /\p{L}{2,}/u.test(w.text));
  return readAsLetters ? from : undefined;
}

/** Below this recognition confidence a price read cleanly may still be misread (`2,39` at 0.73 for 2,89). */
const UNSURE_PRICE = 0.9;

/**
 * Where an article row's price starts when the page read it cleanly but not surely (a digit of it below
 * UNSURE_PRICE): a clean misreading of one price leaves the items a few cents or euros off with nothing garbled
 * to read again. Undefined for a row with no clean price or a sure one.
 */
export function unsurePriceStart(line: OcrLine): number | undefined {
  const span = priceSpan(line);
  if (span === undefined) return undefined;
  const price = line.words.slice(span);
  const describes = line.words.slice(0, span).some((w) => /\p{L}{2,}/u.test(w.text));
  const unsure = price.some((w) => /\d/.test(w.text) && w.confidence < UNSURE_PRICE);
  return describes && unsure && readCleanly(price) ? span : undefined;
}

/**
 * A garbled price's start moved left over the words before it that start inside the price column: the mark and
 * the pounds of `£ 5.19` read as words of their own (`fr 5 198]`) are the price's too, and a crop cut between
 * them reads `.19`.
 */
function intoColumn(line: OcrLine, from: number, column: number | undefined): number {
  let start = from;
  while (column !== undefined && start > 1 && (line.words[start - 1]?.bbox.x0 ?? 0) >= column) start -= 1;
  return line.words.slice(0, start).some((w) => /\p{L}{2,}/u.test(w.text)) ? start : from;
}

/**
 * Reads again only the price at the end of each line at `indices` that the page reading garbled
 * (garbledPriceStart), cut out and enlarged: the row's words before it stay as the page read them. Cheaper than
 * the whole row (the LSTM's time is the crop's width), and a price is what decides whether the items add up. Every
 * re-read replaces the price as read: the caller keeps it only when it makes the items add up.
 */
export async function rereadPrices(
  lines: readonly OcrLine[],
  indices: readonly number[],
  image: GrayImage,
  scale: number,
  recognizer: Recognizer,
  reading: LineReading = {},
  priceStart: (line: OcrLine, column: number | undefined) => number | undefined = garbledPriceStart,
): Promise<OcrLine[]> {
  const { enlarge = ENLARGE, digits } = reading;
  const column = priceColumn(lines);
  const result = [...lines];
  for (const index of indices) {
    const line = lines[index];
    const from = line === undefined ? undefined : priceStart(line, column);
    if (line === undefined || from === undefined) continue;
    const kept = line.words.slice(0, from);
    const price = line.words.slice(from);
    // From halfway between the description and the price: lineImage's margin must not take in the words before.
    const start = Math.min(...price.map((w) => w.bbox.x0));
    const x0 = (Math.max(line.bbox.x0, ...kept.map((w) => w.bbox.x1)) + start) / 2;
    const margin = 0.5 * (line.bbox.y1 - line.bbox.y0);
    const box = { ...line.bbox, x0: Math.min(start, x0 + margin) };
    const read = await readCrop(image, { ...line, bbox: box }, scale, recognizer, enlarge, digits);
    const words = read.words.filter((word) => word.bbox.x1 > x0);
    if (words.length === 0) continue;
    const all = [...kept, ...words];
    result[index] = lineOfWords(all, line.confidence, line.bbox);
  }
  return result;
}

/** A stretch of a line's words, as word indices [from, to). */
export interface WordSpan {
  readonly from: number;
  readonly to: number;
}

/** The words of `line` from the first `chosen` one to the last, or undefined when none is. */
export function spanOf(line: OcrLine, chosen: (word: OcrWord) => boolean): WordSpan | undefined {
  const picked = line.words.flatMap((word, index) => (chosen(word) ? [index] : []));
  const [from] = picked;
  const last = picked.at(-1);
  return from === undefined || last === undefined ? undefined : { from, to: last + 1 };
}

/**
 * Only a stretch of `line` (`span`'s words) read again, cut out from halfway to the words on either side: cheaper
 * than the whole line (the LSTM's time is its text's length), and the stretch a line's first reading garbled (a
 * price, a quantity row) is what the reading can gain. The line with the new words in the stretch's place, or
 * undefined when none was read.
 */
async function readStretch(
  image: GrayImage,
  line: OcrLine,
  span: WordSpan,
  scale: number,
  recognizer: Recognizer,
  enlarge: number,
  digits: readonly DigitGlyph[] | undefined,
): Promise<OcrLine | undefined> {
  const before = line.words.slice(0, span.from);
  const after = line.words.slice(span.to);
  const stretch = line.words.slice(span.from, span.to);
  const stretchX0 = Math.min(...stretch.map((w) => w.bbox.x0));
  const stretchX1 = Math.max(...stretch.map((w) => w.bbox.x1));
  // Halfway to the words on either side; lineImage adds half the line's height of margin either side, so the box
  // is narrowed by as much, within the stretch.
  const x0 = (Math.max(line.bbox.x0, ...before.map((w) => w.bbox.x1)) + stretchX0) / 2;
  const x1 = (Math.min(line.bbox.x1, ...after.map((w) => w.bbox.x0)) + stretchX1) / 2;
  const margin = 0.5 * (line.bbox.y1 - line.bbox.y0);
  const box = { ...line.bbox, x0: Math.min(stretchX0, x0 + margin), x1: Math.max(stretchX1, x1 - margin) };
  const read = await readCrop(image, { ...line, bbox: box }, scale, recognizer, enlarge, digits);
  const words = read.words.filter((word) => word.bbox.x1 > x0 && word.bbox.x0 < x1);
  if (words.length === 0) return undefined;
  return lineOfWords([...before, ...words, ...after], line.confidence, line.bbox);
}

export interface LineReading {
  /** Enlargement of the crop before reading. Default 2. */
  readonly enlarge?: number;
  /**
   * The new reading must be at least this much more confident than the old one (may be negative: another
   * model's confidences are on another scale). Default MIN_GAIN.
   */
  readonly minGain?: number;
  /** The digits of the page the lines are cut from: a crop's zeros are judged by the page's (zero-glyph.ts). */
  readonly digits?: readonly DigitGlyph[];
  /**
   * Only this stretch of the line at `index` read again, the words around it kept (readStretch); a line it gives
   * none is not read. Without it, every line is read whole.
   */
  readonly span?: (line: OcrLine, index: number) => WordSpan | undefined;
}

/**
 * Reads the lines at `indices` again, each cut out and enlarged (or only a stretch of it: `span`), with
 * `recognizer` (which may be another language's or another kind's model); a new reading replaces the old one only
 * when it is at least `minGain` more confident (clearly more, by default: equal readings of one model keep the
 * page-context one).
 */
export async function rereadLines(
  lines: readonly OcrLine[],
  indices: readonly number[],
  image: GrayImage,
  scale: number,
  recognizer: Recognizer,
  reading: LineReading = {},
): Promise<OcrLine[]> {
  const { enlarge = ENLARGE, minGain = MIN_GAIN, digits, span } = reading;
  const result = [...lines];
  for (const index of indices) {
    const line = lines[index];
    if (line === undefined) continue;
    const stretch = span?.(line, index);
    if (span !== undefined && stretch === undefined) continue;
    const candidate =
      stretch === undefined
        ? await readWhole(image, line, scale, recognizer, enlarge, digits)
        : await readStretch(image, line, stretch, scale, recognizer, enlarge, digits);
    if (candidate !== undefined && meanConfidence(candidate) >= meanConfidence(line) + minGain) {
      result[index] = candidate;
    }
  }
  return result;
}

/** `line` read again whole, or undefined when no word came back. */
async function readWhole(
  image: GrayImage,
  line: OcrLine,
  scale: number,
  recognizer: Recognizer,
  enlarge: number,
  digits: readonly DigitGlyph[] | undefined,
): Promise<OcrLine | undefined> {
  const read = await readCrop(image, line, scale, recognizer, enlarge, digits);
  return read.words.length === 0 ? undefined : lineOfWords(read.words, read.confidence, line.bbox);
}
