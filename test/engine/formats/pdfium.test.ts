import { describe, expect, it } from 'vitest';
import { openPdf, type PdfFile } from '../../../functions/engine/formats/pdfium.js';
import { jpegScan, passwordPdf, scannedPdf, textPdf } from '../../../tools/samples/pdf-files.js';

/** Rows of `pixels` (gray, one byte each) holding at least one dark pixel. */
function inkedRows(pixels: { data: Buffer; width: number; height: number }): number[] {
  const rows: number[] = [];
  for (let y = 0; y < pixels.height; y += 1) {
    const row = pixels.data.subarray(y * pixels.width, (y + 1) * pixels.width);
    if (row.some((value) => value < 128)) rows.push(y);
  }
  return rows;
}

async function withPdf<T>(bytes: Uint8Array, read: (pdf: PdfFile) => T): Promise<T> {
  const pdf = await openPdf(bytes);
  try {
    return read(pdf);
  } finally {
    pdf.close();
  }
}

describe('PDFium (WASM)', () => {
  // Two pages in 10 pt Courier (6 pt a character): page 1 is 227 x 200 pt, its line's baseline 24 pt from the top.
  const twoPages = textPdf([['TOTAL 9.99'], ['PAGE TWO', 'SECOND LINE', 'THIRD LINE']]);

  it('gives each character of the text layer with its baseline, size and advance box, in pixels', async () => {
    const scale = 2;

    const chars = await withPdf(twoPages, (pdf) => pdf.withPage(1, (page) => page.chars(scale)));

    expect(chars.map((char) => char.text).join('')).toBe('TOTAL 9.99');
    const [first, second] = chars;
    // Td 12 (24 - 200) from the top-left: x 12 pt, baseline 24 pt down; 10 pt = 20 px; Courier advances 6 pt.
    expect(first).toMatchObject({ text: 'T', x: 24, baseline: 48, size: 20 });
    expect(first?.box).toMatchObject({ x0: 24, x1: 36 });
    expect(second?.box).toMatchObject({ x0: 36, x1: 48 });
  });

  it('gives a page turned by /Rotate its turned size and its characters as written, left to right', async () => {
    const [upright, turned] = await Promise.all(
      [0, 90].map((rotate) =>
        withPdf(textPdf([['TOTAL 9.99']], rotate), (pdf) =>
          pdf.withPage(1, (page) => ({
            size: [page.width, page.height],
            written: page.written,
            chars: page.chars(1),
            drawn: page.draw(1),
          })),
        ),
      ),
    );

    expect(upright?.size).toEqual([227, 200]);
    expect(turned?.size).toEqual([200, 227]);
    expect(turned?.written).toEqual({ width: 227, height: 200 });
    expect(turned?.chars).toEqual(upright?.chars);
    expect(turned?.drawn).toMatchObject({ width: 200, height: 227 });
  });

  it('draws the page asked for, gray on white, at the scale asked for', async () => {
    const [first, second] = await withPdf(twoPages, (pdf) => [
      pdf.withPage(1, (page) => page.draw(300 / 72)),
      pdf.withPage(2, (page) => page.draw(2)),
    ]);

    // One byte a pixel, the page's size in points times the scale.
    expect(first).toMatchObject({ channels: 1, width: Math.round(227 * (300 / 72)), height: 833 });
    expect(first?.data.length).toBe((first?.width ?? 0) * (first?.height ?? 0));
    expect(second).toMatchObject({ width: 454, height: 400 });
    // Page 1's one line sits 24 pt from the top; page 2's three lines reach 24 + 2 x 13 pt down.
    const ink = first === undefined ? [] : inkedRows(first);
    expect(ink[0]).toBeGreaterThan(16 * (300 / 72));
    expect(ink.at(-1)).toBeLessThan(27 * (300 / 72));
    expect(second === undefined ? [] : inkedRows(second).at(-1)).toBeGreaterThan((24 + 2 * 13 - 2) * 2);
    // Mostly paper: white outside the letters.
    const white = first?.data.filter((value) => value === 255).length ?? 0;
    expect(white / (first?.data.length ?? 1)).toBeGreaterThan(0.95);
  });

  it("lists a scanned page's image by its own size without decoding it, and decodes it on demand", async () => {
    const scan = await jpegScan();

    const image = await withPdf(scannedPdf([scan]), (pdf) =>
      pdf.withPage(1, (page) => {
        const images = page.images();
        expect(images.map(({ width, height }) => ({ width, height }))).toEqual([
          { width: scan.width, height: scan.height },
        ]);
        return images[0]?.pixels();
      }),
    );

    expect(image).toMatchObject({ width: scan.width, height: scan.height, channels: 3 });
    expect(image?.data.length).toBe(scan.width * scan.height * 3);
  });

  it.each([
    ['a password-protected PDF', 'password', () => passwordPdf()],
    ['a PDF header over garbage', 'damaged', () => Buffer.from(`%PDF-1.7\n${'x'.repeat(2000)}`)],
    ['a truncated PDF', 'damaged', () => textPdf([['TOTAL 9.99']]).subarray(0, 300)],
  ])('refuses %s as %s', async (_name, reason, bytes) => {
    await expect(openPdf(bytes())).rejects.toMatchObject({ name: 'PdfOpenError', reason });
  });
});
