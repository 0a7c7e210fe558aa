/**
 * The engine's internals, for the tools that measure or package it (bench, eval, the OCR image packager): the
 * stages one by one, the recognizer and the model roles. Not part of the engine's public API (index.ts): nothing
 * in functions/ imports it, and `pnpm lint` refuses it there.
 */
export { extractReceipt } from './fields/index.js';
export { decodeHeif } from './formats/heif.js';
export { openPdf } from './formats/pdfium.js';
export { DEFAULT_LOAD, type LoadOptions, loadReceipt } from './image/load-receipt.js';
export { measureOrientation } from './image/text-orientation.js';
export { checkEncodedInput } from './input.js';
export { findTextLines } from './layout.js';
export { analysisCopy, decodeImage, toPgm } from './preprocess.js';
export { Recognizer } from './recognizer.js';
export { DEFAULT_MODEL_ROLES, type ModelRoles } from './recognizer-pool.js';
export { resolveLangSource } from './tessdata.js';
