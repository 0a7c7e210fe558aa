/**
 * Where the receipt is in a photo or on a scanned page, from a small (about 800 px) copy: the paper is the
 * largest region clearly brighter than the surface around it (whose level the image border gives), its outline
 * a hull, a minimum-area rectangle, then one straight-line fit per edge so that a receipt photographed at an
 * angle gets its perspective quadrilateral. When the paper cannot be told from the surface (a white receipt on a
 * white page), the printed ink is boxed instead. When neither is sure, nothing is cropped.
 */

import { printAngle } from '../layout.js';
import { type Component, connectedComponents } from './components.js';
import {
  convexHull,
  cornerAngles,
  distanceToLine,
  fitLine,
  intersect,
  type Line,
  minAreaRectangle,
  orderCorners,
  type Point,
  polygonArea,
  type Quad,
  quarterFold,
} from './geometry.js';
import { boxBlur, luminance, percentile, type RasterImage } from './raster.js';

export interface ReceiptOutline {
  /** Corners on the small copy's pixel grid, top-left first, clockwise. */
  readonly quad: Quad;
  /** 'paper': the sheet's edges were found; 'ink': the printed area on a surface as bright as the paper. */
  readonly method: 'paper' | 'ink';
}

/** Paper must be at least this much brighter (gray levels) than the surface around it to be told apart. */
const MIN_CONTRAST = 24;
/**
 * Where between the surface's and the paper's gray level the paper starts: low, because light falling off
 * across a photo leaves the far end of a receipt much darker than its near end.
 */
const PAPER_THRESHOLD = 0.35;
/** The outline must fill this share of its quadrilateral (less: a shadow, a hand or a second sheet joined in). */
const MIN_FILL = 0.82;
/** A region smaller than this share of the image is not the receipt (a label, a reflection). */
const MIN_COVERAGE = 0.03;
/**
 * A quadrilateral covering this much of the image is the image: nothing to crop. Paper a little smaller than
 * the image is still cut out: a scan framed by dark strips of the scanner lid reads as nothing with the strips
 * in (measured on one dev scan: every field lost).
 */
const MAX_COVERAGE = 0.99;
/** Corners further than this from square are not a photographed rectangle (degrees). */
const MAX_CORNER_ERROR = 25;

/** Another sheet counts as a receipt of its own when it is at least this share of the largest one's area. */
const MIN_SHARE_OF_LARGEST = 0.25;
/** At most this many receipts are looked for in one photo. */
const MAX_RECEIPTS = 4;

/**
 * The receipts in the image, largest first: one for a photo or page of one receipt, several when sheets lie
 * apart on a table, none when the receipt is the whole image or nothing is sure.
 */
export function findReceipts(image: RasterImage): ReceiptOutline[] {
  const { width, height } = image;
  const sharp = luminance(image);
  const gray = boxBlur(sharp, width, height, 2);
  const surface = borderLevel(gray, width, height);
  const paper = percentile(gray, 0.98);
  if (paper - surface >= MIN_CONTRAST) {
    const outlines = paperOutlines(gray, width, height, surface + (paper - surface) * PAPER_THRESHOLD);
    const [only] = outlines;
    if (outlines.length !== 1 || only === undefined)
      return outlines.map((quad) => ({ quad, method: 'paper' }));
    // One receipt: a side in shadow is pushed out to the border (with several, it would run into the next).
    const quad = extendSoftSides(only, gray, width, height, paper - surface);
    return quad === undefined ? [] : [{ quad, method: 'paper' }];
  }
  const print = inkOutline(sharp, width, height);
  return print === undefined ? [] : [{ quad: print, method: 'ink' }];
}

export function findReceipt(image: RasterImage): ReceiptOutline | undefined {
  return findReceipts(image)[0];
}

/** The surface's gray level: the median of a thin ring along the image border. */
function borderLevel(gray: Uint8Array, width: number, height: number): number {
  const ring = Math.max(2, Math.round(Math.min(width, height) * 0.02));
  const values: number[] = [];
  for (let y = 0; y < height; y += 1) {
    const edgeRow = y < ring || y >= height - ring;
    for (let x = 0; x < width; x += 1) {
      if (edgeRow || x < ring || x >= width - ring) values.push(gray[y * width + x] ?? 0);
      else x = width - ring - 1;
    }
  }
  return percentile(values, 0.5);
}

