/**
 * Plane geometry for receipt finding: convex hull, minimum-area rectangle, straight-line fits and the
 * quadrilateral a receipt's four edges make. Pixel coordinates, y pointing down.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Corners in reading order: top-left, top-right, bottom-right, bottom-left (clockwise on screen). */
export type Quad = readonly [Point, Point, Point, Point];

/** An angle folded into -45..45 degrees: a rectangle turned by it looks the same turned 90 more. */
export function quarterFold(degrees: number): number {
  return ((((degrees + 45) % 90) + 90) % 90) - 45;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** Convex hull (Andrew's monotone chain), corners in order around it; collinear points dropped. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const half = (input: Point[]): Point[] => {
    const chain: Point[] = [];
    for (const point of input) {
      while (chain.length >= 2) {
        const a = chain[chain.length - 2] as Point;
        const b = chain[chain.length - 1] as Point;
        if (cross(a, b, point) > 0) break;
        chain.pop();
      }
      chain.push(point);
    }
    chain.pop();
    return chain;
  };
  const lower = half(sorted);
  const upper = half(sorted.reverse());
  return [...lower, ...upper];
}

export function polygonArea(polygon: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i += 1) {
    const a = polygon[i] as Point;
    const b = polygon[(i + 1) % polygon.length] as Point;
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}

export interface Rectangle {
  readonly corners: Quad;
  readonly width: number;
  readonly height: number;
}

/**
 * The smallest-area rectangle around a convex polygon: one of its sides lies on a hull edge, so trying each
 * edge direction is exact (rotating calipers without the bookkeeping: hulls here have tens of points).
 */
export function minAreaRectangle(hull: readonly Point[]): Rectangle {
  let best: { area: number; ux: number; uy: number; min: Point; max: Point } | undefined;
  for (let i = 0; i < hull.length; i += 1) {
    const a = hull[i] as Point;
    const b = hull[(i + 1) % hull.length] as Point;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    const ux = (b.x - a.x) / length;
    const uy = (b.y - a.y) / length;
    let minU = Number.POSITIVE_INFINITY;
    let maxU = Number.NEGATIVE_INFINITY;
    let minV = Number.POSITIVE_INFINITY;
    let maxV = Number.NEGATIVE_INFINITY;
    for (const p of hull) {
      const u = p.x * ux + p.y * uy;
      const v = -p.x * uy + p.y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (best === undefined || area < best.area) {
      best = { area, ux, uy, min: { x: minU, y: minV }, max: { x: maxU, y: maxV } };
    }
  }
  if (best === undefined) {
    const p = hull[0] ?? { x: 0, y: 0 };
    return { corners: [p, p, p, p], width: 0, height: 0 };
  }
  const { ux, uy, min, max } = best;
  const toXY = (u: number, v: number): Point => ({ x: u * ux - v * uy, y: u * uy + v * ux });
  const corners = orderCorners([
    toXY(min.x, min.y),
    toXY(max.x, min.y),
    toXY(max.x, max.y),
    toXY(min.x, max.y),
  ]);
  return {
    corners,
    width: (distance(corners[0], corners[1]) + distance(corners[3], corners[2])) / 2,
    height: (distance(corners[0], corners[3]) + distance(corners[1], corners[2])) / 2,
  };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/**
 * Orders four corners as top-left, top-right, bottom-right, bottom-left: sorted clockwise around their centre,
 * starting from the corner of the top edge (the edge whose midpoint is highest) that lies further left.
 */
export function orderCorners(points: readonly Point[]): Quad {
  const cx = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const cy = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const clockwise = [...points].sort(
    (a, b) => Math.atan2(a.y - cy, a.x - cx) - Math.atan2(b.y - cy, b.x - cx),
  );
  let start = 0;
  let highest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 4; i += 1) {
    const a = clockwise[i] as Point;
    const b = clockwise[(i + 1) % 4] as Point;
    const mid = (a.y + b.y) / 2;
    if (mid < highest - 1e-9) {
      highest = mid;
      start = i;
    }
  }
  const at = (k: number) => clockwise[(start + k) % 4] as Point;
  return [at(0), at(1), at(2), at(3)];
}

/** A line through `point` along unit `direction`. */
export interface Line {
  readonly point: Point;
  readonly direction: Point;
}

/** Total-least-squares line through points (the principal axis of their scatter). */
export function fitLine(points: readonly Point[]): Line | undefined {
  if (points.length < 2) return undefined;
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.x;
    my += p.y;
  }
  mx /= points.length;
  my /= points.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  const angle = Math.atan2(2 * sxy, sxx - syy) / 2;
  return { point: { x: mx, y: my }, direction: { x: Math.cos(angle), y: Math.sin(angle) } };
}

/** Where two lines cross; undefined when they are (nearly) parallel. */
export function intersect(a: Line, b: Line): Point | undefined {
  const det = a.direction.x * b.direction.y - a.direction.y * b.direction.x;
  if (Math.abs(det) < 1e-6) return undefined;
  const dx = b.point.x - a.point.x;
  const dy = b.point.y - a.point.y;
  const t = (dx * b.direction.y - dy * b.direction.x) / det;
  return { x: a.point.x + t * a.direction.x, y: a.point.y + t * a.direction.y };
}

/** Distance from `p` to the infinite line `line`. */
export function distanceToLine(p: Point, line: Line): number {
  return Math.abs((p.x - line.point.x) * line.direction.y - (p.y - line.point.y) * line.direction.x);
}

/** Interior angle at each corner of a quad, in degrees. */
export function cornerAngles(quad: Quad): number[] {
  return quad.map((corner, i) => {
    const previous = quad[(i + 3) % 4] as Point;
    const next = quad[(i + 1) % 4] as Point;
    const a = Math.atan2(previous.y - corner.y, previous.x - corner.x);
    const b = Math.atan2(next.y - corner.y, next.x - corner.x);
    let degrees = Math.abs(((b - a) * 180) / Math.PI);
    if (degrees > 180) degrees = 360 - degrees;
    return degrees;
  });
}

export function scaleQuad(quad: Quad, sx: number, sy = sx): Quad {
  return quad.map((p) => ({ x: p.x * sx, y: p.y * sy })) as unknown as Quad;
}

/**
 * How far a receipt quad is turned clockwise from level, in degrees: the mean direction of its top and bottom
 * edges (they differ under perspective).
 */
export function quadAngle(quad: Quad): number {
  const [tl, tr, br, bl] = quad;
  const top = Math.atan2(tr.y - tl.y, tr.x - tl.x);
  const bottom = Math.atan2(br.y - bl.y, br.x - bl.x);
  return (((top + bottom) / 2) * 180) / Math.PI;
}

/**
 * A quadrilateral that is an upright rectangle, within `tolerance` pixels: what a flatbed scan's paper, framed by
 * the scanner's dark lid, gives. A photographed receipt's outline leans or narrows with the perspective.
 */
export function isUprightRectangle(quad: Quad, tolerance = 2): boolean {
  const [tl, tr, br, bl] = quad;
  const near = (a: number, b: number) => Math.abs(a - b) <= tolerance;
  return near(tl.y, tr.y) && near(bl.y, br.y) && near(tl.x, bl.x) && near(tr.x, br.x);
}
