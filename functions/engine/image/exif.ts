/**
 * EXIF orientation as a mapping between the stored pixel grid and the upright one. The loader finds and
 * warps the receipt in stored pixels (so that sharp can still shrink a JPEG while decoding it: it cannot
 * when asked to rotate first) and reports the crop in upright pixels.
 */
import type { Point } from './geometry.js';

export interface Frame {
  /** Stored size, as the file holds the pixels. */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1-8 (1: already upright). */
  readonly orientation: number;
}

/** Orientations 5-8 swap width and height. */
export function uprightSize(frame: Frame): { width: number; height: number } {
  return frame.orientation >= 5
    ? { width: frame.height, height: frame.width }
    : { width: frame.width, height: frame.height };
}

/**
 * Each orientation as upright = (a x + b y, c x + d y) + offset, offsets in stored width w and height h
 * (EXIF 2.32, Orientation tag: 2 mirrors, 3 turns half, 6 turns a quarter clockwise, ...).
 */
const TRANSFORMS: Record<
  number,
  (w: number, h: number) => readonly [number, number, number, number, number, number]
> = {
  1: () => [1, 0, 0, 1, 0, 0],
  2: (w) => [-1, 0, 0, 1, w, 0],
  3: (w, h) => [-1, 0, 0, -1, w, h],
  4: (_w, h) => [1, 0, 0, -1, 0, h],
  5: () => [0, 1, 1, 0, 0, 0],
  6: (_w, h) => [0, -1, 1, 0, h, 0],
  7: (w, h) => [0, -1, -1, 0, h, w],
  8: (w) => [0, 1, -1, 0, 0, w],
};

function transform(frame: Frame) {
  const upright = TRANSFORMS[frame.orientation] ?? (() => [1, 0, 0, 1, 0, 0] as const);
  return upright(frame.width, frame.height);
}

/** A stored-grid point on the upright grid. */
export function toUpright(frame: Frame, p: Point): Point {
  const [a, b, c, d, ox, oy] = transform(frame);
  return { x: a * p.x + b * p.y + ox, y: c * p.x + d * p.y + oy };
}

/** An upright-grid point on the stored grid (the inverse of toUpright). */
export function toStored(frame: Frame, p: Point): Point {
  const [a, b, c, d, ox, oy] = transform(frame);
  const x = p.x - ox;
  const y = p.y - oy;
  // Rotation and mirror matrices are orthogonal: the inverse is the transpose.
  return { x: a * x + c * y, y: b * x + d * y };
}