/**
 * A component's outline: the leftmost and rightmost pixel of each row and the top and bottom of each column,
 * and the area inside it with the holes (printed text) filled, the row spans added up.
 */
function outline(labels: Int32Array, width: number, c: Component): { points: Point[]; filledArea: number } {
  const points: Point[] = [];
  let filledArea = 0;
  const span = (count: number, at: (k: number, j: number) => number, j: number) => {
    let first = -1;
    let last = -1;
    for (let k = 0; k < count; k += 1) {
      if (labels[at(k, j)] !== c.label) continue;
      if (first < 0) first = k;
      last = k;
    }
    return { first, last };
  };
  for (let y = c.top; y < c.bottom; y += 1) {
    const { first, last } = span(c.right - c.left, (k, row) => row * width + c.left + k, y);
    if (first < 0) continue;
    points.push({ x: c.left + first, y: y + 0.5 }, { x: c.left + last + 1, y: y + 0.5 });
    filledArea += last - first + 1;
  }
  for (let x = c.left; x < c.right; x += 1) {
    const { first, last } = span(c.bottom - c.top, (k, column) => (c.top + k) * width + column, x);
    if (first >= 0) points.push({ x: x + 0.5, y: c.top + first }, { x: x + 0.5, y: c.top + last + 1 });
  }
  return { points, filledArea };
}

/**
 * Quadrilaterals of the bright regions that look like sheets of paper, largest first. Empty when the largest
 * region is not one (a bright table, a receipt touching a white object): nothing is cropped then.
 */
function paperOutlines(gray: Uint8Array, width: number, height: number, threshold: number): Quad[] {
  const mask = new Uint8Array(gray.length);
  for (let i = 0; i < gray.length; i += 1) mask[i] = (gray[i] ?? 0) > threshold ? 1 : 0;
  const { labels, components } = connectedComponents(mask, width, height, false);
  const bySize = [...components].sort((a, b) => b.area - a.area);
  const largest = bySize[0];
  if (largest === undefined) return [];
  const quads: Quad[] = [];
  for (const component of bySize.slice(0, MAX_RECEIPTS)) {
    if (component.area < MIN_SHARE_OF_LARGEST * largest.area) break;
    const quad = sheetOutline(labels, width, height, component);
    if (quad === undefined && component === largest) return [];
    if (quad !== undefined) quads.push(quad);
  }
  return quads;
}

/** A component's quadrilateral when it passes for a sheet: size, fill and square corners. */
function sheetOutline(
  labels: Int32Array,
  width: number,
  height: number,
  component: Component,
): Quad | undefined {
  const { points, filledArea } = outline(labels, width, component);
  const rectangle = minAreaRectangle(convexHull(points));
  const quad = refineEdges(rectangle.corners, points);
  const area = polygonArea(quad);
  const imageArea = width * height;
  if (area < MIN_COVERAGE * imageArea || area > MAX_COVERAGE * imageArea) return undefined;
  if (filledArea / area < MIN_FILL) return undefined;
  if (cornerAngles(quad).some((angle) => Math.abs(angle - 90) > MAX_CORNER_ERROR)) return undefined;
  return quad;
}

/**
 * Moves each side of the bounding rectangle onto the outline points along it: a straight-line fit of the
 * points near the side's middle (corners may be rounded or dog-eared), then the fitted lines' crossings.
 * Keeps the rectangle's side where too few points support a fit.
 */
