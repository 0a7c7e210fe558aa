import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Point, Quad } from '../../../functions/engine/image/geometry.js';
import { loadReceipt, loadReceipts } from '../../../functions/engine/image/load-receipt.js';
import { checkEncodedInput } from '../../../functions/engine/input.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../../tools/samples/receipt-images.js';
import { pageScan, tablePhoto, twoReceiptPhoto } from '../../support/receipt-photos.js';

const limits = { maxBytes: 50_000_000, maxPixels: 64_000_000 };

async function load(bytes: Buffer) {
  return loadReceipt(bytes, checkEncodedInput(bytes, limits), limits);
}

/** Largest distance between a found corner and the true one. */
function cornerError(found: Quad, truth: Quad): number {
  return Math.max(
    ...found.map((p, i) => Math.hypot(p.x - (truth[i] as Point).x, p.y - (truth[i] as Point).y)),
  );
}

const receiptWidth = (q: Quad) => Math.hypot(q[2].x - q[3].x, q[2].y - q[3].y);

describe('finding the receipt on a photo', () => {
  it.each([
    [
      'a wooden table, turned 6 degrees, in perspective, with a shadow',
      { background: 'wood', angle: 6, tilt: 0.06 },
    ],
    ['a dark table, turned -12 degrees', { background: 'dark', angle: -12, tilt: 0.1 }],
    [
      'grey card, turned 3 degrees, light falling off',
      { background: 'grey', angle: 3, tilt: 0.02, falloff: 0.4 },
    ],
  ] as const)('finds the corners on %s within 1%% of the receipt width', async (_name, spec) => {
    const photo = await tablePhoto(spec);

    const loaded = await load(photo.bytes);

    expect(loaded.cropMethod).toBe('paper');
    expect(cornerError(loaded.crop as Quad, photo.corners)).toBeLessThan(0.01 * receiptWidth(photo.corners));
    // The flattened receipt keeps about the receipt's proportions (perspective shortens the far edge).
    const aspect = loaded.image.height / loaded.image.width;
    const nearAspect =
      Math.hypot(photo.corners[3].x - photo.corners[0].x, photo.corners[3].y - photo.corners[0].y) /
      receiptWidth(photo.corners);
    expect(Math.abs(aspect / nearAspect - 1)).toBeLessThan(0.08);
  });

  it('keeps the lower part of a receipt that lies in a shadow instead of cutting it off', async () => {
    const photo = await tablePhoto({ background: 'wood', angle: 0, tilt: 0, shade: 0.45, shadow: false });

    const loaded = await load(photo.bytes);

    const bottom = Math.max(...(loaded.crop as Quad).map((p) => p.y));
    const trueBottom = Math.max(...photo.corners.map((p) => p.y));
    expect(bottom).toBeGreaterThan(trueBottom - 0.01 * receiptWidth(photo.corners));
  });

  it('reports the crop in upright pixels when the photo carries an EXIF rotation', async () => {
    const photo = await tablePhoto({ background: 'dark', angle: 8, tilt: 0.05 });
    // Store the pixels turned a quarter counter-clockwise with orientation 6 ("rotate 90 to show"): viewers,
    // and the engine, see the original picture.
    const stored = await sharp(photo.bytes).rotate(270).withMetadata({ orientation: 6 }).jpeg().toBuffer();

    const loaded = await load(stored);

    expect(loaded.width).toBe(1600);
    expect(loaded.height).toBe(1200);
    expect(cornerError(loaded.crop as Quad, photo.corners)).toBeLessThan(0.01 * receiptWidth(photo.corners));
  });

  it('reads a scan that is all receipt as it is', async () => {
    const scan = await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' });

    const loaded = await load(scan);

    expect(loaded.crop).toBeUndefined();
    expect(loaded.scale).toBe(1);
  });
});

