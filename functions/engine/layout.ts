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
import { quarterFold } from './image/geometry.js';
import type { GrayImage } from './preprocess.js';

/** Skew angles tried, in degrees: a receipt photographed crooked, or laid crooked on a page. */
const MAX_SKEW = 15;
const SKEW_STEP = 0.5;
/** Below this, deskewing (a full-image rotation) is not worth its interpolation blur. */
const MIN_SKEW = 0.75;
const MAX_SAMPLED_PIXELS = 60_000;

/** Otsu's threshold over a 256-bin histogram. */
export function otsuThreshold(data: Uint8Array): number {
  // A typed histogram and an indexed loop: a page's pixels are counted in a fifth of the time a generic array took
  // (it is counted for every page read, at full resolution, by the unread-ink search).
  const histogram = new Uint32Array(256);
  for (let index = 0; index < data.length; index += 1) {
    const value = data[index] as number;
    histogram[value] = (histogram[value] as number) + 1;
  }
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

/**
 * How an ink profile is scored: `squares` (the sum of squared bin counts) rewards spikes but also a profile
 * heaped in the middle, as a square print projected at 45 degrees is; `steps` (the sum of squared differences
 * between neighbouring bins) rewards only the rise and fall from line to gap.
 */
type ProfileMeasure = 'squares' | 'steps';

/** Spikiness of the ink profile along direction `radians`. */
function profileScore(
  xs: Float64Array,
  ys: Float64Array,
  radians: number,
  bins: Float64Array,
  measure: ProfileMeasure = 'squares',
): number {
  bins.fill(0);
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const offset = bins.length / 2;
  for (let i = 0; i < xs.length; i += 1) {
    const bin = Math.round((ys[i] ?? 0) * cos - (xs[i] ?? 0) * sin + offset);
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  let score = 0;
  let previous = 0;
  for (const count of bins) {
    score += measure === 'squares' ? count * count : (count - previous) ** 2;
    previous = count;
  }
  return score;
}

function searchAngles(
  xs: Float64Array,
  ys: Float64Array,
  bins: Float64Array,
  from: number,
  to: number,
  step: number,
  measure: ProfileMeasure = 'squares',
): { degrees: number; score: number } {
  let best = { degrees: 0, score: -1 };
  for (let degrees = from; degrees <= to + 1e-9; degrees += step) {
    const score = profileScore(xs, ys, (degrees * Math.PI) / 180, bins, measure);
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
  measure: ProfileMeasure = 'squares',
): { degrees: number; score: number; gain: number } {
  const coarse = searchAngles(xs, ys, bins, -maxDegrees, maxDegrees, 1, measure);
  const fine = searchAngles(
    xs,
    ys,
    bins,
    Math.max(-maxDegrees, coarse.degrees - 1),
    Math.min(maxDegrees, coarse.degrees + 1),
    SKEW_STEP,
    measure,
  );
  const best = fine.score > coarse.score ? fine : coarse;
  return { ...best, gain: best.score / Math.max(1, profileScore(xs, ys, 0, bins, measure)) };
}

/**
 * The lines' angle near `around` (degrees, within +-1.5, half-degree steps): a rough angle from a shape's
 * outline made exact by the lines themselves.
 */
export function refineAngle(xs: Float64Array, ys: Float64Array, bins: Float64Array, around: number): number {
  const step = Math.round(around / SKEW_STEP) * SKEW_STEP;
  return searchAngles(xs, ys, bins, step - 1.5, step + 1.5, SKEW_STEP).degrees;
}

/**
 * How much better than at its outline's angle the lines of a print must line up elsewhere to overrule it, and
 * how far elsewhere: within a few degrees the refinement near the outline's angle is the better measure (the
 * outline's angle was within half a degree of the lines' on rendered receipts turned 4 to 15 degrees).
 */
const OUTLINE_DOUBT = 1.2;
const OUTLINE_ERROR = 3;

/**
 * The angle of a print's lines, given `rough` from its outline: refined near it (`refineAngle`) unless a search
 * of every angle finds lines, across the print or down it (a receipt lying sideways), lining up clearly better.
 * An outline's minimum-area rectangle stands at 45 degrees when the print's corners are empty (a short receipt
 * with a centred heading above and a centred code below, its amounts far right): that crop cut off and turned
 * every line.
 */
export function printAngle(xs: Float64Array, ys: Float64Array, bins: Float64Array, rough: number): number {
  const near = refineAngle(xs, ys, bins, rough);
  // A level rectangle holds all the print whatever the lines' angle: only a turned one can cut lines off.
  if (Math.abs(near) < OUTLINE_ERROR) return near;
  // The print's pixels are sampled on a grid of 2: projected level into 1-pixel bins they fill every other
  // one, a comb that the steps measure would take for lines. Four to a bin, every bin gets its share.
  const qx = xs.map((x) => x / 4);
  const qy = ys.map((y) => y / 4);
  const radians = (near * Math.PI) / 180;
  const nearScore = Math.max(
    profileScore(qx, qy, radians, bins, 'steps'),
    profileScore(qy, qx, -radians, bins, 'steps'),
  );
  const across = bestAngle(qx, qy, bins, 45, 'steps');
  // Swapping x and y mirrors the angle (findSidewaysSkew).
  const down = bestAngle(qy, qx, bins, 45, 'steps');
  const best = across.score >= down.score ? across : { ...down, degrees: -down.degrees };
  const apart = Math.abs(quarterFold(best.degrees - near));
  return apart >= OUTLINE_ERROR && best.score > nearScore * OUTLINE_DOUBT ? best.degrees : near;
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
