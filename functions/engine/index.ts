/** The engine's public API: what the OCR Lambda, the CLI, eval and bench import. */
export type { ReceiptEngine } from './engine.js';
export { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './engine-options.js';
export * from './errors.js';
export * from './schema.js';
export { ACCEPTED_FORMATS, detectImageFormat } from './sniff.js';
export { createReceiptEngine } from './start.js';
