/**
 * Slashed and dotted zeros. Many receipt printers print 0 with a slash or a dot inside, to tell it from O;
 * Tesseract's models, trained on plain zeros, read it as 8, 6 or 9, so 25,80 becomes 25,86 or 25,88 (measured
 * on rendered thermal receipts: most wrong totals and a third of wrong dates). The glyph's outline tells them
 * apart whatever is inside it: a zero's two sides run unbroken from top to bottom with a gap between them on
 * every middle row; an 8 pinches in at its waist and crosses there, a 6 opens at its upper right, a 9 at its
 * lower left.
 */
import type { GrayImage } from '../preprocess.js';
import type { BBox } from '../schema.js';
import { grayPixels, percentile } from './raster.js';

/** A symbol's box, in pixels of the raster Tesseract read. */
export type GlyphBox = BBox;

/** Rows from this share of the glyph's height to its complement are the sides' band. */
const BAND = 0.2;
/** Each band row has ink this close to the glyph's left and right edges (share of its width). */
const EDGE = 0.15;
/**
 * A side may bend inwards between two rows by at most this share of the glyph's width: a zero's sides are
 * straight or bow outwards, an 8's pinch in at its waist, a 6's right side at the gap below its hook.
 */
const MAX_DENT = 0.1;
/**
 * Patchy thermal print leaves a row of a zero's side faint, not gone, where a 6's or a 9's opening is paper: a
 * row whose sides reach the edges only in ink this share of the way from the paper's gray to the ink's is patchy,
 * and up to this share of the band's rows may be (they are left out of the dent measure, which a blurred 8's
 * faint waist would pass).
 */
const FAINT_INK = 0.3;
const MAX_PATCHY = 0.2;
/** ...outside the glyph's middle (this share of its height either side of half-way), where an 8 has its waist. */
const WAIST = 0.1;
/** Glyphs smaller than this (pixels) carry too little shape to judge; digits stand taller than wide. */
const MIN_WIDTH = 5;
const MIN_HEIGHT = 9;
const MAX_ASPECT = 0.72;

/** The box in whole pixels, within the image. */
function pixelBox(image: GrayImage, box: GlyphBox): GlyphBox {
  return {
    x0: Math.max(0, Math.round(box.x0)),
    y0: Math.max(0, Math.round(box.y0)),
    x1: Math.min(image.width, Math.round(box.x1)),
    y1: Math.min(image.height, Math.round(box.y1)),
  };
}

/** Whether the glyph in `box` (pixels of `image`) has a zero's outline. */
export function looksLikeZero(image: GrayImage, box: GlyphBox): boolean {
  const { x0, y0, x1, y1 } = pixelBox(image, box);
  const width = x1 - x0;
  const height = y1 - y0;
  if (width < MIN_WIDTH || height < MIN_HEIGHT || width > MAX_ASPECT * height) return false;
  const levels = inkLevels(image, x0, y0, x1, y1);
  if (levels === undefined) return false;
  const solid = (levels.ink + levels.paper) / 2;
  const faint = levels.paper - FAINT_INK * (levels.paper - levels.ink);
  const edges = (offset: number, threshold: number) => {
    let left = -1;
    let right = -1;
    for (let x = 0; x < width; x += 1) {
      if ((image.data[offset + x] as number) < threshold) {
        if (left < 0) left = x;
        right = x;
      }
    }
    return left >= 0 && left <= EDGE * width && right + 1 >= (1 - EDGE) * width ? { left, right } : undefined;
  };

  const bandTop = Math.floor(height * BAND);
  const bandBottom = Math.ceil(height * (1 - BAND));
  const lefts: number[] = [];
  const rights: number[] = [];
  const faintRows: { left: number; right: number }[] = [];
  for (let row = bandTop; row < bandBottom; row += 1) {
    const offset = (y0 + row) * image.width + x0;
    const solidSide = edges(offset, solid);
    const side = solidSide ?? edges(offset, faint);
    if (side === undefined) return false;
    if (solidSide === undefined) {
      // an 8's waist is at its middle: a faint row there is the waist, not a dropout
      if (Math.abs(row + 0.5 - height / 2) < WAIST * height) return false;
      faintRows.push(side);
    }
    lefts.push(side.left);
    rights.push(width - 1 - side.right);
  }
  if (faintRows.length > MAX_PATCHY * (bandBottom - bandTop)) return false;
  const maxDent = MAX_DENT * width;
  return dent(lefts) <= maxDent && dent(rights) <= maxDent;
}

/**
 * How far a side's inset (per row, from the glyph's edge) rises above the insets on both sides of it: 0 for
 * a side that is straight or bows outwards.
 */
