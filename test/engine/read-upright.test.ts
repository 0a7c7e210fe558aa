/**
 * Which receipts readUpright reads with their lighting flattened from the start: grey paper, and a photographed
 * receipt whose light falls off towards an edge, but not a scan darkening the same way. The recognizer here only
 * records the page it is handed (a fault-free stand-in: what is asserted is the image, not the reading).
 */
import { describe, expect, it } from 'vitest';
import { flatteningChange, flattenLighting } from '../../functions/engine/image/normalise.js';
import type { TextOrientation } from '../../functions/engine/image/text-orientation.js';
import type { GrayImage } from '../../functions/engine/preprocess.js';
import { probeMargin, readUpright } from '../../functions/engine/read-upright.js';
import type { Recognizer } from '../../functions/engine/recognizer.js';
import { fallingOff, grayReceipt } from '../support/gray-receipt.js';

/** The paper's level in the right tenth of the page a recognizer was handed (PGM: header, then pixels). */
function rightEdgePaper(pgm: Buffer, width: number, height: number): number {
  const pixels = pgm.subarray(pgm.length - width * height);
  const values: number[] = [];
  for (let y = 0; y < height; y += 2)
    for (let x = Math.floor(width * 0.9); x < width * 0.97; x += 2)
      values.push(pixels[y * width + x] as number);
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length * 0.9)] as number;
}

async function pageRead(image: GrayImage, photographed: boolean): Promise<number> {
  const pages: Buffer[] = [];
  const recognizer = {
    recognize: async (pgm: Buffer) => {
      pages.push(pgm);
      return { lines: [], confidence: 0.9 };
    },
  } as unknown as Recognizer;
  const reading = await readUpright(image, 1, recognizer, () => {}, { photographed });
  return rightEdgePaper(pages[0] as Buffer, reading.image.width, reading.image.height);
}

describe('readUpright lighting', () => {
  it("flattens a photographed receipt's light falling off towards an edge, not a scan's", async () => {
    const image = fallingOff(await grayReceipt(), 0.5);

    expect(await pageRead(image, true)).toBeGreaterThan(230);
    expect(await pageRead(image, false)).toBeLessThan(200);
  });
});

describe('readUpright faded re-read', () => {
  /** How many whole pages a recognizer reading every page at `confidence` was handed. */
  async function pagesRead(image: GrayImage, confidence: number): Promise<number> {
    let pages = 0;
    const recognizer = {
      recognize: async (pgm: Buffer) => {
        if (pgm.length >= image.width * image.height) pages += 1;
        return { lines: [], confidence };
      },
    } as unknown as Recognizer;
    await readUpright(image, 1, recognizer, () => {}, { photographed: false });
    return pages;
  }

  it('reads a weak page again flattened only when flattening changes it', async () => {
    // Prepare: a scan on white, even paper flattens to itself; the same scan darkening towards its edge does not.
    const white = await grayReceipt();
    const darkening = fallingOff(white, 0.5);

    // Act / Assess: a weak reading (0.4) of the white scan is not read again, the darkening one is; a sure
    // reading (0.9) of either is not.
    expect(await pagesRead(white, 0.4)).toBe(1);
    expect(await pagesRead(darkening, 0.4)).toBe(2);
    expect(await pagesRead(darkening, 0.9)).toBe(1);
  });
});

describe('flatteningChange', () => {
  it("counts paper lit unevenly, not a contrast stretch that moves no pixel across the page's threshold", async () => {
    const white = await grayReceipt();
    // the same print on evenly grey paper: flattening only stretches it back
    const grey = { ...white, data: Buffer.from(white.data.map((v) => Math.round(v * 0.85))) };
    const darkening = fallingOff(white, 0.5);

    expect(flatteningChange(white, flattenLighting(white))).toBeLessThan(0.01);
    expect(flatteningChange(grey, flattenLighting(grey))).toBeLessThan(0.01);
    expect(flatteningChange(darkening, flattenLighting(darkening))).toBeGreaterThan(0.05);
  });
});

describe('probeMargin', () => {
  const orientation = (up: number, down: number, flipSure: boolean): TextOrientation => ({
    turn: 0,
    axisSure: true,
    flipSure,
    evidence: { aspect: 1.47, along: 189, across: 53, up, down },
  });

  it('asks less of the other way up when the baselines leaned that way without being sure', () => {
    // a rendered receipt upside down: 4 baselines up, 12 down; its turned band read 0.41 against 0.31
    expect(probeMargin(orientation(4, 12, false), 180)).toBe(0.05);
    // leaning the way it was read, or a quarter turn: the full margin
    expect(probeMargin(orientation(12, 4, false), 180)).toBe(0.15);
    expect(probeMargin(orientation(4, 12, false), 90)).toBe(0.15);
    expect(probeMargin(orientation(2, 2, false), 180)).toBe(0.15);
  });
});
