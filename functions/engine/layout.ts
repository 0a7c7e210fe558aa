/**
 * Skew from projection profiles, before any OCR: lines of text make the ink profile across them spiky (dense
 * rows, empty gaps), and the angle with the spikiest profile levels the lines. It runs on a small copy, so an
 * upright receipt pays a few milliseconds for it.
 *
 * Quarter turns are not decided here: comparing row and column profiles failed on receipts (right-aligned
 * price columns and monospace character columns make column profiles as spiky as row profiles), so the
 * engine settles 0/90/180/270 from recognition confidence instead (engine.ts).
 */
import type { GrayImage } from './preprocess.js';

/** Skew angles tried, in degrees; receipts laid on a scanner are rarely more than a few degrees off. */
const MAX_SKEW = 8;
const SKEW_STEP = 0.5;
/** Below this, deskewing (a full-image rotation) is not worth its interpolation blur. */
const MIN_SKEW = 0.75;
const MAX_SAMPLED_PIXELS = 60_000;

/** Otsu's threshold over a 256-bin histogram. */
function otsuThreshold(data: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of data) histogram[value] = (histogram[value] ?? 0) + 1;
  let sum = 0;
  for (let i = 0; i < 256; i += 1) sum += i * (histogram[i] ?? 0);
  let sumBackground = 0;
  let weightBackground = 0;
  let best = 0;
  let threshold = 128;
  for (let i = 0; i < 256; i += 1) {
    weightBackground += histogram[i] ?? 0;
    if (weightBackground === 0) continue;
    const weightForeground = data.length - weightBackground;
    if (weightForeground === 0) break;
    sumBackground += i * (histogram[i] ?? 0);
    const meanBackground = sumBackground / weightBackground;
    const meanForeground = (sum - sumBackground) / weightForeground;
    const between = weightBackground * weightForeground * (meanBackground - meanForeground) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

/** Coordinates of ink pixels (darker than Otsu's threshold), evenly subsampled to bound the work. */
function inkPixels(image: GrayImage): { xs: Float64Array; ys: Float64Array } {
  const threshold = otsuThreshold(image.data);
  let count = 0;
  for (const value of image.data) if (value <= threshold) count += 1;
  const stride = Math.max(1, Math.ceil(count / MAX_SAMPLED_PIXELS));
  const xs = new Float64Array(Math.ceil(count / stride));
  const ys = new Float64Array(xs.length);
  let seen = 0;
  let kept = 0;
  for (let index = 0; index < image.data.length; index += 1) {
    if ((image.data[index] ?? 255) > threshold) continue;
    if (seen % stride === 0 && kept < xs.length) {
      xs[kept] = index % image.width;
      ys[kept] = Math.floor(index / image.width);
      kept += 1;
    }
    seen += 1;
  }
  return { xs: xs.subarray(0, kept), ys: ys.subarray(0, kept) };
}

/** Spikiness of the ink profile along direction `radians`: the sum of squared bin counts. */
function profileScore(xs: Float64Array, ys: Float64Array, radians: number, bins: Float64Array): number {
  bins.fill(0);
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const offset = bins.length / 2;
  for (let i = 0; i < xs.length; i += 1) {
    const bin = Math.round((ys[i] ?? 0) * cos - (xs[i] ?? 0) * sin + offset);
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  let squares = 0;
  for (const count of bins) squares += count * count;
  return squares;
}

function bestAngle(
  xs: Float64Array,
  ys: Float64Array,
  bins: Float64Array,
): { degrees: number; score: number } {
  let best = { degrees: 0, score: -1 };
  for (let degrees = -MAX_SKEW; degrees <= MAX_SKEW; degrees += SKEW_STEP) {
    const score = profileScore(xs, ys, (degrees * Math.PI) / 180, bins);
    // Prefer the smaller angle on ties: an upright page must not be rotated for nothing.
    if (score > best.score * 1.0001 || (score >= best.score && Math.abs(degrees) < Math.abs(best.degrees))) {
      best = { degrees, score };
    }
  }
  return best;
}

export interface TextLines {
  /** Clockwise rotation in degrees that levels the lines; 0 when level within MIN_SKEW. */
  readonly skewDegrees: number;
  /**
   * How strongly ink forms horizontal lines: the best profile's sum of squares, scaled so that ink spread
   * evenly down the page scores 1. Comparable between a page and the same page turned a quarter.
   */
  readonly strength: number;
}

/** Finds the horizontal text lines of a (preferably small, about 600 px) grayscale page. */
export function findTextLines(image: GrayImage): TextLines {
  const { xs, ys } = inkPixels(image);
  if (xs.length < 100) return { skewDegrees: 0, strength: 0 };
  const bins = new Float64Array(2 * (image.width + image.height));
  // Profile angle d means lines rising to the right by d (y grows downwards): a d-degree clockwise turn levels them.
  const { degrees, score } = bestAngle(xs, ys, bins);
  const level = -degrees;
  return {
    skewDegrees: Math.abs(level) < MIN_SKEW ? 0 : level,
    strength: (score * image.height) / xs.length ** 2,
  };
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A margin row or column this dark (share of ink pixels) is background around the paper, not text. */
const BACKGROUND_SHARE = 0.5;
/** Gray level below which a pixel may belong to a dark surface around the paper. */
const DARK_SURFACE = 110;

/**
 * The paper inside dark background margins (a receipt photographed or scanned on a dark surface). Tesseract
 * finds no text at all on some such scans with psm 6 (measured: a SROIE receipt read empty until a 40 px
 * border was cut), so solid dark rows and columns at the edges are cut off. Returns the whole image when
 * there is no such margin.
 */
export function findPaper(image: GrayImage): Box {
  // Background surfaces are dark in absolute terms; Otsu alone would call shaded paper "ink" on a clean scan.
  const threshold = Math.min(otsuThreshold(image.data), DARK_SURFACE);
  const { width, height, data } = image;
  const rowInk = new Float64Array(height);
  const columnInk = new Float64Array(width);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if ((data[y * width + x] ?? 255) <= threshold) {
        rowInk[y] = (rowInk[y] ?? 0) + 1;
        columnInk[x] = (columnInk[x] ?? 0) + 1;
      }
    }
  }
  const isBackground = (ink: number, length: number) => ink / length > BACKGROUND_SHARE;
  let top = 0;
  while (top < height / 4 && isBackground(rowInk[top] ?? 0, width)) top += 1;
  let bottom = height;
  while (bottom > (height * 3) / 4 && isBackground(rowInk[bottom - 1] ?? 0, width)) bottom -= 1;
  let left = 0;
  while (left < width / 4 && isBackground(columnInk[left] ?? 0, height)) left += 1;
  let right = width;
  while (right > (width * 3) / 4 && isBackground(columnInk[right - 1] ?? 0, height)) right -= 1;
  return { left, top, width: right - left, height: bottom - top };
}
