/**
 * createReceiptEngine: the engine's constructor. It starts the first tesseract.js worker before it imports the
 * image pipeline (engine.ts: sharp and libvips, the layout and field code), so the worker thread compiles the WASM
 * core and reads the model while this thread evaluates those modules, instead of after them (docs/engine.md,
 * "Cold start"). Nothing here may import sharp: the bundle would load it before this module runs.
 */
import type { ReceiptEngine } from './engine.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './engine-options.js';
import { planLanguages } from './languages.js';
import { RecognizerPool } from './recognizer-pool.js';

/** Creates an engine and starts its worker, so the first receipt does not pay the cold start. */
export async function createReceiptEngine(options: Partial<EngineOptions> = {}): Promise<ReceiptEngine> {
  const resolved: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const pool = new RecognizerPool({
    languages: resolved.languages,
    roles: resolved.models,
    ...(resolved.langPath === undefined ? {} : { langPath: resolved.langPath }),
    recycleAfterJobs: resolved.recycleAfterJobs,
    recycleAboveRssBytes: resolved.recycleAboveRssBytes,
  });
  const warm = pool.warm(planLanguages(resolved.languages).first);
  try {
    const [{ Engine }] = await Promise.all([import('./engine.js'), warm]);
    return new Engine(resolved, pool);
  } catch (error) {
    await pool.close();
    throw error;
  }
}
