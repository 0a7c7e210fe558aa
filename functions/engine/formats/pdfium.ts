/**
 * PDFium compiled to WebAssembly (@hyzyla/pdfium, MIT; PDFium BSD-3-Clause: THIRD-PARTY-NOTICES.md), the one PDF
 * library of the engine: it opens the file, lays out each page's text layer character by character, lists its
 * images and draws it. It replaced pdf.js (through unpdf; 1.8 MB of the bundle) and @napi-rs/canvas (whose Skia
 * binary was 30 MB of the OCR image, 36 MB on x64): PDFium's WASM is 4 MB, the same on every architecture, and
 * draws straight into a gray bitmap sharp takes as raw input. Measured side by side: docs/engine.md.
 *
 * The package's own document classes draw and give plain text only; the character boxes and image sizes the engine
 * needs are PDFium's C API (fpdf_text.h, fpdf_edit.h), called here on the module the package exports.
 */
import type { RawPixels } from '../input.js';
import { type Pdfium, pdfiumInstance } from './pdfium-module.js';

/** FPDF_GetLastError's answer for a file that needs a password (fpdfview.h FPDF_ERR_PASSWORD). */
const ERROR_PASSWORD = 4;
/** Unsupported security handler (FPDF_ERR_SECURITY): encrypted in a way PDFium cannot open. */
const ERROR_SECURITY = 5;
const OBJECT_IMAGE = 3;
const BITMAP_GRAY = 1;
const BITMAP_BGR = 2;
const BITMAP_BGRX = 3;
const BITMAP_BGRA = 4;
/** FPDF_ANNOT | FPDF_GRAYSCALE: annotations drawn (a stamp, a form's value), one gray byte per pixel. */
const DRAW_FLAGS = 0x01 | 0x08;

/** Why a file did not open: it needs a password, or it is not a PDF PDFium can read. */
export class PdfOpenError extends Error {
  constructor(readonly reason: 'password' | 'damaged') {
    super(reason === 'password' ? 'the PDF needs a password' : 'the PDF cannot be read');
    this.name = 'PdfOpenError';
  }
}

/** A box in page pixels at the scale asked for: x right, y down from the page's top. */
export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PdfChar {
  readonly text: string;
  /** The glyph's advance box (font ascent to descent), in pixels. */
  readonly box: PixelBox;
  /** Baseline origin, in pixels. */
  readonly x: number;
  readonly baseline: number;
  /** Em size, in pixels. */
  readonly size: number;
}

export interface PdfImage {
  /** The image's own pixel size (as stored, before the page scales it). */
  readonly width: number;
  readonly height: number;
  /** Its pixels, decoded by PDFium (masks and the page's scaling not applied), gray or RGB. */
  pixels(): RawPixels;
}

export interface PdfPageReader {
  /** Size in points as the page is shown and drawn, its /Rotate applied. */
  readonly width: number;
  readonly height: number;
  /** Size in points as the page's content is written, its /Rotate undone: the frame chars() are given in. */
  readonly written: { readonly width: number; readonly height: number };
  /**
   * The text layer, in PDFium's reading order, at `scale` pixels per point, on the page as written: a receipt turned
   * by its page's /Rotate still reads left to right there, where on the turned page each character of a line would
   * sit on a baseline of its own.
   */
  chars(scale: number): PdfChar[];
  images(): PdfImage[];
  /** The page drawn at `scale` pixels per point, gray on white. */
  draw(scale: number): RawPixels;
}

export interface PdfFile {
  readonly pageCount: number;
  /** Page `number` (1-based), read by `read` and closed after it. */
  withPage<T>(number: number, read: (page: PdfPageReader) => T): T;
  close(): void;
}

/** Opens `bytes` in an instance of its own; close() frees it. Throws PdfOpenError. */
export async function openPdf(bytes: Uint8Array): Promise<PdfFile> {
  const pdfium = await pdfiumInstance();
  // PDFium reads the file from its heap for as long as the document is open.
  const data = pdfium._malloc(Math.max(1, bytes.length));
  pdfium.HEAPU8.set(bytes, data);
  const document = pdfium._FPDF_LoadMemDocument(data, bytes.length, 0);
  if (document === 0) {
    const error = pdfium._FPDF_GetLastError();
    pdfium._free(data);
    throw new PdfOpenError(error === ERROR_PASSWORD || error === ERROR_SECURITY ? 'password' : 'damaged');
  }
  return {
    pageCount: pdfium._FPDF_GetPageCount(document),
    withPage: (number, read) => {
      const page = pdfium._FPDF_LoadPage(document, number - 1);
      if (page === 0) throw new PdfOpenError('damaged');
      try {
        return read(pageReader(pdfium, page));
      } finally {
        pdfium._FPDF_ClosePage(page);
      }
    },
    close: () => {
      pdfium._FPDF_CloseDocument(document);
      pdfium._free(data);
    },
  };
}

/** Scratch memory for out-parameters, freed after `use`. */
function withScratch<T>(pdfium: Pdfium, bytes: number, use: (pointer: number) => T): T {
  const pointer = pdfium._malloc(bytes);
  try {
    return use(pointer);
  } finally {
    pdfium._free(pointer);
  }
}