describe('finding the receipt on a scanned page', () => {
  it.each([
    ['grey', 'paper', { x: 0.55, y: 0.1 }],
    ['white', 'ink', { x: 0.1, y: 0.45 }],
  ] as const)(
    'crops a receipt pasted on %s card to the receipt, at its own resolution',
    async (background, method, at) => {
      const page = await pageScan({ width: 1654, height: 2339, background, at });

      const loaded = await load(page.bytes);

      expect(loaded.cropMethod).toBe(method);
      const crop = loaded.crop as Quad;
      // The crop holds the receipt's paper, or its print (the ink box cannot see blank paper margins), and
      // little of the page.
      const xs = crop.map((p) => p.x);
      const ys = crop.map((p) => p.y);
      const tx = page.corners.map((p) => p.x);
      const ty = page.corners.map((p) => p.y);
      const printMargin = 2 * 22;
      const slack = 0.01 * receiptWidth(page.corners) + (method === 'ink' ? printMargin : 0);
      expect(Math.min(...xs)).toBeLessThanOrEqual(Math.min(...tx) + slack);
      expect(Math.max(...xs)).toBeGreaterThanOrEqual(Math.max(...tx) - slack);
      expect(Math.min(...ys)).toBeLessThanOrEqual(Math.min(...ty) + slack);
      expect(Math.max(...ys)).toBeGreaterThanOrEqual(Math.max(...ty) - slack);
      expect(loaded.image.width * loaded.image.height).toBeLessThan(0.2 * 1654 * 2339);
      expect(loaded.scale).toBe(1);
    },
  );

  it("cuts a receipt laid straight without resampling it: the pixels read are the scan's own", async () => {
    const page = await pageScan({ width: 1654, height: 2339, background: 'grey', at: { x: 0.2, y: 0.3 } });

    const loaded = await load(page.bytes);

    const [topLeft, , bottomRight] = loaded.crop as Quad;
    const box = {
      left: topLeft.x,
      top: topLeft.y,
      width: bottomRight.x - topLeft.x,
      height: bottomRight.y - topLeft.y,
    };
    const cut = await sharp(page.bytes).grayscale().extract(box).raw().toBuffer();
    expect(loaded.image.data.equals(cut)).toBe(true);
  });
});

describe('a receipt on white card whose print falls apart in blocks', () => {
  it('keeps a header above a wide gap and a price column set far from the descriptions', async () => {
    // A restaurant bill: the name and address, blank lines, then descriptions on the left and their prices
    // far to the right; each block is a cluster of ink of its own on the finder's coarse grid.
    const gap = ' '.repeat(22);
    const receipt = {
      lines: [
        '   EETCAFE DE ZWAAN',
        '   LANGE STRAAT 46',
        '   2011 PK HAARLEM',
        '',
        '',
        '',
        '',
        `HUISWIJN GLAS${gap}11,00`,
        `BITTERBALLEN 8 ST${gap.slice(4)}8,00`,
        `CAPPUCCINO${gap}   7,00`,
        `DAME BLANCHE${gap} 7,70`,
        '',
        '',
        '',
        `TE BETALEN${gap}  33,70`,
        '',
        '',
        // The card slip: a dense block, the heaviest cluster of all.
        ...Array.from({ length: 14 }, (_, i) => `TERMINAL ${1000 + i} TRACE ${70000 + i * 37} AUTH OK ${i}`),
      ],
    };
    const page = await pageScan({
      width: 1654,
      height: 2339,
      background: 'white',
      at: { x: 0.3, y: 0.25 },
      receipt,
    });

    const loaded = await load(page.bytes);

    // Either no crop (the whole page is read) or one that holds the whole receipt.
    if (loaded.crop === undefined) return;
    const xs = loaded.crop.map((p) => p.x);
    const ys = loaded.crop.map((p) => p.y);
    const tx = page.corners.map((p) => p.x);
    const ty = page.corners.map((p) => p.y);
    // The ink box cannot see the receipt's blank margins (2 font sizes of 22 px each side).
    const margin = 2 * 22;
    expect(Math.min(...ys)).toBeLessThanOrEqual(Math.min(...ty) + margin + 5);
    expect(Math.max(...xs)).toBeGreaterThanOrEqual(Math.max(...tx) - margin - 5);
  });
});

describe('a crooked receipt on a white scanner bed', () => {
  it('crops its print turned with it, so that it is levelled before any downscaling', async () => {
    const page = await pageScan({
      width: 1400,
      height: 2000,
      background: 'white',
      at: { x: 0.25, y: 0.2 },
      angle: 11,
    });

    const loaded = await load(page.bytes);

    expect(loaded.cropMethod).toBe('ink');
    const [tl, tr] = loaded.crop as Quad;
    expect((Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI).toBeCloseTo(11, 0);
    // Flattened: about the receipt's own width, not the width of its turned bounding box.
    expect(loaded.image.width).toBeLessThan(receiptWidth(page.corners) * 1.05);
  });
});

describe('several receipts in one photo', () => {
  it('finds each receipt laid apart on a table, largest first', async () => {
    const photo = await twoReceiptPhoto();

    const receipts = await loadReceipts(photo.bytes, checkEncodedInput(photo.bytes, limits), limits);

    expect(receipts).toHaveLength(2);
    receipts.forEach((receipt, i) => {
      const truth = photo.receipts[i] as Quad;
      expect(cornerError(receipt.crop as Quad, truth)).toBeLessThan(0.01 * receiptWidth(truth) + 2);
    });
    // The single-receipt loader reads the largest.
    const single = await load(photo.bytes);
    expect(cornerError(single.crop as Quad, photo.receipts[0] as Quad)).toBeLessThan(
      0.01 * receiptWidth(photo.receipts[0] as Quad) + 2,
    );
  });
});
