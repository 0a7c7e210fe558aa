/**
 * PDFium's WebAssembly module (@hyzyla/pdfium, MIT; PDFium BSD-3-Clause: THIRD-PARTY-NOTICES.md) and the part of
 * its C API (fpdfview.h, fpdf_text.h, fpdf_edit.h) the engine calls: compiled once from the package's own folder,
 * one instance per PDF.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFiumModule } from '@hyzyla/pdfium';

const require = createRequire(import.meta.url);

/** PDFium's C functions used here (pointers are numbers into the module's heap). */
export interface Pdfium {
  _FPDF_InitLibrary(): void;
  _FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  _FPDF_GetLastError(): number;
  _FPDF_CloseDocument(document: number): void;
  _FPDF_GetPageCount(document: number): number;
  _FPDF_LoadPage(document: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDF_GetPageWidthF(page: number): number;
  _FPDF_GetPageHeightF(page: number): number;
  _FPDFPage_GetRotation(page: number): number;
  _FPDF_PageToDevice(
    page: number,
    startX: number,
    startY: number,
    sizeX: number,
    sizeY: number,
    rotate: number,
    pageX: number,
    pageY: number,
    deviceX: number,
    deviceY: number,
  ): number;
  _FPDFText_LoadPage(page: number): number;
  _FPDFText_ClosePage(text: number): void;
  _FPDFText_CountChars(text: number): number;
  _FPDFText_GetUnicode(text: number, index: number): number;
  _FPDFText_GetFontSize(text: number, index: number): number;
  _FPDFText_GetCharOrigin(text: number, index: number, x: number, y: number): number;
  _FPDFText_GetLooseCharBox(text: number, index: number, rect: number): number;
  _FPDFPage_CountObjects(page: number): number;
  _FPDFPage_GetObject(page: number, index: number): number;
  _FPDFPageObj_GetType(object: number): number;
  _FPDFImageObj_GetImagePixelSize(object: number, width: number, height: number): number;
  _FPDFImageObj_GetBitmap(object: number): number;
  _FPDFBitmap_CreateEx(width: number, height: number, format: number, buffer: number, stride: number): number;
  _FPDFBitmap_FillRect(
    bitmap: number,
    left: number,
    top: number,
    width: number,
    height: number,
    color: number,
  ): void;
  _FPDF_RenderPageBitmap(
    bitmap: number,
    page: number,
    startX: number,
    startY: number,
    sizeX: number,
    sizeY: number,
    rotate: number,
    flags: number,
  ): void;
  _FPDFBitmap_Destroy(bitmap: number): void;
  _FPDFBitmap_GetBuffer(bitmap: number): number;
  _FPDFBitmap_GetWidth(bitmap: number): number;
  _FPDFBitmap_GetHeight(bitmap: number): number;
  _FPDFBitmap_GetStride(bitmap: number): number;
  _FPDFBitmap_GetFormat(bitmap: number): number;
  _malloc(size: number): number;
  _free(pointer: number): void;
  readonly HEAPU8: Uint8Array;
  readonly HEAP32: Int32Array;
  readonly HEAPF32: Float32Array;
  readonly HEAPF64: Float64Array;
}

/** The part of the WebAssembly JavaScript API used here: the project's TypeScript libs (no DOM) do not declare it. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: unknown): Promise<object>;
}
type WasmModule = { readonly compiled: unique symbol };
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi };

/**
 * Compiled once, from the package's own folder: the library's default looks for the file beside its script, which a
 * bundle moves, and in a browser would fetch it.
 */
let compiled: Promise<WasmModule> | undefined;

function pdfiumCode(): Promise<WasmModule> {
  compiled ??= readFile(require.resolve('@hyzyla/pdfium/pdfium.wasm')).then((bytes) => wasm.compile(bytes));
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

/**
 * An instance per PDF, like libheif's per photo (heif.ts): a WASM heap never shrinks, and a kept instance would hold
 * the largest page's bitmap for the life of the function. Instantiating the compiled code costs 12-17 ms.
 */
export async function pdfiumInstance(): Promise<Pdfium> {
  const code = await pdfiumCode();
  const module = await new Promise<unknown>((resolve, reject) => {
    PDFiumModule({
      // Emscripten calls back with the instance (the package's typings name the module instead), and would wait
      // for ever on an instantiation that failed: that failure rejects here.
      instantiateWasm: (imports, receive) => {
        const done = receive as unknown as (instance: object, module: WasmModule) => void;
        wasm.instantiate(code, imports).then((made) => done(made, code), reject);
        return {};
      },
    }).then(resolve, reject);
  });
  const pdfium = module as Pdfium;
  pdfium._FPDF_InitLibrary();
  return pdfium;
}
