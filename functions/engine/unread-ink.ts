/**
 * Text the page reading left out. Read as one uniform block (psm 6), Tesseract takes glyphs much taller than
 * the block's other text for noise: a merchant name printed large and bold above the address is dropped whole,
 * not even read as garbage. Loosening that size limit for the whole page (textord_excess_blobsize 1.3 -> 1.6)
 * found those names but changed how a faded dev scan was read and lost its fields (docs/engine.md), so the
 * page keeps Tesseract's default, and the bands of ink that no line of the reading covers, taller than its
 * text lines and shaped like a row of glyphs, are read on their own as single lines and put in their place.
 */

import type { DigitGlyph } from './image/zero-glyph.js';
import { otsuThreshold } from './layout.js';
import { meanConfidence, wordsOnPage } from './lines.js';
import { cropImage, type GrayImage, toPgm } from './preprocess.js';
import type { Recognizer } from './recognizer.js';
import type { OcrLine } from './schema.js';
import { DEFAULT_UNREAD_INK, type UnreadInkOptions } from './unread-ink-options.js';

/** A band of rows, in the read image's pixels. */
export interface InkBand {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** A row holds ink when this share of its pixels is dark (specks and the paper's grain stay below it). */
const INK_ROW_SHARE = 0.01;
/** Rows around a line's box that count as covered by it (descenders, accents, a box cut tight). */
const COVER_MARGIN = 2;
/**
 * A band whose inked columns are mostly ink from top to bottom is a barcode, not glyphs: bars are whole
 * columns, while even bold capitals have rounds, diagonals and arms (measured on rendered receipts: tills'
 * barcodes 0.98-0.99 of their inked columns, double-height bold names and totals 0.15-0.26).
 */
const BARCODE_COLUMNS = 0.7;

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Bands of ink no line covers, shaped like a line of text larger than the page's (`lines` on the original grid). */
export function unreadBands(
  image: GrayImage,
  lines: readonly OcrLine[],
  scale: number,
  options: UnreadInkOptions = DEFAULT_UNREAD_INK,
): InkBand[] {
  const { width, height, data } = image;
  const lineHeight = median(
    lines.filter((line) => line.text.trim().length >= 3).map((line) => (line.bbox.y1 - line.bbox.y0) / scale),
  );
  if (lineHeight === undefined || width === 0) return [];
  const covered = new Uint8Array(height);
  for (const line of lines) {
    const from = Math.max(0, Math.floor(line.bbox.y0 / scale) - COVER_MARGIN);
    const to = Math.min(height, Math.ceil(line.bbox.y1 / scale) + COVER_MARGIN);
    covered.fill(1, from, to);
  }
  const threshold = otsuThreshold(data);
  const minInk = Math.max(3, Math.round(width * INK_ROW_SHARE));
  const bands: InkBand[] = [];
  let start = -1;
  const close = (end: number) => {
    const band = measure(image, threshold, start, end);
    const tall = band.bottom - band.top;
    if (
      tall >= lineHeight * options.minHeightRatio &&
      tall <= lineHeight * options.maxHeightRatio &&
      band.right - band.left >= tall * options.minAspect &&
      !barcodeLike(image, threshold, band)
    )
      bands.push(band);
    start = -1;
  };
  for (let y = 0; y < height; y += 1) {
    let ink = 0;
    if (!covered[y]) {
      const row = y * width;
      const [from, to] = paperSpan(image, threshold, y);
      for (let x = from; x < to; x += 1) if ((data[row + x] ?? 255) <= threshold) ink += 1;
    }
    if (ink >= minInk) {
      if (start < 0) start = y;
    } else if (start >= 0) close(y);
  }
  if (start >= 0) close(height);
  return bands
    .sort((a, b) => b.bottom - b.top - (a.bottom - a.top))
    .slice(0, options.maxBands)
    .sort((a, b) => a.top - b.top);
}

/** Whether most of the band's inked columns are ink over nine tenths of its height. */
function barcodeLike(image: GrayImage, threshold: number, band: InkBand): boolean {
  const full = (band.bottom - band.top) * 0.9;
  let inked = 0;
  let bars = 0;
  for (let x = band.left; x < band.right; x += 1) {
    let ink = 0;
    for (let y = band.top; y < band.bottom; y += 1) {
      if ((image.data[y * image.width + x] ?? 255) <= threshold) ink += 1;
    }
    if (ink > 0) inked += 1;
    if (ink >= full) bars += 1;
  }
  return inked > 0 && bars / inked >= BARCODE_COLUMNS;
}

/**
 * The part of a row that is paper: the dark run a row starts or ends with is the strip of table or scanner lid a
 * crop leaves along the paper's edge (a photo's crop is rarely square to the paper). Counted as ink, it joins every
 * row into one band from the top of the receipt to its first line read: a name printed large under a barcode went
 * unread so on rendered photos.
 */
function paperSpan(image: GrayImage, threshold: number, y: number): [number, number] {
  const row = y * image.width;
  let from = 0;
  let to = image.width;
  while (from < to && (image.data[row + from] ?? 255) <= threshold) from += 1;
  while (to > from && (image.data[row + to - 1] ?? 255) <= threshold) to -= 1;
  return [from, to];
}

/** The band's rows [top, bottom) with the columns its ink spans (the frame around the paper aside). */
function measure(image: GrayImage, threshold: number, top: number, bottom: number): InkBand {
  let left = image.width;
  let right = 0;
  for (let y = top; y < bottom; y += 1) {
    const row = y * image.width;
    const [from, to] = paperSpan(image, threshold, y);
    for (let x = from; x < to; x += 1) {
      if ((image.data[row + x] ?? 255) > threshold) continue;
      if (x < left) left = x;
      if (x + 1 > right) right = x + 1;
    }
  }
  return { top, bottom, left: Math.min(left, right), right };
}

/**
 * Reads the unread bands of `image` as single lines with `recognizer` and returns `lines` with the legible
 * ones in reading order. Boxes are on the original grid (`scale` maps the read image to it).
 */
export async function readUnreadInk(
  lines: readonly OcrLine[],
  image: GrayImage,
  scale: number,
  recognizer: Recognizer,
  digits?: readonly DigitGlyph[],
  options: UnreadInkOptions = DEFAULT_UNREAD_INK,
): Promise<OcrLine[]> {
  const bands = unreadBands(image, lines, scale, options);
  if (bands.length === 0) return [...lines];
  const found: OcrLine[] = [];
  for (const band of bands) {
    const pad = Math.round((band.bottom - band.top) * 0.3);
    const left = Math.max(0, band.left - pad);
    const top = Math.max(0, band.top - pad);
    const crop = await cropImage(image, {
      left,
      top,
      width: Math.min(image.width, band.right + pad) - left,
      height: Math.min(image.height, band.bottom + pad) - top,
    });
    const read = await recognizer.recognize(toPgm(crop), {
      scale,
      line: true,
      glyphs: crop,
      ...(digits === undefined ? {} : { page: { glyphs: digits, enlarge: 1 } }),
    });
    const words = read.lines.flatMap((row) => row.words);
    const text = words.map((word) => word.text).join(' ');
    if (meanConfidence({ words }) < options.minConfidence || (text.match(/\p{L}/gu)?.length ?? 0) < 3)
      continue;
    found.push({
      text,
      confidence: read.confidence,
      bbox: {
        x0: Math.round(band.left * scale),
        y0: Math.round(band.top * scale),
        x1: Math.round(band.right * scale),
        y1: Math.round(band.bottom * scale),
      },
      words: wordsOnPage(words, left, top, scale),
    });
  }
  // Each in its place in the reading order, which is otherwise kept as Tesseract gave it.
  const result = [...lines];
  for (const line of found) {
    const at = result.findIndex((other) => other.bbox.y0 > line.bbox.y0);
    result.splice(at < 0 ? result.length : at, 0, line);
  }
  return result;
}
