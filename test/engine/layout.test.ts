import { describe, expect, it } from 'vitest';
import { printAngle } from '../../functions/engine/layout.js';

/**
 * The ink of a short receipt, sampled every 2 px as the receipt finder samples it: a centred heading, rows with
 * a label at the left and an amount far right, a centred code block below. Its outline is an octagon whose
 * minimum-area rectangle stands at 45 degrees. `degrees` turns it clockwise about its centre.
 */
function sparseReceipt(degrees: number): { xs: Float64Array; ys: Float64Array } {
  const rows: [number, number, number][] = [];
  for (let i = 0; i < 3; i += 1) rows.push([100 + i * 30, 330, 570]);
  for (let i = 0; i < 14; i += 1) rows.push([220 + i * 30, 40, 300], [220 + i * 30, 700, 860]);
  for (let i = 0; i < 6; i += 1) rows.push([680 + i * 30, 380, 520]);
  const xs: number[] = [];
  const ys: number[] = [];
  const radians = (degrees * Math.PI) / 180;
  for (const [top, from, to] of rows) {
    for (let y = top; y < top + 12; y += 2) {
      for (let x = from; x < to; x += 2) {
        const [dx, dy] = [x - 450, y - 450];
        xs.push(Math.round(450 + dx * Math.cos(radians) - dy * Math.sin(radians)) + 0.5);
        ys.push(Math.round(450 + dx * Math.sin(radians) + dy * Math.cos(radians)) + 0.5);
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

const bins = () => new Float64Array(2 * (1000 + 1000) + 4);

describe("the angle of a print's lines", () => {
  it('overrules an outline that stands at 45 degrees when the lines run level', () => {
    const { xs, ys } = sparseReceipt(0);

    expect(Math.abs(printAngle(xs, ys, bins(), 44.5))).toBeLessThan(1);
  });

  it('keeps the outline turned with the receipt, refined on its lines', () => {
    const { xs, ys } = sparseReceipt(11);

    expect(printAngle(xs, ys, bins(), 10.4)).toBeCloseTo(11, 0);
  });

  it('overrules it for a receipt lying sideways too', () => {
    const { xs, ys } = sparseReceipt(90);

    expect(Math.abs(printAngle(xs, ys, bins(), -44))).toBeLessThan(1);
  });
});