function pageReader(pdfium: Pdfium, page: number): PdfPageReader {
  const width = pdfium._FPDF_GetPageWidthF(page);
  const height = pdfium._FPDF_GetPageHeightF(page);
  // Quarter turns clockwise; PageToDevice adds its own turn to the page's, so the opposite turn undoes it.
  const rotation = pdfium._FPDFPage_GetRotation(page) % 4;
  const written = rotation % 2 === 0 ? { width, height } : { width: height, height: width };
  // Page space (points, y up) to pixels of the page as written, y down.
  const toPixels = (scratch: number, scale: number, x: number, y: number): [number, number] => {
    const size = { x: Math.round(written.width * scale), y: Math.round(written.height * scale) };
    pdfium._FPDF_PageToDevice(page, 0, 0, size.x, size.y, (4 - rotation) % 4, x, y, scratch, scratch + 4);
    return [pdfium.HEAP32[scratch >> 2] ?? 0, pdfium.HEAP32[(scratch + 4) >> 2] ?? 0];
  };
  return {
    width,
    height,
    written,
    chars: (scale) =>
      withScratch(pdfium, 32, (scratch) => {
        const text = pdfium._FPDFText_LoadPage(page);
        if (text === 0) return [];
        try {
          const found: PdfChar[] = [];
          const count = pdfium._FPDFText_CountChars(text);
          for (let index = 0; index < count; index += 1) {
            const code = pdfium._FPDFText_GetUnicode(text, index);
            pdfium._FPDFText_GetCharOrigin(text, index, scratch, scratch + 8);
            const [x, baseline] = toPixels(
              scratch + 16,
              scale,
              pdfium.HEAPF64[scratch >> 3] ?? 0,
              pdfium.HEAPF64[(scratch + 8) >> 3] ?? 0,
            );
            // FS_RECTF: left, top, right, bottom (floats).
            pdfium._FPDFText_GetLooseCharBox(text, index, scratch);
            const f = (offset: number) => pdfium.HEAPF32[(scratch + offset) >> 2] ?? 0;
            const [left, top, right, bottom] = [f(0), f(4), f(8), f(12)];
            const [ax, ay] = toPixels(scratch + 16, scale, left, top);
            const [bx, by] = toPixels(scratch + 16, scale, right, bottom);
            found.push({
              text: String.fromCodePoint(code),
              box: { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) },
              x,
              baseline,
              size: pdfium._FPDFText_GetFontSize(text, index) * scale,
            });
          }
          return found;
        } finally {
          pdfium._FPDFText_ClosePage(text);
        }
      }),
    images: () =>
      withScratch(pdfium, 8, (scratch) => {
        const found: PdfImage[] = [];
        const count = pdfium._FPDFPage_CountObjects(page);
        for (let index = 0; index < count; index += 1) {
          const object = pdfium._FPDFPage_GetObject(page, index);
          if (pdfium._FPDFPageObj_GetType(object) !== OBJECT_IMAGE) continue;
          if (!pdfium._FPDFImageObj_GetImagePixelSize(object, scratch, scratch + 4)) continue;
          const [imageWidth = 0, imageHeight = 0] = [
            pdfium.HEAP32[scratch >> 2],
            pdfium.HEAP32[(scratch + 4) >> 2],
          ];
          found.push({ width: imageWidth, height: imageHeight, pixels: () => imagePixels(pdfium, object) });
        }
        return found;
      }),
    draw: (scale) => {
      const size = { x: Math.round(width * scale), y: Math.round(height * scale) };
      const bitmap = pdfium._FPDFBitmap_CreateEx(size.x, size.y, BITMAP_GRAY, 0, 0);
      if (bitmap === 0) throw new RangeError(`PDFium could not allocate a ${size.x}x${size.y} page`);
      try {
        pdfium._FPDFBitmap_FillRect(bitmap, 0, 0, size.x, size.y, 0xffffffff);
        pdfium._FPDF_RenderPageBitmap(bitmap, page, 0, 0, size.x, size.y, 0, DRAW_FLAGS);
        return copyBitmap(pdfium, bitmap);
      } finally {
        pdfium._FPDFBitmap_Destroy(bitmap);
      }
    },
  };
}

function imagePixels(pdfium: Pdfium, object: number): RawPixels {
  const bitmap = pdfium._FPDFImageObj_GetBitmap(object);
  if (bitmap === 0) throw new PdfOpenError('damaged');
  try {
    return copyBitmap(pdfium, bitmap);
  } finally {
    pdfium._FPDFBitmap_Destroy(bitmap);
  }
}

/** A bitmap out of the heap, rows packed, as gray or RGB (PDFium's BGR(x/A) reordered). */
function copyBitmap(pdfium: Pdfium, bitmap: number): RawPixels {
  const width = pdfium._FPDFBitmap_GetWidth(bitmap);
  const height = pdfium._FPDFBitmap_GetHeight(bitmap);
  const stride = pdfium._FPDFBitmap_GetStride(bitmap);
  const format = pdfium._FPDFBitmap_GetFormat(bitmap);
  const bytesPerPixel = { [BITMAP_GRAY]: 1, [BITMAP_BGR]: 3, [BITMAP_BGRX]: 4, [BITMAP_BGRA]: 4 }[format];
  if (bytesPerPixel === undefined) throw new PdfOpenError('damaged');
  const source = pdfium.HEAPU8.subarray(pdfium._FPDFBitmap_GetBuffer(bitmap));
  const channels = bytesPerPixel === 1 ? 1 : 3;
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y += 1) {
    const row = source.subarray(y * stride, y * stride + width * bytesPerPixel);
    if (channels === 1) {
      data.set(row, y * width);
      continue;
    }
    for (let x = 0; x < width; x += 1) {
      const to = (y * width + x) * 3;
      data[to] = row[x * bytesPerPixel + 2] ?? 0;
      data[to + 1] = row[x * bytesPerPixel + 1] ?? 0;
      data[to + 2] = row[x * bytesPerPixel] ?? 0;
    }
  }
  return { data, width, height, channels };
}