function refineEdges(rectangle: Quad, points: readonly Point[]): Quad {
  const shortSide = Math.min(
    Math.hypot(rectangle[1].x - rectangle[0].x, rectangle[1].y - rectangle[0].y),
    Math.hypot(rectangle[3].x - rectangle[0].x, rectangle[3].y - rectangle[0].y),
  );
  const tolerance = Math.max(2, shortSide * 0.06);
  const lines: Line[] = [];
  for (let i = 0; i < 4; i += 1) {
    const a = rectangle[i] as Point;
    const b = rectangle[(i + 1) % 4] as Point;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const side: Line = { point: a, direction: { x: (b.x - a.x) / length, y: (b.y - a.y) / length } };
    const near = points.filter((p) => {
      const along = ((p.x - a.x) * side.direction.x + (p.y - a.y) * side.direction.y) / length;
      return along > 0.15 && along < 0.85 && distanceToLine(p, side) <= tolerance;
    });
    lines.push((near.length >= 8 ? fitLine(near) : undefined) ?? side);
  }
  const corners: Point[] = [];
  for (let i = 0; i < 4; i += 1) {
    const corner = intersect(lines[(i + 3) % 4] as Line, lines[i] as Line);
    const fallback = rectangle[i] as Point;
    // A crossing far from the rectangle's corner comes from a bad fit (a torn or curled edge).
    const ok =
      corner !== undefined && Math.hypot(corner.x - fallback.x, corner.y - fallback.y) < shortSide * 0.2;
    corners.push(ok ? corner : fallback);
  }
  return orderCorners(corners);
}

/** Sample offsets across a side (small-copy pixels): just past the blur, and well away from the edge. */
const NEAR = 4;
const FAR = 12;
/** A real paper edge makes most of its step within NEAR: a shadow or light falling off spreads it out. */
const MIN_SHARPNESS = 0.55;

/**
 * How side i steps from paper to what lies outside: the median step across +-NEAR and across +-FAR, over
 * points along the side's middle. Undefined along the image border (the receipt runs out of the picture).
 */
export function edgeSteps(
  quad: Quad,
  side: number,
  gray: Uint8Array,
  width: number,
  height: number,
): { near: number; far: number } | undefined {
  const a = quad[side] as Point;
  const b = quad[(side + 1) % 4] as Point;
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const normal = { x: (b.y - a.y) / length, y: -(b.x - a.x) / length };
  const at = (x: number, y: number, d: number) => {
    const px = Math.round(x + normal.x * d);
    const py = Math.round(y + normal.y * d);
    return px < 0 || py < 0 || px >= width || py >= height ? undefined : gray[py * width + px];
  };
  const near: number[] = [];
  const far: number[] = [];
  for (let k = 1; k < 20; k += 1) {
    const t = 0.1 + (0.8 * k) / 20;
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    const values = [at(x, y, -FAR), at(x, y, -NEAR), at(x, y, NEAR), at(x, y, FAR)];
    if (values.some((v) => v === undefined)) continue;
    const [farIn, nearIn, nearOut, farOut] = values as number[];
    near.push((nearIn as number) - (nearOut as number));
    far.push((farIn as number) - (farOut as number));
  }
  if (near.length < 5) return undefined;
  const middle = (values: number[]) => values.sort((p, q) => p - q)[values.length >> 1] as number;
  return { near: middle(near), far: middle(far) };
}

/**
 * A side without a sharp step from paper to surface is not the paper's edge but light falling off across it
 * (a shadow over the bottom of a long receipt): that side moves out to the image border, along its
 * neighbours, so the crop keeps the rest of the receipt. Undefined when no side is a real edge.
 */
function extendSoftSides(
  quad: Quad,
  gray: Uint8Array,
  width: number,
  height: number,
  contrast: number,
): Quad | undefined {
  const corners = [...quad];
  let real = 0;
  for (let side = 0; side < 4; side += 1) {
    const steps = edgeSteps(quad, side, gray, width, height);
    if (steps === undefined || (steps.near >= MIN_SHARPNESS * steps.far && steps.near >= 0.1 * contrast)) {
      real += 1;
      continue;
    }
    const start = side;
    const end = (side + 1) % 4;
    corners[start] = toBorder(quad[(start + 3) % 4] as Point, quad[start] as Point, width, height);
    corners[end] = toBorder(quad[(end + 1) % 4] as Point, quad[end] as Point, width, height);
  }
  return real >= 2 ? (corners as unknown as Quad) : undefined;
}

