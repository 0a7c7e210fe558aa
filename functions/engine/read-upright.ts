/**
 * Reads the receipt the right way up: the text-line geometry picks the quarter turn and the skew before any
 * recognition (image/text-orientation.ts); recognition confidence breaks the tie only when the geometry is
 * unsure and the first reading is weak. Grey paper (a photo in room light) and a photographed receipt lit
 * unevenly (the light falling off towards an edge) are read with their lighting flattened (image/normalise.ts)
 * from the start; a weak reading of white paper is read once more flattened, and the more
 * confident reading is kept.
 */
import { flatteningChange, flattenLighting } from './image/normalise.js';
import { isGreyPaper, isUnevenlyLit } from './image/paper-tone.js';
import { measureOrientation, type QuarterTurn, type TextOrientation } from './image/text-orientation.js';
import { findSidewaysSkew, findTextLines } from './layout.js';
import { analysisCopy, cropImage, type GrayImage, rotateImage, toPgm } from './preprocess.js';
import type { RecognizedPage, Recognizer } from './recognizer.js';
import type { Timings } from './schema.js';

/**
 * A first reading at or above this mean word confidence is kept as it is. Below it, and when the geometry was
 * unsure, other orientations are probed. Measured: turned synthetic receipts read at 0.40-0.50, upright SROIE
 * scans mostly at 0.6-0.9, a few faded ones at 0.37-0.56.
 */
export const ORIENTATION_CONFIDENCE = 0.52;
/** Below this a reading is weak enough to try the receipt with its lighting flattened (after any turn). */
export const FADED_CONFIDENCE = 0.6;
/** A turned band must read this much more confidently than the first orientation's band to turn the page. */
const PROBE_MARGIN = 0.15;
/**
 * Or this much, in the turn the glyphs' baselines leaned to without being sure: a rendered English receipt upside
 * down read 0.28 as it lay, and its middle band 0.41 turned against 0.31 as it lay.
 */
const LEANING_MARGIN = 0.05;
/** The probe band is a quarter of the page, but at least this many pixels tall. */
const PROBE_BAND_MIN = 240;
/** The flattened reading must beat the first by this much (equal readings keep the untouched image). */
const FLATTENED_GAIN = 0.03;
/**
 * Below this flatteningChange the flattened page is the page already read: reading it again read the same
 * (two weak dev scans on white paper, 1.0 s and 0.1 s of page reading each, confidence +0.001 and +0.000).
 */
const MIN_FLATTENING_CHANGE = 0.01;

export interface Reading {
  readonly page: RecognizedPage;
  /** The image as read (turned, levelled, maybe flattened). */
  readonly image: GrayImage;
  /** Clockwise degrees applied: the quarter turn plus the skew. */
  readonly rotation: number;
  /** The quarter turn alone. */
  readonly turn: QuarterTurn;
}

export type Lap = (stage: keyof Timings) => void;

interface Layout {
  readonly image: GrayImage;
  readonly orientation: TextOrientation;
  /** Clockwise degrees that level the lines, for lines across the page and for lines down it. */
  readonly skew: number;
  readonly sidewaysSkew: number;
}

async function measureLayout(image: GrayImage): Promise<Layout> {
  const small = await analysisCopy(image);
  const lines = findTextLines(small);
  const orientation = measureOrientation(image, lines.angleDegrees);
  // Lines down the page are measured only when they may be read that way.
  const sideways = !orientation.axisSure || orientation.turn % 180 !== 0;
  return {
    image,
    orientation,
    skew: lines.skewDegrees,
    sidewaysSkew: sideways ? findSidewaysSkew(small) : 0,
  };
}

function totalRotation(layout: Layout, turn: QuarterTurn): number {
  return turn + (turn % 180 === 0 ? layout.skew : layout.sidewaysSkew);
}

async function read(
  layout: Layout,
  turn: QuarterTurn,
  scale: number,
  recognizer: Recognizer,
  lap: Lap,
): Promise<Reading> {
  const rotation = totalRotation(layout, turn);
  const image = await rotateImage(layout.image, rotation);
  lap('preprocessMs');
  const page = await recognizer.recognize(toPgm(image), { scale, glyphs: image });
  lap('ocrMs');
  return { page, image, rotation, turn };
}