function dent(insets: readonly number[]): number {
  const above: number[] = [];
  let least = Number.POSITIVE_INFINITY;
  for (const inset of insets) {
    least = Math.min(least, inset);
    above.push(least);
  }
  let deepest = 0;
  least = Number.POSITIVE_INFINITY;
  for (let i = insets.length - 1; i >= 0; i -= 1) {
    least = Math.min(least, insets[i] as number);
    deepest = Math.max(deepest, (insets[i] as number) - Math.max(above[i] as number, least));
  }
  return deepest;
}

/** The glyph box's ink (5th percentile) and paper (95th) gray levels; undefined without contrast. */
function inkLevels(
  image: GrayImage,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): { ink: number; paper: number } | undefined {
  const pixels = grayPixels(image, x0, y0, x1, y1);
  const ink = percentile(pixels, 0.05);
  const paper = percentile(pixels, 0.95);
  return paper - ink < 40 ? undefined : { ink, paper };
}

export interface GlyphSymbol {
  readonly text: string;
  readonly bbox: GlyphBox;
}

export interface GlyphWord {
  readonly text: string;
  readonly symbols?: readonly GlyphSymbol[];
}

/** A symbol box this much taller than its glyph's ink is cut down to the ink (share of the box's height). */
const LOOSE_BOX = 0.2;
/** Ink this far from the glyph (share of its height) is something else; nearer, it is the glyph's broken stroke. */
const APART = 0.25;

/**
 * The symbol's box cut down to its glyph when Tesseract's box is much taller than the ink in it: the last symbol
 * of a line read on its own sometimes reaches to the crop's bottom (a `2.20` whose 0's box was 36 px tall around a
 * 22 px glyph failed the outline test and was left an 8). The glyph is the longest run of inked rows with the runs
 * a small gap away (a small 9's tail broken off its loop by one faint row is still the 9's).
 */
export function glyphBox(image: GrayImage, box: GlyphBox): GlyphBox {
  const { x0, y0, x1, y1 } = pixelBox(image, box);
  if (x1 - x0 < MIN_WIDTH || y1 - y0 < MIN_HEIGHT) return box;
  const levels = inkLevels(image, x0, y0, x1, y1);
  if (levels === undefined) return box;
  const threshold = (levels.ink + levels.paper) / 2;
  const runs: { from: number; to: number }[] = [];
  for (let y = y0; y < y1; y += 1) {
    const inked = image.data.subarray(y * image.width + x0, y * image.width + x1).some((v) => v < threshold);
    const last = runs[runs.length - 1];
    if (inked && last?.to === y) last.to = y + 1;
    else if (inked) runs.push({ from: y, to: y + 1 });
  }
  const longest = runs.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a), { from: y0, to: y0 });
  const gap = APART * (longest.to - longest.from);
  let { from, to } = longest;
  for (const run of runs.filter((r) => r.from >= longest.to)) if (run.from - to < gap) to = run.to;
  for (const run of [...runs].reverse().filter((r) => r.to <= longest.from))
    if (from - run.to < gap) from = run.from;
  const inked = to - from;
  return inked < (1 - LOOSE_BOX) * (y1 - y0) && inked >= MIN_HEIGHT ? { ...box, y0: from, y1: to } : box;
}

/** Glyphs are compared as this many columns and rows of ink coverage. */
const SAMPLE = { columns: 8, rows: 12 };
/** Zeros read right on the page needed before any other digit is judged against them. */
const MIN_ZEROS = 3;
/** Below one zero read right per this many glyphs with a zero's outline, the zeros read right are no reference. */
const OUTLINED_PER_ZERO = 3;
/** How many nearest glyphs of a kind a glyph's distance to that kind is averaged over. */
const NEAREST = 3;
/**
 * A glyph's box may differ this much in width from the page's zeros (monospace or not, 0 and 8 are alike; a
 * double-height total's digits are as wide), or in width over height (a double-size total's digits).
 */
const MAX_WIDTH_CHANGE = 0.25;
/** A digit read as 0 must lie this close to the zeros, relative to how close the zeros lie to each other. */
const MAX_SPREAD = 1.5;
/**
 * ...or this share of its distance to the glyphs read as its own digit: on patchy thermal print the zeros read
 * right are the crisp ones, tight among themselves, and the ones read as 8 or 6 are the worn ones, further from
 * them than they are from each other but still twice as near them as the page's real 8s and 6s.
 */
const CLEARLY_NEARER = 0.7;

