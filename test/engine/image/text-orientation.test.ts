import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { measureOrientation } from '../../../functions/engine/image/text-orientation.js';
import { findSidewaysSkew, findTextLines } from '../../../functions/engine/layout.js';
import { analysisCopy, type GrayImage } from '../../../functions/engine/preprocess.js';
import {
  ENGLISH_RECEIPT,
  type ReceiptSpec,
  renderReceipt,
  SPANISH_EURO_RECEIPT,
} from '../../../tools/samples/receipt-images.js';

async function gray(bytes: Buffer): Promise<GrayImage> {
  const { data, info } = await sharp(bytes).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function orientationOf(spec: ReceiptSpec) {
  const image = await gray(await renderReceipt({ ...spec, format: 'jpeg' }));
  const small = await analysisCopy(image);
  const lines = findTextLines(small);
  return {
    orientation: measureOrientation(image, lines.angleDegrees),
    lines,
    sidewaysSkew: findSidewaysSkew(small),
  };
}

/** A receipt in mixed case, as German supermarkets print them: the glyph-bottom cue, not only full stops. */
const MIXED_CASE: ReceiptSpec = {
  lines: [
    '        Rosenweg 29',
    '   58239 Schwerte-Holzen',
    '',
    'Bio Vollmilch        1,19 A',
    'Hähnchenbrust        6,49 A',
    'Spaghetti Napoli     2,29 A',
    'Joghurt griechisch   1,89 A',
    'Pfand                0,25 A',
    'Summe               12,11',
    'Geg. Bar            20,00',
    'Rückgeld             7,89',
  ],
};

describe('text orientation from glyph geometry', () => {
  it.each([
    ['English', ENGLISH_RECEIPT],
    ['Spanish', SPANISH_EURO_RECEIPT],
    ['mixed-case German', MIXED_CASE],
  ])('settles every quarter turn of a %s receipt', async (_name, spec) => {
    for (const rotate of [0, 90, 180, 270] as const) {
      const { orientation } = await orientationOf({ ...spec, rotate });

      // Rendered turned `rotate` clockwise: (360 - rotate) more make it upright.
      expect({ rotate, turn: orientation.turn }).toEqual({ rotate, turn: (360 - rotate) % 360 });
      expect(orientation.axisSure).toBe(true);
      expect(orientation.flipSure).toBe(true);
    }
  });

  it.each([
    [12, 0],
    [-9, 180],
    [14, 90],
  ] as const)('sees through a %i degree skew on a receipt turned %i', async (skewDegrees, rotate) => {
    const { orientation, lines, sidewaysSkew } = await orientationOf({
      ...ENGLISH_RECEIPT,
      skewDegrees,
      rotate,
    });

    expect(orientation.turn).toBe((360 - rotate) % 360);
    // The skew that levels the lines, across or down the page.
    const skew = rotate % 180 === 0 ? lines.skewDegrees : sidewaysSkew;
    expect(skew).toBeCloseTo(-skewDegrees, 0);
  });

  it('is unsure, not wrong, on a page without text', async () => {
    const blank: GrayImage = { data: Buffer.alloc(400 * 600, 230), width: 400, height: 600 };

    const orientation = measureOrientation(blank, 0);

    expect(orientation.axisSure).toBe(false);
    expect(orientation.flipSure).toBe(false);
  });
});
