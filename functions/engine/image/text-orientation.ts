/**
 * Which way the text runs, from the geometry of its ink, before any recognition:
 *
 * - Axis: single glyphs (caps, digits, letters) are taller than wide, so their median height/width says
 *   whether the lines run across or down the page. Where it is near 1 (a wide font, letters run together) the
 *   neighbours' alignment leans one way (glyphs along a line share top and bottom), without settling it:
 *   monospace columns align too. (Row against column projection profiles could not decide either:
 *   right-aligned prices make column profiles as spiky as row profiles.)
 * - Up or down: a full stop or a comma between two glyphs sits on the baseline, at the bottom of the line
 *   (prices: every receipt has them); in mixed-case text the glyphs' bottoms line up on the baseline while their
 *   tops split between x-height and ascenders. Turned upside down, both cues flip.
 *
 * The engine follows a sure answer and lets recognition confidence break the tie otherwise (read-upright.ts).
 */
import type { GrayImage } from '../preprocess.js';
import { findGlyphs, type Glyph, inkWindow } from './glyphs.js';

export type QuarterTurn = 0 | 90 | 180 | 270;

export interface TextOrientation {
  /** Clockwise quarter turn that makes the text upright. */
  readonly turn: QuarterTurn;
  /** Whether the line direction was clear (horizontal vs vertical). */
  readonly axisSure: boolean;
  /** Whether up vs down was clear. */
  readonly flipSure: boolean;
  /** The counts behind the answer (aligned neighbour pairs; baseline votes), for logs and tests. */
  readonly evidence: {
    /** Median height over width of single glyphs: above 1 upright or upside down, below 1 turned a quarter. */
    readonly aspect: number;
    readonly along: number;
    readonly across: number;
    readonly up: number;
    readonly down: number;
  };
}

/**
 * Baseline votes one way must outnumber the other by this factor, with at least MIN_VOTES, for a sure flip
 * (one photo turned a quarter voted 18 to 6 the wrong way; right answers mostly vote 4:1 and more).
 */
const FLIP_RATIO = 3.5;
const MIN_VOTES = 6;
/** A single glyph's box is at most this many times longer one way than the other. */
const SINGLE = 2.5;
/** Median glyph height over width beyond this (or below its inverse) settles the lines' direction... */
const CLEAR_ASPECT = 1.4;
/** ...and beyond this, when the glyphs' alignment does not clearly say otherwise. */
const ASPECT_RATIO = 1.15;
/** Aligned neighbours one way this many times those the other way, and at least MIN_ALIGNED, clearly say so. */
const ALIGN_RATIO = 3;
const MIN_ALIGNED = 10;
const MIN_VETO = 5;
const MIN_SINGLES = 20;
const MIN_LINE_GLYPHS = 4;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

function weightedMedian(items: readonly { value: number; weight: number }[]): number {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const half = sorted.reduce((sum, item) => sum + item.weight, 0) / 2;
  let seen = 0;
  for (const item of sorted) {
    seen += item.weight;
    if (seen >= half) return item.value;
  }
  return 1;
}

const width = (g: Glyph) => g.u1 - g.u0;
const height = (g: Glyph) => g.v1 - g.v0;

/** Glyph-sized blobs (not specks, rules or logos) and their typical short side. */
/** A blob whose box is smaller than this (pixels) is a speck (paper grain, cloth, noise), not a glyph. */
const MIN_GLYPH_BOX = 30;

/** Glyph-sized blobs (not specks, rules or logos) and their typical short side. */
function glyphLike(glyphs: readonly Glyph[]): { glyphs: Glyph[]; size: number } {
  const candidates = glyphs.filter((g) => g.area >= 6 && width(g) * height(g) >= MIN_GLYPH_BOX);
  // The typical size from glyph-shaped blobs: the dashes of a separator line outnumber letters on some receipts.
  const size = median(
    candidates
      .filter((g) => Math.max(width(g), height(g)) <= 3 * Math.min(width(g), height(g)))
      .map((g) => Math.min(width(g), height(g))),
  );
  const kept = candidates.filter((g) => {
    const short = Math.min(width(g), height(g));
    return short >= size * 0.5 && short <= size * 2.5 && Math.max(width(g), height(g)) <= size * 12;
  });
  return { glyphs: kept, size };
}

/** Buckets glyphs on a grid so that neighbours are found without comparing every pair. */
function grid(glyphs: readonly Glyph[], cell: number): (u: number, v: number) => readonly number[] {
  const cells = new Map<number, number[]>();
  // Frame coordinates may be negative (turned frames): offset the cell indices into a positive key.
  const key = (cu: number, cv: number) => (cu + 50_000) * 100_000 + (cv + 50_000);
  glyphs.forEach((g, i) => {
    const k = key(Math.floor(g.u0 / cell), Math.floor(g.v0 / cell));
    const list = cells.get(k);
    if (list) list.push(i);
    else cells.set(k, [i]);
  });
  return (cu, cv) => cells.get(key(cu, cv)) ?? [];
}

