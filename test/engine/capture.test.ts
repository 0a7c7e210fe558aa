/**
 * Receipts as users capture them, read end to end by the real engine: photographed on a table at an angle
 * (any way up), pasted on a scanned page, faded. Each must give the fields of the flat upright receipt.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '../../functions/engine/image/geometry.js';
import { createReceiptEngine, type EngineResult, type ReceiptEngine } from '../../functions/engine/index.js';
import { ENGLISH_RECEIPT } from '../../tools/samples/receipt-images.js';
import { pageScan, tablePhoto, twoReceiptPhoto } from '../support/receipt-photos.js';

const FLAT = { total: '1126.89', date: '2024-03-15' };

function fieldsOf(result: EngineResult) {
  return { total: result.fields.total?.value, date: result.fields.transactionDate?.value };
}

describe('engine on photos and pages', () => {
  let engine: ReceiptEngine;

  beforeAll(async () => {
    engine = await createReceiptEngine({ languages: ['eng'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads a receipt photographed at an angle on a table and reports where it found it', async () => {
    const photo = await tablePhoto({ background: 'wood', angle: 9, tilt: 0.08 });

    const result = await engine.process({ bytes: photo.bytes });

    expect(fieldsOf(result)).toEqual(FLAT);
    const crop = result.image.crop as Point[];
    expect(crop).toHaveLength(4);
    crop.forEach((corner, i) => {
      expect(Math.abs(corner.x - (photo.corners[i] as Point).x)).toBeLessThan(12);
      expect(Math.abs(corner.y - (photo.corners[i] as Point).y)).toBeLessThan(12);
    });
  });

  it.each([90, 180, 270])('reads a table photo turned %i degrees', async (turn) => {
    const photo = await tablePhoto({ background: 'dark', angle: -7, tilt: 0.05 });
    const turned = await sharp(photo.bytes).rotate(turn).jpeg({ quality: 90 }).toBuffer();

    const result = await engine.process({ bytes: turned });

    expect(fieldsOf(result)).toEqual(FLAT);
    // The quarter turn that undoes the photo's, plus a little skew at most.
    const quarter = Math.round(result.image.rotation / 90) * 90;
    expect(((quarter % 360) + 360) % 360).toBe((360 - turn) % 360);
  });

  it('finds and reads a 10 MP phone photo stored sideways (EXIF 6) from one decode', async () => {
    // Enlarged to 3648 px, enough for the loader's decode-once path, and stored turned as a phone stores a
    // portrait (rendering that size pixel by pixel would take most of the test's time).
    const photo = await tablePhoto({ width: 1459, height: 1094, angle: -5, tilt: 0.05 });
    const large = await sharp(photo.bytes).resize(3648, 2736, { fit: 'fill' }).toBuffer();
    const stored = await sharp(large).rotate(270).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const scale = 3648 / 1459;

    const result = await engine.process({ bytes: stored });

    expect(fieldsOf(result)).toEqual(FLAT);
    const crop = result.image.crop as Point[];
    expect(crop).toHaveLength(4);
    crop.forEach((corner, i) => {
      expect(Math.abs(corner.x - (photo.corners[i] as Point).x * scale)).toBeLessThan(28);
      expect(Math.abs(corner.y - (photo.corners[i] as Point).y * scale)).toBeLessThan(28);
    });
  });

  it('reads a faded receipt in uneven light', async () => {
    const photo = await tablePhoto({
      receipt: { ...ENGLISH_RECEIPT, fontSize: 30, contrast: 'low' },
      background: 'grey',
      angle: 4,
      falloff: 0.45,
    });

    const result = await engine.process({ bytes: photo.bytes });

    expect(fieldsOf(result)).toEqual(FLAT);
  });

  it('reads a receipt pasted on a scanned page at the receipt resolution', async () => {
    const page = await pageScan({ width: 1654, height: 2339, background: 'white', at: { x: 0.4, y: 0.5 } });

    const result = await engine.process({ bytes: page.bytes });

    expect(fieldsOf(result)).toEqual(FLAT);
    expect(result.image.crop).toBeDefined();
    // Read at the page's own resolution: the receipt is under 1200 px wide, so nothing is shrunk.
    expect(result.image.width).toBeLessThan(1654 / 2);
  });

  it('reads each of two receipts photographed side by side as its own result', async () => {
    const photo = await twoReceiptPhoto();

    const results = await engine.processAll({ bytes: photo.bytes });

    expect(results).toHaveLength(2);
    expect(fieldsOf(results[0] as EngineResult)).toEqual(FLAT);
    expect(results[1]?.text).toContain('TOTAL A PAGAR');
    expect(results[1]?.text).not.toContain('SUNRISE');
  });
});
