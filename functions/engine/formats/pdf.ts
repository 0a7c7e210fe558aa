/**
 * PDF receipts (e-mailed receipts, scans saved as PDF), opened with PDFium's WASM (pdfium.ts). Every page is read in
 * order and the pages make one receipt, stacked top to bottom:
 *   1. the text layer, when every page has one (a digital receipt): exact text and positions, no OCR at all;
 *   2. else each page's embedded image, when the page is one image (a scanned page: its JPEG as scanned);
 *   3. else the page drawn at 300 dpi.
 * Password-protected files are PDF_ENCRYPTED, damaged ones CORRUPT_FILE, longer ones TOO_MANY_PAGES.
 */
import { EngineError } from '../errors.js';
import { type ImageSource, type InputLimits, openSource, type RawPixels } from '../input.js';
import type { OcrLine } from '../schema.js';
import { type PageSpan, stackPages } from './pages.js';
import { type PageImage, pageImage } from './pdf-image.js';
import { embeddedJpegs } from './pdf-jpeg.js';
import { type PdfPage, TEXT_DPI, textCharacters, textLines } from './pdf-text.js';
import { openPdf, type PdfFile, PdfOpenError } from './pdfium.js';

export interface PdfLimits extends InputLimits {
  /** Pages read at most; a longer PDF is refused with TOO_MANY_PAGES. */
  readonly maxPages: number;
}

export type PdfContent =
  | {
      readonly kind: 'text';
      /** Lines of all pages, on one grid at TEXT_DPI with the pages stacked. */
      readonly lines: OcrLine[];
      readonly width: number;
      readonly height: number;
      readonly pages: PageSpan[];
    }
  | { readonly kind: 'image'; readonly source: ImageSource; readonly pages: PageSpan[] };

/** A page holds the receipt's text when its text layer has at least this many characters besides spaces. */
const MIN_TEXT_CHARACTERS = 10;

async function open(bytes: Uint8Array): Promise<PdfFile> {
  try {
    return await openPdf(bytes);
  } catch (error) {
    if (error instanceof PdfOpenError && error.reason === 'password') {
      throw new EngineError(
        'PDF_ENCRYPTED',
        'The PDF is protected by a password: save or print it as a PDF without a password, or upload a photo',
        false,
        { cause: error },
      );
    }
    throw damaged(error);
  }
}

function damaged(cause: unknown): EngineError {
  if (cause instanceof EngineError) return cause;
  return new EngineError(
    'CORRUPT_FILE',
    'The PDF is damaged or truncated and cannot be read: download or export it again',
    false,
    { cause },
  );
}

export async function readPdf(bytes: Uint8Array, limits: PdfLimits): Promise<PdfContent> {
  const pdf = await open(bytes);
  try {
    if (pdf.pageCount < 1) throw damaged(new Error('no pages'));
    if (pdf.pageCount > limits.maxPages) {
      throw new EngineError(
        'TOO_MANY_PAGES',
        `The PDF has ${pdf.pageCount} pages; a receipt may have at most ${limits.maxPages}: upload the receipt's pages only`,
      );
    }
    const scale = TEXT_DPI / 72;
    const pages: PdfPage[] = [];
    for (let number = 1; number <= pdf.pageCount; number += 1) {
      pages.push(
        pdf.withPage(number, (page) => ({
          number,
          width: page.width * scale,
          height: page.height * scale,
          chars: page.chars(scale),
          written: { width: page.written.width * scale, height: page.written.height * scale },
        })),
      );
    }
    if (pages.every((page) => textCharacters(page) >= MIN_TEXT_CHARACTERS)) {
      const spans = stackPages(pages.map((page) => page.written));
      const lines = pages.flatMap((page, index) => textLines(page, spans[index]?.top ?? 0));
      const width = Math.max(...spans.map((span) => span.width));
      const height = spans.reduce((sum, span) => sum + span.height, 0);
      return { kind: 'text', lines, width, height, pages: spans };
    }
    const jpegs = await embeddedJpegs(bytes);
    const images: PageImage[] = [];
    const pixelBudget = limits.maxPixels / pdf.pageCount;
    for (const page of pages) images.push(await pageImage(pdf, page, pixelBudget, jpegs));
    const [first] = images;
    if (images.length === 1 && first !== undefined) {
      return {
        kind: 'image',
        source: first.source,
        pages: [{ top: 0, width: first.width, height: first.height }],
      };
    }
    const rasters: RawPixels[] = [];
    for (const image of images) rasters.push(await gray(image.source, limits));
    return { kind: 'image', ...stackRasters(rasters) };
  } catch (error) {
    throw damaged(error);
  } finally {
    pdf.close();
  }
}

async function gray(source: ImageSource, limits: InputLimits): Promise<RawPixels> {
  if ('raw' in source && source.raw.channels === 1) return source.raw;
  // A PDF viewer ignores an embedded JPEG's EXIF orientation: so do we.
  const { data, info } = await openSource(source, limits, { autoOrient: false })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

/** Gray page rasters one under the other, each left-aligned on white, as one raster. */
function stackRasters(rasters: readonly RawPixels[]): { source: ImageSource; pages: PageSpan[] } {
  const pages = stackPages(rasters);
  const width = Math.max(...rasters.map((raster) => raster.width));
  const height = pages.reduce((sum, page) => sum + page.height, 0);
  const data = Buffer.alloc(width * height, 255);
  rasters.forEach((raster, index) => {
    const top = pages[index]?.top ?? 0;
    for (let y = 0; y < raster.height; y += 1) {
      raster.data.copy(data, (top + y) * width, y * raster.width, (y + 1) * raster.width);
    }
  });
  return { source: { raw: { data, width, height, channels: 1 }, format: 'pdf' }, pages };
}
