/**
 * The ink blobs of a page (glyphs, words, punctuation) with their extents measured along and across the text
 * lines, for the orientation check (text-orientation.ts). Works on a window of the page at reading resolution:
 * the dots and commas it looks at are only a few pixels wide there.
 */
import type { GrayImage } from '../preprocess.js';
import { connectedComponents } from './components.js';
import { boxBlur } from './raster.js';

/** Extents of one blob in a frame turned by the text angle: u along the lines, v across them. */
export interface Glyph {
  readonly u0: number;
  readonly u1: number;
  readonly v0: number;
  readonly v1: number;
  readonly area: number;
}

/** At most this many pixels are analysed: a window across the middle of the page. */
const MAX_WINDOW_PIXELS = 600_000;
/** Ink is darker than its neighbourhood's mean by this share (adaptive: faded paper and shadows). */
const INK_CONTRAST = 0.12;
const MIN_INK_STEP = 8;

export interface InkWindow {
  readonly mask: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Side of the blocks whose mean brightness the ink is compared with: a few glyphs across. */
const BLOCK = 32;

/**
 * Ink pixels of a window centred on the page, thresholded against the mean of the surrounding blocks (faded
 * paper and shadows are still read; a per-pixel moving mean measured twice the cost for the same answers).
 */
export function inkWindow(image: GrayImage): InkWindow {
  const shorter = Math.min(image.width, image.height);
  const longer = Math.min(
    Math.max(image.width, image.height),
    Math.max(shorter, Math.floor(MAX_WINDOW_PIXELS / shorter)),
  );
  const width = image.width <= image.height ? image.width : longer;
  const height = image.width <= image.height ? longer : image.height;
  const left = Math.floor((image.width - width) / 2);
  const top = Math.floor((image.height - height) / 2);
  const columns = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const sums = new Float64Array(columns * rows);
  const counts = new Float64Array(columns * rows);
  for (let y = 0; y < height; y += 1) {
    const from = (top + y) * image.width + left;
    const blockRow = Math.floor(y / BLOCK) * columns;
    for (let x = 0; x < width; x += 1) {
      const block = blockRow + Math.floor(x / BLOCK);
      sums[block] = (sums[block] as number) + (image.data[from + x] as number);
      counts[block] = (counts[block] as number) + 1;
    }
  }
  const means = new Uint8Array(columns * rows);
  for (let b = 0; b < means.length; b += 1) means[b] = (sums[b] as number) / (counts[b] as number);
  // Each block's level from its neighbours too: a block full of print is darker than the paper around it.
  const smooth = boxBlur(means, columns, rows, 1);
  const limits = new Uint8Array(smooth.length);
  for (let b = 0; b < limits.length; b += 1) {
    const local = smooth[b] as number;
    limits[b] = Math.max(0, local - Math.max(MIN_INK_STEP, local * INK_CONTRAST));
  }
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const from = (top + y) * image.width + left;
    const blockRow = Math.floor(y / BLOCK) * columns;
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      mask[row + x] =
        (image.data[from + x] as number) < (limits[blockRow + Math.floor(x / BLOCK)] as number) ? 1 : 0;
    }
  }
  return { mask, width, height };
}

/** Blobs of the window with their extents in the frame turned `degrees` (the lines' direction, y down). */
export function findGlyphs(ink: InkWindow, degrees: number): Glyph[] {
  const { labels, components } = connectedComponents(ink.mask, ink.width, ink.height);
  // Level lines (most scans): the boxes are the extents, no second pass needed.
  if (Math.abs(degrees) < 0.25) {
    return components.map((c) => ({ u0: c.left, u1: c.right, v0: c.top, v1: c.bottom, area: c.area }));
  }
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const n = components.length;
  const u0 = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const u1 = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const v0 = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const v1 = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (let y = 0; y < ink.height; y += 1) {
    for (let x = 0; x < ink.width; x += 1) {
      const label = labels[y * ink.width + x] as number;
      if (label === 0) continue;
      const i = label - 1;
      // Pixel centres; a pixel spans half a unit either way.
      const u = (x + 0.5) * cos + (y + 0.5) * sin;
      const v = -(x + 0.5) * sin + (y + 0.5) * cos;
      if (u < (u0[i] as number)) u0[i] = u;
      if (u > (u1[i] as number)) u1[i] = u;
      if (v < (v0[i] as number)) v0[i] = v;
      if (v > (v1[i] as number)) v1[i] = v;
    }
  }
  return components.map((c, i) => ({
    u0: (u0[i] as number) - 0.5,
    u1: (u1[i] as number) + 0.5,
    v0: (v0[i] as number) - 0.5,
    v1: (v1[i] as number) + 0.5,
    area: c.area,
  }));
}
