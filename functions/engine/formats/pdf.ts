/**
 * PDF receipts (e-mailed receipts, scans saved as PDF), opened with unpdf (a serverless build of pdf.js, no
 * worker thread). Every page is read in order and the pages make one receipt, stacked top to bottom:
 *   1. the text layer, when every page has one (a digital receipt): exact text and positions, no OCR at all;
 *   2. else each page's embedded image, when the page is one image (a scanned page: pixels as scanned);
 *   3. else the page rendered at 300 dpi (@napi-rs/canvas).
 * Password-protected files are PDF_ENCRYPTED, damaged ones CORRUPT_FILE, longer ones TOO_MANY_PAGES.
 */
import { getDocumentProxy } from 'unpdf';
import { EngineError } from '../errors.js';
import type { InputLimits, RawPixels } from '../input.js';
import type { OcrLine } from '../schema.js';
import { type PageSpan, stackPages } from './pages.js';
import { pagePixels } from './pdf-image.js';
import { type PdfPage, TEXT_DPI, textLines } from './pdf-text.js';

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
  | { readonly kind: 'image'; readonly raw: RawPixels; readonly pages: PageSpan[] };

type Document = Awaited<ReturnType<typeof getDocumentProxy>>;

/** A page holds the receipt's text when its text layer has at least this many characters besides spaces. */
const MIN_TEXT_CHARACTERS = 10;

async function open(bytes: Uint8Array): Promise<Document> {
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    return await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: true, verbosity: 0 });
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'PasswordException') {
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
    if (pdf.numPages < 1) throw damaged(new Error('no pages'));
    if (pdf.numPages > limits.maxPages) {
      throw new EngineError(
        'TOO_MANY_PAGES',
        `The PDF has ${pdf.numPages} pages; a receipt may have at most ${limits.maxPages}: upload the receipt's pages only`,
      );
    }
    const pages: PdfPage[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const viewport = page.getViewport({ scale: TEXT_DPI / 72 });
      const content = await page.getTextContent();
      pages.push({ number, page, viewport, items: content.items });
    }
    const characters = (page: PdfPage) =>
      page.items.reduce((sum, item) => sum + ('str' in item ? item.str.replace(/\s/g, '').length : 0), 0);
    if (pages.every((page) => characters(page) >= MIN_TEXT_CHARACTERS)) {
      const spans = stackPages(
        pages.map((page) => ({ width: page.viewport.width, height: page.viewport.height })),
      );
      const lines = pages.flatMap((page, index) => textLines(page, spans[index]?.top ?? 0));
      const width = Math.max(...spans.map((span) => span.width));
      const height = spans.reduce((sum, span) => sum + span.height, 0);
      return { kind: 'text', lines, width, height, pages: spans };
    }
    const rasters: RawPixels[] = [];
    const pixelBudget = limits.maxPixels / pdf.numPages;
    for (const page of pages) rasters.push(await pagePixels(pdf, page, pixelBudget));
    return { kind: 'image', ...stackRasters(rasters) };
  } catch (error) {
    throw damaged(error);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/** Gray page rasters one under the other, each left-aligned on white, as one raster. */
function stackRasters(rasters: readonly RawPixels[]): { raw: RawPixels; pages: PageSpan[] } {
  const first = rasters[0];
  if (rasters.length === 1 && first !== undefined) {
    return { raw: first, pages: [{ top: 0, width: first.width, height: first.height }] };
  }
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
  return { raw: { data, width, height, channels: 1 }, pages };
}