interface Pairs {
  /** Index pairs of glyphs next to each other along u whose tops and bottoms match. */
  readonly aligned: [number, number][];
}

/**
 * For each glyph, its nearest neighbour in +u (overlapping in v, a small gap away); the pair counts when both
 * v edges match within `tolerance`.
 */
function alignedNeighbours(glyphs: readonly Glyph[], size: number): Pairs {
  const cell = size * 3;
  const cells = grid(glyphs, cell);
  const tolerance = Math.max(1, size * 0.1);
  const aligned: [number, number][] = [];
  glyphs.forEach((a, i) => {
    const cu = Math.floor(a.u0 / cell);
    const cv = Math.floor(a.v0 / cell);
    let best = -1;
    let bestGap = Number.POSITIVE_INFINITY;
    for (let du = -1; du <= 2; du += 1) {
      for (let dv = -1; dv <= 1; dv += 1) {
        for (const j of cells(cu + du, cv + dv)) {
          if (j === i) continue;
          const b = glyphs[j] as Glyph;
          const gap = b.u0 - a.u1;
          if (b.u0 <= a.u0 || gap < -size * 0.15 || gap > size * 1.2) continue;
          const overlap = Math.min(a.v1, b.v1) - Math.max(a.v0, b.v0);
          if (overlap < 0.5 * Math.min(height(a), height(b))) continue;
          if (gap < bestGap) {
            bestGap = gap;
            best = j;
          }
        }
      }
    }
    if (best < 0) return;
    const b = glyphs[best] as Glyph;
    if (Math.abs(a.v0 - b.v0) <= tolerance && Math.abs(a.v1 - b.v1) <= tolerance) aligned.push([i, best]);
  });
  return { aligned };
}

/** The frame turned a quarter: u along what was v, so vertical lines become horizontal. */
function quarterTurned(glyphs: readonly Glyph[]): Glyph[] {
  return glyphs.map((g) => ({ u0: g.v0, u1: g.v1, v0: -g.u1, v1: -g.u0, area: g.area }));
}

interface Line {
  u0: number;
  u1: number;
  top: number;
  bottom: number;
}

const centre = (g: Glyph) => (g.v0 + g.v1) / 2;

/**
 * Lines as bands of glyph centres: glyphs sorted across the lines, a new line wherever the next centre lies
 * more than half a glyph height from the current line's mean. Each line's body is its glyphs' median top and
 * bottom, so a label and its price far apart on a receipt row are one line.
 */
function linesByBand(glyphs: readonly Glyph[]): Line[] {
  const glyphHeight = median(glyphs.map(height));
  const lines: Line[] = [];
  const close = (members: Glyph[]) => {
    if (members.length < MIN_LINE_GLYPHS) return;
    lines.push({
      u0: Math.min(...members.map((g) => g.u0)),
      u1: Math.max(...members.map((g) => g.u1)),
      top: median(members.map((g) => g.v0)),
      bottom: median(members.map((g) => g.v1)),
    });
  };
  let members: Glyph[] = [];
  let sum = 0;
  for (const g of [...glyphs].sort((a, b) => centre(a) - centre(b))) {
    if (members.length > 0 && centre(g) - sum / members.length > glyphHeight / 2) {
      close(members);
      members = [];
      sum = 0;
    }
    members.push(g);
    sum += centre(g);
  }
  close(members);
  return lines;
}

/**
 * Baseline votes: small round blobs between glyphs (not above or below one, as the dot of an i or an umlaut
 * is) sitting low in a line's body vote upright, high ones upside down; so do lines whose glyph bottoms line up
 * better than their tops, and the reverse.
 */
function baselineVotes(
  all: readonly Glyph[],
  glyphs: readonly Glyph[],
  lines: readonly Line[],
  size: number,
) {
  let up = 0;
  let down = 0;
  // Full stops and commas: small, roundish blobs (not glyphs, not specks).
  const dots = all.filter((dot) => {
    const w = width(dot);
    const h = height(dot);
    return dot.area >= 2 && Math.max(w, h) <= size * 1.2 && Math.max(w, h) <= 2.5 * Math.min(w, h);
  });
  for (const line of lines) {
    const body = line.bottom - line.top;
    if (body <= 0) continue;
    const members = glyphs.filter(
      (g) =>
        g.u0 >= line.u0 && g.u1 <= line.u1 && (g.v0 + g.v1) / 2 > line.top && (g.v0 + g.v1) / 2 < line.bottom,
    );
    const off = (values: number[], edge: number) =>
      values.filter((v) => Math.abs(v - edge) > body * 0.2).length;
    const raggedTop = off(
      members.map((g) => g.v0),
      line.top,
    );
    const raggedBottom = off(
      members.map((g) => g.v1),
      line.bottom,
    );
    if (raggedTop >= raggedBottom + 2 && raggedTop >= 2 * raggedBottom) up += 1;
    if (raggedBottom >= raggedTop + 2 && raggedBottom >= 2 * raggedTop) down += 1;
    // Everything on the line's body, narrow strokes (the stem of an i) and the dots themselves included.
    const onLine = all.filter((g) => {
      const centre = (g.v0 + g.v1) / 2;
      return g.u1 > line.u0 && g.u0 < line.u1 && centre > line.top && centre < line.bottom;
    });
    for (const dot of dots) {
      if (dot.u0 < line.u0 || dot.u1 > line.u1 || Math.max(width(dot), height(dot)) > body * 0.5) continue;
      const centre = ((dot.v0 + dot.v1) / 2 - line.top) / body;
      if (centre < -0.4 || centre > 1.4) continue;
      // Something above or below it: the dot of an i, an umlaut, a colon's other half.
      if (onLine.some((g) => g !== dot && g.u0 < dot.u1 && dot.u0 < g.u1)) continue;
      if (centre > 0.65) up += 1;
      else if (centre < 0.35) down += 1;
    }
  }
  return { up, down };
}

