import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createReceiptEngine,
  type EngineResult,
  EngineResultSchema,
  type ReceiptEngine,
} from '../../../functions/engine/index.js';
import { jpegScan, passwordPdf, scannedPdf, textPdf } from '../../../tools/samples/pdf-files.js';
import { ENGLISH_RECEIPT } from '../../../tools/samples/receipt-images.js';

/** The HEIC photos made by test/fixtures/make-heic.ts (heif-enc): the English receipt stored sideways. */
const HEIC = readFileSync(path.join(import.meta.dirname, '../../fixtures/receipt.heic'));
/** The same receipt as an iPhone stores a photo: a 2x2 grid of tiles, stored turned, with an irot box. */
const HEIC_GRID = readFileSync(path.join(import.meta.dirname, '../../fixtures/receipt-grid.heic'));

function pagesOf(result: EngineResult): (number | undefined)[] {
  return [...new Set(result.lines.map((line) => line.bbox.page))];
}

describe('the engine reads PDF and HEIC receipts', () => {
  let engine: ReceiptEngine;

  beforeAll(async () => {
    engine = await createReceiptEngine({ languages: ['eng', 'spa'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads a digital PDF from its text layer, exactly and without OCR', async () => {
    // Prepare
    const pdf = textPdf([ENGLISH_RECEIPT.lines]);

    // Act
    const result = await engine.process({ bytes: pdf });

    // Assess
    expect(EngineResultSchema.parse(result)).toEqual(result);
    expect(result.timings.ocrMs).toBe(0);
    expect(result.text.split('\n')).toEqual(
      ENGLISH_RECEIPT.lines
        .filter((line) => line.trim() !== '')
        .map((line) => line.trim().replace(/\s+/g, ' ')),
    );
    expect(result.fields.total?.value).toBe('1126.89');
    expect(result.fields.transactionDate?.value).toBe('2024-03-15');
    expect(result.fields.total?.bbox?.page).toBe(1);
    expect(result.image).toMatchObject({ format: 'pdf', rotation: 0 });
    const total = result.lines.find((line) => line.text.startsWith('TOTAL'));
    const subtotal = result.lines.find((line) => line.text.startsWith('SUBTOTAL'));
    expect(total?.bbox.y0).toBeGreaterThan(subtotal?.bbox.y1 ?? Number.POSITIVE_INFINITY);
    expect(total?.bbox.x1).toBeLessThanOrEqual(result.image.width);
  });

  it('reads a digital PDF whose page is shown turned (/Rotate 90) from its text layer as written', async () => {
    // Prepare: the same receipt, its page turned a quarter by the viewer's rotation only.
    const upright = await engine.process({ bytes: textPdf([ENGLISH_RECEIPT.lines]) });

    // Act
    const result = await engine.process({ bytes: textPdf([ENGLISH_RECEIPT.lines], 90) });

    // Assess: the same lines, boxes and fields as the upright page.
    expect(result.text).toBe(upright.text);
    expect(result.lines.map((line) => line.bbox)).toEqual(upright.lines.map((line) => line.bbox));
    expect(result.fields.total?.value).toBe('1126.89');
  });

  it('reads the pages of a PDF in order as one receipt, each box on its own page', async () => {
    // Prepare: the receipt broken over two pages after its items.
    const split = ENGLISH_RECEIPT.lines.indexOf('SUBTOTAL                 1,063.10');
    const pdf = textPdf([ENGLISH_RECEIPT.lines.slice(0, split), ENGLISH_RECEIPT.lines.slice(split)]);

    // Act
    const result = await engine.process({ bytes: pdf });

    // Assess
    expect(result.fields.total?.value).toBe('1126.89');
    expect(result.fields.merchantName?.bbox?.page).toBe(1);
    expect(result.fields.total?.bbox?.page).toBe(2);
    expect(pagesOf(result)).toEqual([1, 2]);
    const first = result.lines.find((line) => line.bbox.page === 2);
    expect(first?.text).toBe('SUBTOTAL 1,063.10');
    // y starts again at the top of page 2.
    expect(first?.bbox.y0).toBeLessThan(200);
  });

  it('reads a scanned PDF from its embedded JPEG exactly as the JPEG itself', async () => {
    // Prepare
    const scan = await jpegScan();
    const pdf = scannedPdf([scan]);

    // Act
    const fromPdf = await engine.process({ bytes: pdf });
    const fromJpeg = await engine.process({ bytes: scan.bytes });

    // Assess
    expect(fromPdf.fields.total?.value).toBe('1126.89');
    expect(fromPdf.text).toBe(fromJpeg.text);
    expect(fromPdf.fields).toEqual(
      // The same boxes, each on page 1.
      JSON.parse(JSON.stringify(fromJpeg.fields), (key, value) =>
        key === 'bbox' && value !== null ? { ...value, page: 1 } : value,
      ),
    );
    expect(fromPdf.image.format).toBe('pdf');
  });

  it('renders a page whose text layer is too thin to hold a receipt, and reads it', async () => {
    // Prepare: nine characters of text, no image: the page is drawn (a PDF of outlined text reads the same).
    const pdf = textPdf([['TOTAL 9.99']]);

    // Act
    const result = await engine.process({ bytes: pdf });

    // Assess
    expect(result.timings.ocrMs).toBeGreaterThan(0);
    expect(result.text).toBe('TOTAL 9.99');
  });

  it('reads a scanned PDF of two pages as one receipt, pages in order', async () => {
    // Prepare: the receipt scanned in two halves, the totals on page two.
    const split = ENGLISH_RECEIPT.lines.indexOf('SUBTOTAL                 1,063.10');
    const pdf = scannedPdf([
      await jpegScan({ lines: ENGLISH_RECEIPT.lines.slice(0, split) }),
      await jpegScan({ lines: ENGLISH_RECEIPT.lines.slice(split) }),
    ]);

    // Act
    const result = await engine.process({ bytes: pdf });

    // Assess
    expect(pagesOf(result)).toEqual([1, 2]);
    expect(result.fields.merchantName?.bbox?.page).toBe(1);
    expect(result.fields.total).toMatchObject({ value: '1126.89', bbox: { page: 2 } });
    const subtotal = result.lines.find((line) => line.text.startsWith('SUBTOTAL'));
    // y starts again at the top of page 2.
    expect(subtotal?.bbox).toMatchObject({ page: 2, y0: expect.any(Number) });
    expect(subtotal?.bbox.y0).toBeLessThan(120);
  });

  it.each([
    ['a PDF of more pages than the limit', 'TOO_MANY_PAGES', () => textPdf(Array(6).fill(['TOTAL 1.00']))],
    ['a password-protected PDF', 'PDF_ENCRYPTED', () => passwordPdf()],
    ['a truncated PDF', 'CORRUPT_FILE', () => textPdf([ENGLISH_RECEIPT.lines]).subarray(0, 400)],
    ['a PDF header over garbage', 'CORRUPT_FILE', () => Buffer.from(`%PDF-1.7\n${'x'.repeat(2000)}`)],
    ['a truncated HEIC photo', 'CORRUPT_IMAGE', () => HEIC.subarray(0, 3000)],
    [
      'an HEIC grid whose tile data is cut off',
      'CORRUPT_IMAGE',
      () => HEIC_GRID.subarray(0, HEIC_GRID.length - 500),
    ],
  ])('refuses %s with %s', async (_name, code, bytes) => {
    await expect(engine.process({ bytes: bytes() })).rejects.toMatchObject({ code, retryable: false });
  });

  it('reads an iPhone-style HEIC grid upright: tiles assembled and the irot turn applied', async () => {
    // Act
    const result = await engine.process({ bytes: HEIC_GRID });

    // Assess: upright after irot, the engine turns nothing; the receipt's lines span the tiles.
    expect(result.image).toMatchObject({ format: 'heif', rotation: 0 });
    expect(result.text).toContain('SUNRISE GROCERY');
    expect(result.text).toContain('COFFEE BEANS');
    expect(result.fields.total?.value).toBe('1126.89');
  });
});
