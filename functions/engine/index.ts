/** The engine's public API: what the OCR Lambda, the CLI, eval and bench import. */
export {
  createReceiptEngine,
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  type ReceiptEngine,
} from './engine.js';
export * from './errors.js';
export { ACCEPTED_FORMATS, detectImageFormat } from './input.js';
export * from './schema.js';