/**
 * Lines across (horizontal) or down the page. A clear aspect settles it (photos: glyphs 1.6-2.0 times taller
 * than wide, while run-together letters and monospace columns make the alignment counts close) unless the
 * alignment says the opposite at 3 to 1; a moderate aspect settles it only when the alignment does not
 * clearly disagree. One dev scan's thermal print breaks into stroke fragments that measure 0.45 upright: there
 * the alignment (7 pairs to none) is the only sign, and it only leans.
 */
function lineAxis(aspect: number, singles: number, along: number, across: number) {
  const lean = Math.abs(Math.log(aspect));
  const aligned = (min: number) =>
    along >= ALIGN_RATIO * across && along >= min
      ? 'across'
      : across >= ALIGN_RATIO * along && across >= min
        ? 'down'
        : undefined;
  const byAspect = aspect > 1 ? 'across' : 'down';
  const clear = singles >= MIN_SINGLES && lean >= Math.log(CLEAR_ASPECT);
  const moderate = singles >= MIN_SINGLES && lean >= Math.log(ASPECT_RATIO);
  // A clear aspect is vetoed by a small lopsided alignment, a moderate one needs less to disagree with it.
  const against = aligned(clear ? MIN_VETO : MIN_ALIGNED);
  if ((clear || moderate) && (against === undefined || against === byAspect)) {
    return { horizontal: aspect > 1, axisSure: true };
  }
  const leaning = aligned(1);
  return { horizontal: leaning === undefined ? along >= across : leaning === 'across', axisSure: false };
}

/**
 * The quarter turn that makes `image` (at reading resolution) upright; `angleDegrees` is its lines' angle
 * (layout.ts), so that glyph edges are compared along the lines even on a crooked page.
 */
export function measureOrientation(image: GrayImage, angleDegrees: number): TextOrientation {
  const ink = inkWindow(image);
  const all = findGlyphs(ink, angleDegrees);
  const { glyphs, size } = glyphLike(all);
  // Single glyphs: not runs of letters merged into one blob (a word, a price) or lines merged by a photo's
  // blur. Upright glyphs are taller than wide (median 1.0-2.0 on the dev scans and phone photos measured,
  // 0.5-1.02 turned a quarter), the plainest cue to the lines' direction.
  const single = glyphs.filter(
    (g) => Math.max(width(g), height(g)) <= SINGLE * Math.min(width(g), height(g)),
  );
  // Weighted by box area: a separator line's many small dashes (wide, thin) must not outvote the letters.
  const aspect = weightedMedian(
    single.map((g) => ({ value: height(g) / width(g), weight: width(g) * height(g) })),
  );
  const along = alignedNeighbours(single, size);
  const across = alignedNeighbours(quarterTurned(single), size);
  const turnedGlyphs = quarterTurned(glyphs);
  const { horizontal, axisSure } = lineAxis(
    aspect,
    single.length,
    along.aligned.length,
    across.aligned.length,
  );
  const frameGlyphs = horizontal ? glyphs : turnedGlyphs;
  const frameAll = horizontal ? all : quarterTurned(all);
  const lines = linesByBand(frameGlyphs);
  const { up, down } = baselineVotes(frameAll, frameGlyphs, lines, size);
  const flipSure = Math.max(up, down) >= MIN_VOTES && Math.max(up, down) >= FLIP_RATIO * Math.min(up, down);
  // Unsure about a page with level lines: most are the right way up (a scan, a photo EXIF already turned).
  const flipped = (flipSure || !horizontal) && down > up;
  // Vertical lines are read in the frame turned a quarter counter-clockwise: upright there needs 270 degrees.
  const base = horizontal ? 0 : 270;
  const turn = ((base + (flipped ? 180 : 0)) % 360) as QuarterTurn;
  return {
    turn,
    axisSure,
    flipSure,
    evidence: {
      aspect: Number(aspect.toFixed(2)),
      along: along.aligned.length,
      across: across.aligned.length,
      up,
      down,
    },
  };
}