/**
 * How much more confidently a turned band must read to turn the page: PROBE_MARGIN, or LEANING_MARGIN for the
 * other way up of level lines read as they lie though more of their baselines said upside down, too few to be
 * sure (12 to 4).
 */
export function probeMargin(orientation: TextOrientation, turn: QuarterTurn): number {
  const { flipSure, evidence } = orientation;
  const leaning = !flipSure && orientation.turn === 0 && turn === 180 && evidence.down > evidence.up;
  return leaning ? LEANING_MARGIN : PROBE_MARGIN;
}

/** The turns worth a probe: the other way up when up/down was unsure, the other axis when that was. */
function alternatives(orientation: TextOrientation): QuarterTurn[] {
  const turns = new Set<QuarterTurn>();
  const turn = (degrees: number) => (((degrees % 360) + 360) % 360) as QuarterTurn;
  if (!orientation.flipSure) turns.add(turn(orientation.turn + 180));
  if (!orientation.axisSure) {
    turns.add(turn(orientation.turn + 90));
    turns.add(turn(orientation.turn + 270));
  }
  return [...turns];
}

/**
 * Reads a band across the middle of the image in the first turn and in each alternative, and returns the
 * alternative whose band reads clearly more confidently, if any. A band costs a fraction of a full reading;
 * full readings of sideways text are the slowest Tesseract does (measured: up to 8 s each).
 */
async function probe(
  layout: Layout,
  first: QuarterTurn,
  turns: readonly QuarterTurn[],
  recognizer: Recognizer,
  lap: Lap,
): Promise<QuarterTurn | undefined> {
  const bandScore = async (turn: QuarterTurn) => {
    const turned = await rotateImage(layout.image, totalRotation(layout, turn));
    const bandHeight = Math.min(turned.height, Math.max(PROBE_BAND_MIN, Math.round(turned.height / 4)));
    const band = await cropImage(turned, {
      left: 0,
      top: Math.round((turned.height - bandHeight) / 2),
      width: turned.width,
      height: bandHeight,
    });
    lap('preprocessMs');
    const score = (await recognizer.recognize(toPgm(band))).confidence;
    lap('ocrMs');
    return score;
  };
  let best: { turn: QuarterTurn; score: number } | undefined;
  const asIs = await bandScore(first);
  for (const turn of turns) {
    const score = await bandScore(turn);
    if (score >= asIs + probeMargin(layout.orientation, turn) && score > (best?.score ?? 0))
      best = { turn, score };
  }
  return best?.turn;
}

/** How the receipt was captured, as far as finding it in the image tells. */
export interface Capture {
  /** A photo: its outline leans or narrows with the perspective, or it was shot far above the resolution read. */
  readonly photographed?: boolean;
}

export async function readUpright(
  image: GrayImage,
  scale: number,
  recognizer: Recognizer,
  lap: Lap,
  capture: Capture = {},
): Promise<Reading> {
  let layout = await measureLayout(image);
  // A scan's paper darkening towards one end (two dev scans) reads as well or better as it is: only a photo's
  // light falling off is flattened.
  const flattened = isGreyPaper(image) || (capture.photographed === true && isUnevenlyLit(image));
  // Flattened before turning: the layout's turn and skew apply unchanged.
  if (flattened) layout = { ...layout, image: flattenLighting(image) };
  lap('preprocessMs');
  let best = await read(layout, layout.orientation.turn, scale, recognizer, lap);

  const turns = alternatives(layout.orientation);
  if (best.page.confidence < ORIENTATION_CONFIDENCE && turns.length > 0) {
    const better = await probe(layout, layout.orientation.turn, turns, recognizer, lap);
    if (better !== undefined) {
      const turned = await read(layout, better, scale, recognizer, lap);
      if (turned.page.confidence > best.page.confidence) best = turned;
    }
  }

  if (!flattened && best.page.confidence < FADED_CONFIDENCE) {
    const flatImage = flattenLighting(image);
    if (flatteningChange(image, flatImage) >= MIN_FLATTENING_CHANGE) {
      const flat = await read({ ...layout, image: flatImage }, best.turn, scale, recognizer, lap);
      if (flat.page.confidence >= best.page.confidence + FLATTENED_GAIN) best = flat;
    }
  }
  return best;
}