/** Continues the ray from `from` through `through` to where it leaves the image. */
function toBorder(from: Point, through: Point, width: number, height: number): Point {
  const dx = through.x - from.x;
  const dy = through.y - from.y;
  let t = Number.POSITIVE_INFINITY;
  if (dx > 0) t = Math.min(t, (width - from.x) / dx);
  if (dx < 0) t = Math.min(t, -from.x / dx);
  if (dy > 0) t = Math.min(t, (height - from.y) / dy);
  if (dy < 0) t = Math.min(t, -from.y / dy);
  if (!Number.isFinite(t) || t < 1) return through;
  return { x: from.x + dx * t, y: from.y + dy * t };
}

/** An ink crop must leave out at least half the image: trimming a scan's margins gains nothing, risks text. */
const MAX_INK_COVERAGE = 0.5;
/** ...unless the print lies at an angle: then the crop also levels it before any downscaling. */
const MAX_TURNED_INK_COVERAGE = 0.9;
const MIN_INK_ANGLE = 3;
/** Ink clusters this many cells from the print already taken belong to it (a header above a gap). */
const INK_REACH = 2;
/** Clusters of at least this share of the heaviest one's ink are text, not dust... */
const TEXT_CLUSTER = 0.02;
/** ...and belong to the print within this share of the image's longer side. */
const TEXT_REACH = 0.15;

/**
 * The printed area, padded, when the paper is as bright as what it lies on (a receipt on a white page or
 * scanner bed). Ink is what is darker than its neighbourhood (faint thermal print included), counted on a
 * coarse grid of cells so that the lines of a receipt join into clusters while dust on the page stays in
 * clusters of its own: the heavy clusters and those within reach of them make the print, and its
 * minimum-area rectangle (turned with the receipt) is the crop. Undefined when the print spreads over most
 * of the image.
 */
function inkOutline(gray: Uint8Array, width: number, height: number): Quad | undefined {
  const mean = boxBlur(gray, width, height, 8);
  const cell = Math.max(4, Math.round(Math.min(width, height) / 50));
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const counts = new Uint32Array(columns * rows);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      const local = mean[i] ?? 0;
      if (local - (gray[i] ?? 0) > Math.max(12, local * 0.1)) {
        const c = Math.floor(y / cell) * columns + Math.floor(x / cell);
        counts[c] = (counts[c] ?? 0) + 1;
      }
    }
  }
  const inked = new Uint8Array(counts.length);
  for (let c = 0; c < counts.length; c += 1) inked[c] = (counts[c] ?? 0) >= 2 ? 1 : 0;
  const { labels, components } = connectedComponents(inked, columns, rows);
  const print = printClusters(components, labels, counts, { columns, rows });
  if (print.size === 0) return undefined;
  // The cells' outline gives the print's angle roughly (measured 0.6 degrees off on a receipt turned 4); its
  // own ink pixels' lines, searched within a degree and a half of it, to half a degree.
  const cells: Point[] = [];
  for (let c = 0; c < labels.length; c += 1) {
    if (!print.has(labels[c] ?? 0)) continue;
    const x = (c % columns) * cell;
    const y = Math.floor(c / columns) * cell;
    cells.push({ x, y }, { x: x + cell, y }, { x, y: y + cell }, { x: x + cell, y: y + cell });
  }
  const rough = tilt(minAreaRectangle(convexHull(cells)).corners);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      const i = y * width + x;
      const local = mean[i] ?? 0;
      if (local - (gray[i] ?? 0) <= Math.max(12, local * 0.1)) continue;
      if (!print.has(labels[Math.floor(y / cell) * columns + Math.floor(x / cell)] ?? 0)) continue;
      xs.push(x + 0.5);
      ys.push(y + 0.5);
    }
  }
  if (xs.length < 100) return undefined;
  const degrees = printAngle(
    Float64Array.from(xs),
    Float64Array.from(ys),
    new Float64Array(2 * (width + height) + 4),
    rough,
  );
  const quad = padded(boundsAt(xs, ys, degrees), Math.round(Math.min(width, height) * 0.02));
  const share = polygonArea(quad) / (width * height);
  const turned = Math.abs(tilt(quad)) >= MIN_INK_ANGLE;
  if (share > (turned ? MAX_TURNED_INK_COVERAGE : MAX_INK_COVERAGE)) return undefined;
  return quad;
}

