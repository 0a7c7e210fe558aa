/** CPU architectures the OCR image is built for (Lambda arm64 = Graviton, x64 = x86_64). */
export type TargetArch = 'arm64' | 'x64';

/** Accepts Node's names and Docker's TARGETARCH (`amd64`). */
export function parseArch(value: string): TargetArch {
  if (value === 'arm64' || value === 'aarch64') return 'arm64';
  if (value === 'x64' || value === 'amd64' || value === 'x86_64') return 'x64';
  throw new Error(`Unsupported --arch "${value}": use arm64 or x64 (amd64)`);
}

/** The OCR function's entry points and where each lands in the image (`<out>.handler`). */
export const OCR_ENTRIES: Readonly<Record<string, string>> = {
  'ocr/handler': 'functions/ocr/handler.ts',
  'ocr/sync-ocr': 'functions/api/image-handlers/sync-ocr.ts',
};

/**
 * Packages the bundle keeps external: tesseract.js starts its worker thread from a script file inside its own
 * package and loads the WASM core from tesseract.js-core's folder; sharp loads a native addon for the platform;
 * @hyzyla/pdfium (PDF pages drawn) reads its WASM from its own folder (formats/pdfium-module.ts); libheif-js (HEIC) is
 * LGPL-3.0 and ships as its own unmodified package (THIRD-PARTY-NOTICES.md), never inlined into our bundle.
 */
export const EXTERNAL_PACKAGES = ['tesseract.js', 'sharp', '@hyzyla/pdfium', 'libheif-js'] as const;