/** A digit glyph of a number on a page, as the zero reading compares it. */
export interface DigitGlyph {
  readonly digit: string;
  /** The symbol box's width and height, in pixels of the raster it was read from. */
  readonly width: number;
  readonly height: number;
  readonly zeroOutline: boolean;
  readonly sample: Float32Array;
}

/**
 * The digits of the page a line crop was cut from, and how much the crop was enlarged: a line read again on
 * its own holds too few zeros to tell its printer's zeros by, and the page's zeros read right are the same
 * print (docs/engine.md).
 */
export interface PageDigits {
  readonly glyphs: readonly DigitGlyph[];
  readonly enlarge: number;
}

export interface ZeroReading {
  /** Every word's text, its zeros read as zeros. */
  readonly texts: string[];
  /** The digit glyphs of these words, for reading a line of the same page again (PageDigits). */
  readonly glyphs: DigitGlyph[];
}

/**
 * Every word's text with the 8s, 6s and 9s that are this page's zeros read as 0. An outline is not enough on
 * its own (a bold 8 at 14 px has near-straight sides too, measured on scans), so the page's own print decides:
 * a digit is a zero when its outline is a zero's, and its glyph is nearer the glyphs read as 0 on this page
 * than the glyphs read as its own digit that do not have a zero's outline, and about as near them as they are
 * to each other. A printer prints every zero alike, and Tesseract reads most of them right; where it read
 * hardly any right, the glyphs with a zero's outline are compared among themselves instead. A line cut from
 * a page and read again is judged with the page's digits beside its own (`page`).
 */
export function readZeros(words: readonly GlyphWord[], image: GrayImage, page?: PageDigits): ZeroReading {
  const texts = words.map((word) => word.text);
  const own: PageGlyph[] = [];
  words.forEach((word, w) => {
    if (!isNumeric(word)) return;
    word.symbols?.forEach((symbol, index) => {
      if (!/^[0689]$/.test(symbol.text)) return;
      const box = glyphBox(image, symbol.bbox);
      const sample = glyphSample(image, box);
      if (sample === undefined) return;
      const zeroOutline = symbol.text !== '0' && looksLikeZero(image, box);
      const width = box.x1 - box.x0;
      const height = box.y1 - box.y0;
      own.push({ word: w, index, digit: symbol.text, width, height, zeroOutline, sample });
    });
  });
  const enlarge = page?.enlarge ?? 1;
  const context = (page?.glyphs ?? []).map((glyph) => ({
    ...glyph,
    word: -1,
    index: -1,
    width: glyph.width * enlarge,
    height: glyph.height * enlarge,
  }));
  const digits = own.map(({ digit, width, height, zeroOutline, sample }) => ({
    digit,
    width,
    height,
    zeroOutline,
    sample,
  }));
  // Only a 6, 8 or 9 with a zero's outline can be a zero read wrong: without one, nothing is compared (the
  // comparison grows with the square of the page's zeros, and most re-read lines hold no such glyph).
  if (!own.some((glyph) => glyph.zeroOutline)) return { texts, glyphs: digits };
  const glyphs = [...own, ...context];
  const read = glyphs.filter((glyph) => glyph.digit === '0');
  // A page with hardly any zero read right, next to several times as many 8s, 6s and 9s with a zero's outline, is
  // a page whose zeros came out wrong (a barred zero read as 6 everywhere; the few read as 0 are as often Os or
  // worn glyphs, unlike each other): those glyphs stand for its zeros.
  const outlined = glyphs.filter((glyph) => glyph.zeroOutline).length;
  const fromRead = read.length >= MIN_ZEROS && read.length * OUTLINED_PER_ZERO >= outlined;
  const reference = fromRead ? read : glyphs.filter((glyph) => glyph.zeroOutline);
  // Judged among themselves, each of them needs MIN_ZEROS others.
  if (reference.length < (fromRead ? MIN_ZEROS : MIN_ZEROS + 1)) return { texts, glyphs: digits };
  const zeros = reference.map((glyph) => glyph.sample);
  const others = (i: number) => zeros.filter((_, j) => j !== i);
  const spread = median(zeros.map((sample, i) => nearest(sample, others(i), NEAREST)));
  // A box much wider than the page's zeros, for its height too, holds two glyphs (Tesseract's symbol boxes
  // sometimes do); a double-height or double-size total's glyphs are as wide, or as wide for their height.
  const zeroWidth = median(reference.map((glyph) => glyph.width));
  const zeroAspect = median(reference.map((glyph) => glyph.width / Math.max(1, glyph.height)));
  const near = (value: number, reference: number) =>
    Math.abs(value - reference) <= MAX_WIDTH_CHANGE * reference;
  const zeroSized = (glyph: DigitGlyph) =>
    near(glyph.width, zeroWidth) || near(glyph.width / Math.max(1, glyph.height), zeroAspect);
  const fixes = new Map<number, Set<number>>();
  for (const glyph of own) {
    if (!glyph.zeroOutline || !zeroSized(glyph)) continue;
    const toZeros = nearest(
      glyph.sample,
      zeros.filter((sample) => sample !== glyph.sample),
      NEAREST,
    );
    const ownKind = glyphs
      .filter((other) => other.digit === glyph.digit && !other.zeroOutline)
      .map((other) => other.sample);
    const toOwn = ownKind.length === 0 ? Number.POSITIVE_INFINITY : nearest(glyph.sample, ownKind, NEAREST);
    const clearlyNearer = Number.isFinite(toOwn) && toZeros <= CLEARLY_NEARER * toOwn;
    if (toZeros < toOwn && (toZeros <= MAX_SPREAD * spread || clearlyNearer)) {
      fixes.set(glyph.word, (fixes.get(glyph.word) ?? new Set()).add(glyph.index));
    }
  }
  for (const [w, indices] of fixes) {
    const symbols = words[w]?.symbols ?? [];
    texts[w] = symbols.map((symbol, index) => (indices.has(index) ? '0' : symbol.text)).join('');
  }
  return { texts, glyphs: digits };
}