/**
 * Labels of the clusters that make the print: the heavy ones, any within INK_REACH cells of those, and any
 * cluster of text (not dust) within a wider reach: a bold header above a gap, or a price column set apart from
 * the descriptions, belongs to the receipt. Leaving such a cluster out cuts text off; taking in a note
 * beside the receipt only reads a little more page.
 */
function printClusters(
  components: readonly Component[],
  labels: Int32Array,
  counts: Uint32Array,
  grid: { readonly columns: number; readonly rows: number },
): Set<number> {
  const weights = new Float64Array(components.length + 1);
  for (let c = 0; c < counts.length; c += 1) {
    const label = labels[c] ?? 0;
    weights[label] = (weights[label] ?? 0) + (counts[c] ?? 0);
  }
  const heaviest = Math.max(0, ...weights.subarray(1));
  const print = new Set(
    components.filter((c) => (weights[c.label] ?? 0) >= 0.15 * heaviest).map((c) => c.label),
  );
  if (heaviest === 0) return new Set();
  const within = (a: Component, b: Component, reach: number) =>
    a.left - reach <= b.right &&
    b.left <= a.right + reach &&
    a.top - reach <= b.bottom &&
    b.top <= a.bottom + reach;
  const textReach = Math.max(INK_REACH, Math.round(TEXT_REACH * Math.max(grid.columns, grid.rows)));
  const reachOf = (c: Component) =>
    (weights[c.label] ?? 0) >= TEXT_CLUSTER * heaviest ? textReach : INK_REACH;
  for (let grown = true; grown; ) {
    grown = false;
    for (const c of components) {
      if (print.has(c.label)) continue;
      if (components.some((p) => print.has(p.label) && within(p, c, reachOf(c)))) {
        print.add(c.label);
        grown = true;
      }
    }
  }
  return print;
}

/** The rectangle turned `degrees` (y down, clockwise) that bounds the points. */
function boundsAt(xs: readonly number[], ys: readonly number[], degrees: number): Quad {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  let u0 = Number.POSITIVE_INFINITY;
  let u1 = Number.NEGATIVE_INFINITY;
  let v0 = Number.POSITIVE_INFINITY;
  let v1 = Number.NEGATIVE_INFINITY;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    const u = x * cos + y * sin;
    const v = -x * sin + y * cos;
    u0 = Math.min(u0, u - 1);
    u1 = Math.max(u1, u + 1);
    v0 = Math.min(v0, v - 1);
    v1 = Math.max(v1, v + 1);
  });
  const at = (u: number, v: number): Point => ({ x: u * cos - v * sin, y: u * sin + v * cos });
  return orderCorners([at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)]);
}

/** A rectangle (corners in order) grown by `pad` on every side. */
function padded(quad: Quad, pad: number): Quad {
  const [tl, tr, , bl] = quad;
  const along = Math.hypot(tr.x - tl.x, tr.y - tl.y) || 1;
  const down = Math.hypot(bl.x - tl.x, bl.y - tl.y) || 1;
  const u = { x: ((tr.x - tl.x) / along) * pad, y: ((tr.y - tl.y) / along) * pad };
  const v = { x: ((bl.x - tl.x) / down) * pad, y: ((bl.y - tl.y) / down) * pad };
  const signs: [number, number][] = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ];
  return quad.map((p, i) => {
    const [su, sv] = signs[i] as [number, number];
    return { x: p.x + su * u.x + sv * v.x, y: p.y + su * u.y + sv * v.y };
  }) as unknown as Quad;
}

/** How far the quad's top edge is turned from level, in degrees (-45..45). */
function tilt(quad: Quad): number {
  const degrees = (Math.atan2(quad[1].y - quad[0].y, quad[1].x - quad[0].x) * 180) / Math.PI;
  return quarterFold(degrees);
}
