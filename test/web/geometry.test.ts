/** The upload -> read-image mapping the overlay draws with: quarter turns and a flattened receipt crop. */
import { describe, expect, it } from 'vitest';
import { apply, compose, invert, quarterTurn, uploadToRead } from '../../web/src/geometry.js';

const close = (point: { x: number; y: number }) => ({
  x: Math.round(point.x * 1e6) / 1e6,
  y: Math.round(point.y * 1e6) / 1e6,
});

describe('uploadToRead', () => {
  const natural = { width: 100, height: 200 };

  it.each([
    // rotation, where the upload's top-left and top-right corners land in the read image
    [0, { width: 100, height: 200 }, { x: 0, y: 0 }, { x: 100, y: 0 }],
    [90, { width: 200, height: 100 }, { x: 200, y: 0 }, { x: 200, y: 100 }],
    [180, { width: 100, height: 200 }, { x: 100, y: 200 }, { x: 0, y: 200 }],
    [270, { width: 200, height: 100 }, { x: 0, y: 100 }, { x: 0, y: 0 }],
    [-90, { width: 200, height: 100 }, { x: 0, y: 100 }, { x: 0, y: 0 }],
  ])(
    'a clockwise turn of %i° moves the corners where the engine saw them',
    (rotation, size, topLeft, topRight) => {
      const matrix = uploadToRead(natural, { ...size, rotation });
      expect(close(apply(matrix, { x: 0, y: 0 }))).toEqual(topLeft);
      expect(close(apply(matrix, { x: 100, y: 0 }))).toEqual(topRight);
    },
  );

  it('maps a receipt crop onto the whole read image', () => {
    // A receipt lying slightly tilted in a 1000x800 photo, read as 300x600.
    const crop = [
      { x: 400, y: 100 },
      { x: 700, y: 110 },
      { x: 680, y: 710 },
      { x: 380, y: 700 },
    ];
    const tilt = (Math.atan2(10, 300) * 180) / Math.PI;
    const matrix = uploadToRead(
      { width: 1000, height: 800 },
      { width: 300, height: 600, rotation: -tilt, crop },
    );
    expect(close(apply(matrix, { x: 400, y: 100 }))).toEqual({ x: 0, y: 0 });
    expect(close(apply(matrix, { x: 700, y: 110 }))).toEqual({ x: 300, y: 0 });
    expect(close(apply(matrix, { x: 380, y: 700 }))).toEqual({ x: 0, y: 600 });
  });

  it('turns a cropped receipt read sideways after flattening it', () => {
    const crop = [
      { x: 0, y: 0 },
      { x: 400, y: 0 },
      { x: 400, y: 200 },
      { x: 0, y: 200 },
    ];
    // Flattened 400x200, then turned 90° clockwise: read as 200x400.
    const matrix = uploadToRead({ width: 400, height: 200 }, { width: 200, height: 400, rotation: 90, crop });
    expect(close(apply(matrix, { x: 0, y: 0 }))).toEqual({ x: 200, y: 0 });
    expect(close(apply(matrix, { x: 400, y: 0 }))).toEqual({ x: 200, y: 400 });
  });
});

describe('matrix helpers', () => {
  it('inverts and composes', () => {
    const m = [2, 1, -1, 3, 5, 7] as const;
    expect(compose(m, invert(m)).map((value) => Math.round(value * 1e9) / 1e9)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it.each([
    [0.4, 0],
    [89, 90],
    [-91, 270],
    [182, 180],
    [359, 0],
  ])('quarterTurn(%f) = %i', (degrees, quarter) => {
    expect(quarterTurn(degrees)).toBe(quarter);
  });
});
