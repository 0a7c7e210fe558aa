/**
 * The projective transform between two quadrilaterals: a receipt photographed at an angle is a
 * perspective-distorted rectangle, and this maps the flat receipt's pixels to the photo's and back.
 */
import type { Point, Quad } from './geometry.js';

/** Row-major 3x3 matrix with h[8] = 1. */
export type Homography = readonly number[];

/** Solves A x = b in place by Gaussian elimination with partial pivoting; undefined when singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) {
      if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = row;
    }
    const pivotRow = a[pivot] as number[];
    if (Math.abs(pivotRow[col] ?? 0) < 1e-12) return undefined;
    [a[col], a[pivot]] = [pivotRow, a[col] as number[]];
    [b[col], b[pivot]] = [b[pivot] as number, b[col] as number];
    const top = a[col] as number[];
    for (let row = col + 1; row < n; row += 1) {
      const current = a[row] as number[];
      const factor = (current[col] ?? 0) / (top[col] ?? 1);
      for (let k = col; k < n; k += 1) current[k] = (current[k] ?? 0) - factor * (top[k] ?? 0);
      b[row] = (b[row] ?? 0) - factor * (b[col] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row -= 1) {
    const current = a[row] as number[];
    let sum = b[row] ?? 0;
    for (let k = row + 1; k < n; k += 1) sum -= (current[k] ?? 0) * (x[k] ?? 0);
    x[row] = sum / (current[row] ?? 1);
  }
  return x;
}

/** The homography taking each corner of `from` to the same corner of `to`. */
export function homography(from: Quad, to: Quad): Homography | undefined {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    const { x, y } = from[i] as Point;
    const { x: u, y: v } = to[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(a, b);
  return h === undefined ? undefined : [...h, 1];
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = (h[6] ?? 0) * p.x + (h[7] ?? 0) * p.y + (h[8] ?? 1);
  return {
    x: ((h[0] ?? 0) * p.x + (h[1] ?? 0) * p.y + (h[2] ?? 0)) / w,
    y: ((h[3] ?? 0) * p.x + (h[4] ?? 0) * p.y + (h[5] ?? 0)) / w,
  };
}
