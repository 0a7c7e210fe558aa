/**
 * Skew from projection profiles, before any OCR: lines of text make the ink profile across them spiky (dense
 * rows, empty gaps), and the angle with the spikiest profile levels the lines. It runs on a small copy, so an
 * upright receipt pays a few milliseconds for it. A page turned a quarter has its lines running down the page:
 * its skew is measured on columns (findSidewaysSkew) when the orientation check says so.
 *
 * Quarter turns are not decided here: comparing row and column profiles failed on receipts (right-aligned
 * price columns and monospace character columns make column profiles as spiky as row profiles), so the
 * engine settles 0/90/180/270 from the glyphs' geometry (image/text-orientation.ts) and, when that is unsure,
 * from recognition confidence.
 */
import type { GrayImage } from './preprocess.js';

/** Skew angles tried, in degrees: a receipt photographed crooked, or laid crooked on a page. */
const MAX_SKEW = 15;
const SKEW_STEP = 0.5;
/** Below this, deskewing (a full-image rotation) is not worth its interpolation blur. */
const MIN_SKEW = 0.75;
const MAX_SAMPLED_PIXELS = 60_000;

/** Otsu's threshold over a 256-bin histogram. */
export function otsuThreshold(data: Uint8Array): number {
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

function searchAngles(
  xs: Float64Array,
  ys: Float64Array,
  bins: Float64Array,
  from: number,
  to: number,
  step: number,
): { degrees: number; score: number } {
  let best = { degrees: 0, score: -1 };
  for (let degrees = from; degrees <= to + 1e-9; degrees += step) {
    const score = profileScore(xs, ys, (degrees * Math.PI) / 180, bins);
    // Prefer the smaller angle on ties: an upright page must not be rotated for nothing.
    if (score > best.score * 1.0001 || (score >= best.score && Math.abs(degrees) < Math.abs(best.degrees))) {
      best = { degrees, score };
    }
  }
  return best;
}

/**
 * The angle (y down, clockwise positive) along which the points line up best, within +-maxDegrees: whole
 * degrees first, then half degrees around the best (a line profile's peak is about 1-2 degrees wide, so the
 * coarse pass lands on its shoulder). `bins` must be at least twice the span of the coordinates.
 */
export function bestAngle(
  xs: Float64Array,
  ys: Float64Array,
  bins: Float64Array,
  maxDegrees = MAX_SKEW,
): { degrees: number; score: number; gain: number } {
  const coarse = searchAngles(xs, ys, bins, -maxDegrees, maxDegrees, 1);
  const fine = searchAngles(
    xs,
    ys,
    bins,
    Math.max(-maxDegrees, coarse.degrees - 1),
    Math.min(maxDegrees, coarse.degrees + 1),
    SKEW_STEP,
  );
  const best = fine.score > coarse.score ? fine : coarse;
  return { ...best, gain: best.score / Math.max(1, profileScore(xs, ys, 0, bins)) };
}

/**
 * The lines' angle near `around` (degrees, within +-1.5, half-degree steps): a rough angle from a shape's
 * outline made exact by the lines themselves.
 */
export function refineAngle(xs: Float64Array, ys: Float64Array, bins: Float64Array, around: number): number {
  const step = Math.round(around / SKEW_STEP) * SKEW_STEP;
  return searchAngles(xs, ys, bins, step - 1.5, step + 1.5, SKEW_STEP).degrees;
}

export interface TextLines {
  /** Clockwise rotation in degrees that levels lines running across the page; 0 when level within MIN_SKEW. */
  readonly skewDegrees: number;
  /** The lines' angle (y down, clockwise positive), as found before rounding small skews to 0. */
  readonly angleDegrees: number;
}

/** Up to this angle a skew is applied as found (the scanner range measured on the dev scans). */
const TRUSTED_SKEW = 8;
/**
 * Beyond it, the lines must line up clearly better than on the level page (profile score ratio): on a faint
 * photo without clear lines the search otherwise lands on the edge of its range (measured: 15 degrees at a
 * ratio of 1.02 on an upright grey photo; real 9-15 degree skews measure well above).
 */
const MIN_LARGE_SKEW_GAIN = 1.15;

const level = (found: { degrees: number; gain: number }) =>
  Math.abs(found.degrees) < MIN_SKEW ||
  (Math.abs(found.degrees) > TRUSTED_SKEW && found.gain < MIN_LARGE_SKEW_GAIN)
    ? 0
    : found.degrees;

/** Finds the text lines running across a (preferably small, about 600 px) grayscale page. */
export function findTextLines(image: GrayImage): TextLines {
  const { xs, ys } = inkPixels(image);
  if (xs.length < 100) return { skewDegrees: 0, angleDegrees: 0 };
  const bins = new Float64Array(2 * (image.width + image.height));
  // Profile angle d means lines falling to the right by d (y grows downwards): a -d clockwise turn levels them.
  const rows = bestAngle(xs, ys, bins);
  return { skewDegrees: -level(rows), angleDegrees: rows.degrees };
}

/**
 * The skew of lines running down the page (a page turned a quarter): the same search with x and y swapped,
 * which mirrors the angle, so the angle found turns them level once the page is turned either way.
 */
export function findSidewaysSkew(image: GrayImage): number {
  const { xs, ys } = inkPixels(image);
  if (xs.length < 100) return 0;
  return level(bestAngle(ys, xs, new Float64Array(2 * (image.width + image.height))));
}
