import { describe, expect, it } from 'vitest';
import {
  convexHull,
  cornerAngles,
  fitLine,
  intersect,
  isUprightRectangle,
  minAreaRectangle,
  orderCorners,
  type Point,
  polygonArea,
  type Quad,
} from '../../../functions/engine/image/geometry.js';
import { applyHomography, homography } from '../../../functions/engine/image/homography.js';

const turned = (points: Point[], degrees: number, centre: Point = { x: 0, y: 0 }): Point[] => {
  const r = (degrees * Math.PI) / 180;
  return points.map((p) => ({
    x: centre.x + (p.x - centre.x) * Math.cos(r) - (p.y - centre.y) * Math.sin(r),
    y: centre.y + (p.x - centre.x) * Math.sin(r) + (p.y - centre.y) * Math.cos(r),
  }));
};

describe('geometry', () => {
  it('hulls a point cloud to its outer corners', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    const inner = [
      { x: 5, y: 5 },
      { x: 2, y: 7 },
      { x: 5, y: 0 },
    ];

    const hull = convexHull([...inner, ...square]);

    expect(hull).toHaveLength(4);
    expect(polygonArea(hull)).toBeCloseTo(100);
  });

  it('finds the minimum-area rectangle of a turned rectangle', () => {
    const rectangle = turned(
      [
        { x: 100, y: 100 },
        { x: 300, y: 100 },
        { x: 300, y: 500 },
        { x: 100, y: 500 },
      ],
      12,
      { x: 200, y: 300 },
    );
    // Points along the edges, as an outline gives them.
    const outline: Point[] = [];
    for (let i = 0; i < 4; i += 1) {
      const a = rectangle[i] as Point;
      const b = rectangle[(i + 1) % 4] as Point;
      for (let t = 0; t < 1; t += 0.05) outline.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
    }

    const found = minAreaRectangle(convexHull(outline));

    expect(found.width).toBeCloseTo(200, 5);
    expect(found.height).toBeCloseTo(400, 5);
    const expected = orderCorners(rectangle);
    found.corners.forEach((corner, i) => {
      expect(corner.x).toBeCloseTo((expected[i] as Point).x, 5);
      expect(corner.y).toBeCloseTo((expected[i] as Point).y, 5);
    });
  });

  it('orders corners top-left, top-right, bottom-right, bottom-left whatever the input order', () => {
    const quad = orderCorners([
      { x: 90, y: 210 },
      { x: 12, y: 8 },
      { x: 5, y: 200 },
      { x: 100, y: 0 },
    ]);

    expect(quad).toEqual([
      { x: 12, y: 8 },
      { x: 100, y: 0 },
      { x: 90, y: 210 },
      { x: 5, y: 200 },
    ]);
  });

  it('fits lines and intersects them', () => {
    const horizontal = fitLine([
      { x: 0, y: 10.5 },
      { x: 10, y: 9.5 },
      { x: 20, y: 9.5 },
      { x: 30, y: 10.5 },
    ]);
    const vertical = fitLine([
      { x: 4, y: 0 },
      { x: 4, y: 50 },
    ]);

    expect(horizontal).toBeDefined();
    expect(vertical).toBeDefined();
    const crossing = intersect(
      horizontal as NonNullable<typeof horizontal>,
      vertical as NonNullable<typeof vertical>,
    );
    expect(crossing?.x).toBeCloseTo(4, 5);
    expect(crossing?.y).toBeCloseTo(10, 1);
  });

  it('measures corner angles', () => {
    const square: Quad = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ];
    const keystone: Quad = [
      { x: 2, y: 0 },
      { x: 8, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];

    expect(cornerAngles(square)).toEqual([90, 90, 90, 90]);
    expect(cornerAngles(keystone)[0]).toBeGreaterThan(100);
  });

  it("tells a scanner's upright frame from a photographed receipt's outline", () => {
    const corners = (...xy: number[]) =>
      [0, 2, 4, 6].map((k) => ({ x: xy[k] as number, y: xy[k + 1] as number })) as unknown as Quad;

    expect(isUprightRectangle(corners(70, 47, 819, 47, 819, 2077, 70, 2077))).toBe(true);
    expect(isUprightRectangle(corners(515, 440, 2674, 375, 2874, 3220, 602, 3294))).toBe(false);
  });
});

describe('homography', () => {
  it('takes each corner to its counterpart and straight lines to straight lines', () => {
    const from: Quad = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 200 },
      { x: 0, y: 200 },
    ];
    const to: Quad = [
      { x: 30, y: 12 },
      { x: 140, y: 25 },
      { x: 160, y: 260 },
      { x: 5, y: 230 },
    ];

    const h = homography(from, to);

    expect(h).toBeDefined();
    to.forEach((target, i) => {
      const mapped = applyHomography(h as number[], from[i] as Point);
      expect(mapped.x).toBeCloseTo(target.x, 6);
      expect(mapped.y).toBeCloseTo(target.y, 6);
    });
    // The midpoint of the top edge lands on the top edge of the target.
    const mid = applyHomography(h as number[], { x: 50, y: 0 });
    const cross = (to[1].x - to[0].x) * (mid.y - to[0].y) - (to[1].y - to[0].y) * (mid.x - to[0].x);
    expect(Math.abs(cross)).toBeLessThan(1e-6);
  });

  it('refuses a degenerate quadrilateral', () => {
    const line: Quad = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    const square: Quad = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ];

    expect(homography(square, line)).toBeUndefined();
  });
});
