/**
 * The receipt engine: bytes in, EngineResult out. decode -> preprocess -> recognise -> extract fields.
 * One engine holds one tesseract.js worker per language set and processes one receipt at a time; run several
 * engines for parallelism (the CLI does).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { extractReceipt } from './fields/index.js';
import { checkInput } from './input.js';
import { decodeImage, toPgm } from './preprocess.js';
import { type RecognizedPage, Recognizer } from './recognizer.js';
import type { EngineInfo, EngineResult } from './schema.js';
import { MODEL, resolveLangSource } from './tessdata.js';

export interface EngineOptions {
  /** Tesseract languages the engine may read with; the first is read first. Default ['eng', 'spa']. */
  languages: string[];
  /** Folder of <lang>.traineddata(.gz); default env TESSDATA_PATH, else the @tesseract.js-data packages. */
  langPath?: string;
  /** Larger files are rejected with TOO_LARGE. Default 15 MiB. */
  maxBytes: number;
  /** Larger images (width x height) are rejected with TOO_MANY_PIXELS before decoding. Default 64 MP. */
  maxPixels: number;
  /** Replace the worker after this many recognitions. Default 200. */
  recycleAfterJobs: number;
  /** Replace the worker when the process RSS exceeds this after a job. Default 1.2 GB. */
  recycleAboveRssBytes: number;
}

export interface ReceiptEngine {
  readonly info: EngineInfo;
  /** Throws EngineError for bad input (EMPTY_FILE, UNSUPPORTED_FORMAT, ...) or a failed worker (OCR_FAILED). */
  process(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult>;
  close(): Promise<void>;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  languages: ['eng', 'spa'],
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 64_000_000,
  recycleAfterJobs: 200,
  recycleAboveRssBytes: 1_200_000_000,
};

const require = createRequire(import.meta.url);
const TESSERACT_JS_VERSION: string = require('tesseract.js/package.json').version;

class Engine implements ReceiptEngine {
  readonly info: EngineInfo;
  readonly #options: EngineOptions;
  readonly #primary: Recognizer;
  /** Serialises process() calls: the worker reads one image at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: EngineOptions) {
    this.#options = options;
    this.info = {
      name: 'tesseract.js',
      version: TESSERACT_JS_VERSION,
      languages: options.languages,
      model: MODEL,
    };
    const source = resolveLangSource(options.languages, options.langPath);
    this.#primary = new Recognizer({
      languages: options.languages[0] ?? 'eng',
      source,
      recycleAfterJobs: options.recycleAfterJobs,
      recycleAboveRssBytes: options.recycleAboveRssBytes,
    });
  }

  async start(): Promise<void> {
    await this.#primary.warm();
  }

  process(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult> {
    const run = this.#queue.then(() => this.#run(input.bytes));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run(bytes: Uint8Array): Promise<EngineResult> {
    const limits = { maxBytes: this.#options.maxBytes, maxPixels: this.#options.maxPixels };
    const t0 = performance.now();
    const format = checkInput(bytes, limits);
    const decoded = await decodeImage(bytes, format, limits);
    const t1 = performance.now();
    const scale = decoded.uprightWidth / decoded.gray.width;
    const prepared = toPgm(decoded.gray);
    const t2 = performance.now();
    const page: RecognizedPage = await this.#primary.recognize(prepared, scale);
    const language = this.#primary.options.languages;
    const t3 = performance.now();
    const extraction = extractReceipt(page.lines, { languages: language.split('+') });
    const t4 = performance.now();
    return {
      ...extraction,
      text: page.lines.map((line) => line.text).join('\n'),
      lines: page.lines,
      language,
      timings: { decodeMs: t1 - t0, preprocessMs: t2 - t1, ocrMs: t3 - t2, parseMs: t4 - t3 },
      engine: this.info,
      image: { format, width: decoded.uprightWidth, height: decoded.uprightHeight, rotation: 0 },
    };
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#primary.close();
  }
}

/** Creates an engine and starts its worker, so the first receipt does not pay the cold start. */
export async function createReceiptEngine(options: Partial<EngineOptions> = {}): Promise<ReceiptEngine> {
  const engine = new Engine({ ...DEFAULT_ENGINE_OPTIONS, ...options });
  await engine.start();
  return engine;
}