/** A digit glyph and where it is: word and symbol index (-1 for a glyph of the page a line was cut from). */
interface PageGlyph extends DigitGlyph {
  readonly word: number;
  readonly index: number;
}

/** A date written with its month's name in one word: `05-Apr-20`, `18.Jul.2022`. */
const DATE_WITH_MONTH = /^\d{1,2}[-./]?\p{L}{3,4}\.?[-./]?\d{2,4}$/u;

/**
 * Words that are mostly digits (amounts, dates, times, numbers), or a date with its month's name (whose letters
 * outnumber half its digits: `85-Apr-26` for 05-Apr-20), and that their symbols spell.
 */
function isNumeric(word: GlyphWord): boolean {
  if (word.symbols === undefined) return false;
  if (word.symbols.map((symbol) => symbol.text).join('') !== word.text) return false;
  const digits = word.text.replace(/\D/g, '').length;
  const letters = word.text.replace(/[^\p{L}]/gu, '').length;
  return (digits >= 2 && letters <= digits / 2) || DATE_WITH_MONTH.test(word.text);
}

/** Ink coverage (0 paper .. 1 ink) of the glyph box on a fixed grid; undefined for a glyph too small. */
function glyphSample(image: GrayImage, box: GlyphBox): Float32Array | undefined {
  const { x0, y0, x1, y1 } = pixelBox(image, box);
  if (x1 - x0 < MIN_WIDTH || y1 - y0 < MIN_HEIGHT) return undefined;
  const levels = inkLevels(image, x0, y0, x1, y1);
  if (levels === undefined) return undefined;
  const sample = new Float32Array(SAMPLE.columns * SAMPLE.rows);
  const cellWidth = (x1 - x0) / SAMPLE.columns;
  const cellHeight = (y1 - y0) / SAMPLE.rows;
  for (let row = 0; row < SAMPLE.rows; row += 1) {
    for (let column = 0; column < SAMPLE.columns; column += 1) {
      const left = x0 + Math.floor(column * cellWidth);
      const right = Math.max(left + 1, x0 + Math.floor((column + 1) * cellWidth));
      const top = y0 + Math.floor(row * cellHeight);
      const bottom = Math.max(top + 1, y0 + Math.floor((row + 1) * cellHeight));
      let sum = 0;
      for (let y = top; y < bottom; y += 1) {
        for (let x = left; x < right; x += 1) sum += image.data[y * image.width + x] as number;
      }
      const mean = sum / ((right - left) * (bottom - top));
      sample[row * SAMPLE.columns + column] = Math.min(
        1,
        Math.max(0, (levels.paper - mean) / (levels.paper - levels.ink)),
      );
    }
  }
  return sample;
}

function distance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] as number) - (b[i] as number);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Mean distance from `sample` to its `count` nearest among `others`. */
function nearest(sample: Float32Array, others: readonly Float32Array[], count: number): number {
  if (others.length === 0) return Number.POSITIVE_INFINITY;
  const distances = others.map((other) => distance(sample, other)).sort((a, b) => a - b);
  const closest = distances.slice(0, count);
  return closest.reduce((sum, d) => sum + d, 0) / closest.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.POSITIVE_INFINITY;
}
