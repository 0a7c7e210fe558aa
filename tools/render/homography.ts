/**
 * The projective transform that maps a rectangle's corners onto a quadrilateral (a receipt seen at an angle),
 * and a bilinear warp that pastes a grey image through it into an RGB scene.
 */

export type Point = readonly [number, number];
/** Row-major 3x3 matrix with h33 = 1. */
export type Homography = readonly number[];

/** Solves the 8x8 system for the homography taking `from[i]` to `to[i]` (Gaussian elimination). */
export function homography(from: readonly Point[], to: readonly Point[]): Homography {
  const a: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const [x, y] = from[i] as Point;
    const [u, v] = to[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < 8; row += 1) {
      if (Math.abs((a[row] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number))
        pivot = row;
    }
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    for (let row = 0; row < 8; row += 1) {
      if (row === col) continue;
      const r = a[row] as number[];
      const f = (r[col] as number) / (p[col] as number);
      for (let k = col; k < 9; k += 1) r[k] = (r[k] as number) - f * (p[k] as number);
    }
  }
  const h = a.map((r, i) => (r[8] as number) / (r[i] as number));
  return [...h, 1];
}

export function apply(h: Homography, x: number, y: number): Point {
  const w = (h[6] as number) * x + (h[7] as number) * y + 1;
  return [
    ((h[0] as number) * x + (h[1] as number) * y + (h[2] as number)) / w,
    ((h[3] as number) * x + (h[4] as number) * y + (h[5] as number)) / w,
  ];
}

export interface GreySource {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * Pastes `source` (grey) into `scene` (RGB, width x height) where `quad` (its corners clockwise from top-left)
 * says, multiplying by `paper` (a tint in 0..1 per channel) and the light. `inverse` maps scene points to source points.
 */
export function warpInto(
  scene: Buffer,
  sceneWidth: number,
  sceneHeight: number,
  source: GreySource,
  quad: readonly Point[],
  inverse: Homography,
  paper: readonly [number, number, number],
  /** Light falling on the scene per pixel, 0..255. */
  light: Buffer,
): void {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(sceneWidth - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(sceneHeight - 1, Math.ceil(Math.max(...ys)));
  const [h0, h1, h2, h3, h4, h5, h6, h7] = inverse as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const sw = source.width;
  const sh = source.height;
  const src = source.data;
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const w = h6 * x + h7 * y + 1;
      const sx = (h0 * x + h1 * y + h2) / w;
      const sy = (h3 * x + h4 * y + h5) / w;
      if (sx < -0.5 || sy < -0.5 || sx > sw - 0.5 || sy > sh - 0.5) continue;
      // Edge pixels blend with the scene so the paper's outline is not jagged.
      const edge = Math.min(1, sx + 0.5, sy + 0.5, sw - 0.5 - sx, sh - 0.5 - sy);
      const cx = Math.min(sw - 1, Math.max(0, sx));
      const cy = Math.min(sh - 1, Math.max(0, sy));
      const ix = Math.min(sw - 2, Math.floor(cx));
      const iy = Math.min(sh - 2, Math.floor(cy));
      const fx = cx - ix;
      const fy = cy - iy;
      const i = iy * sw + ix;
      const top = (src[i] as number) + ((src[i + 1] as number) - (src[i] as number)) * fx;
      const bottom = (src[i + sw] as number) + ((src[i + sw + 1] as number) - (src[i + sw] as number)) * fx;
      const v = top + (bottom - top) * fy;
      const o = (y * sceneWidth + x) * 3;
      const lit = (v * (light[y * sceneWidth + x] as number)) / 255;
      for (let c = 0; c < 3; c += 1) {
        const target = lit * (paper[c] as number);
        scene[o + c] = (scene[o + c] as number) * (1 - edge) + target * edge;
      }
    }
  }
}
