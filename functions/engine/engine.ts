/**
 * The receipt engine: bytes in, EngineResult out. decode -> preprocess -> recognise -> extract fields.
 * One engine holds one tesseract.js worker per language set and processes one receipt at a time; run several
 * engines for parallelism (the CLI does).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { EngineOptions } from './engine-options.js';
import { EngineError } from './errors.js';
import { extractReceipt } from './fields/index.js';
import { boxesOnPages } from './formats/pages.js';
import type { PdfContent } from './formats/pdf.js';
import { isUprightRectangle, type Quad, quadAngle } from './image/geometry.js';
import { DEFAULT_LOAD, type LoadedReceipt, loadReceiptsFrom } from './image/load-receipt.js';
import { checkInput, type ImageSource } from './input.js';
import { type LanguagePlan, planLanguages } from './languages.js';
import { rereadWeakLines } from './lines.js';
import { DEFAULT_BANDS, readInBands } from './read-bands.js';
import type { RecognizerPool } from './recognizer-pool.js';
import type { EngineInfo, EngineResult, Timings } from './schema.js';
import { secondLook } from './second-look.js';
import { MODEL_NAMES } from './tessdata.js';
import { readUnreadInk } from './unread-ink.js';

export interface ReceiptEngine {
  readonly info: EngineInfo;
  /** The language sets whose worker is running now (the first one, and others a receipt needed lately). */
  runningWorkers(): string[];
  /** Throws EngineError for bad input (EMPTY_FILE, UNSUPPORTED_FORMAT, ...) or a failed worker (OCR_FAILED). */
  process(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult>;
  /**
   * Every receipt in the image, largest first, each read on its own (several receipts laid apart in one
   * photo); one result, as process() gives, when the image holds one receipt.
   */
  processAll(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult[]>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const TESSERACT_JS_VERSION: string = require('tesseract.js/package.json').version;

/**
 * The image pipeline around a recognizer pool whose first worker createReceiptEngine (start.ts) has started: this
 * module loads sharp and the field parser, and is imported only once that worker is on its way.
 */
export class Engine implements ReceiptEngine {
  readonly info: EngineInfo;
  readonly #options: EngineOptions;
  readonly #plan: LanguagePlan;
  /** Another language's workers start with the first receipt that needs them (e.g. the first German one). */
  readonly #pool: RecognizerPool;
  /** Serialises process() calls: each worker reads one image at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: EngineOptions, pool: RecognizerPool) {
    this.#options = options;
    const { page, lines } = options.models;
    this.info = {
      name: 'tesseract.js',
      version: TESSERACT_JS_VERSION,
      languages: options.languages,
      model: page === lines ? MODEL_NAMES[page] : `${MODEL_NAMES[page]}+${MODEL_NAMES[lines]}`,
    };
    this.#plan = planLanguages(options.languages);
    this.#pool = pool;
  }

  runningWorkers(): string[] {
    return this.#pool.runningLanguages();
  }

  async process(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult> {
    const [result] = await this.#enqueue(input.bytes, 1);
    if (result === undefined) throw new EngineError('OCR_FAILED', 'The engine returned no result', true);
    return result;
  }

  processAll(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult[]> {
    return this.#enqueue(input.bytes, MAX_RECEIPTS_PER_IMAGE);
  }

  #enqueue(bytes: Uint8Array, maxReceipts: number): Promise<EngineResult[]> {
    const run = this.#queue.then(() => this.#run(bytes, maxReceipts));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run(bytes: Uint8Array, maxReceipts: number): Promise<EngineResult[]> {
    const limits = { maxBytes: this.#options.maxBytes, maxPixels: this.#options.maxPixels };
    const started = performance.now();
    const format = checkInput(bytes, limits);
    if (format === 'pdf') return [await this.#readPdf(bytes, started)];
    const source: ImageSource =
      format === 'heif' ? { raw: await (await heif()).decodeHeif(bytes, limits), format } : { bytes, format };
    // The receipts found, cropped and flattened; decoding only their regions is part of the decode stage.
    const receipts = await loadReceiptsFrom(source, limits, DEFAULT_LOAD, maxReceipts);
    const decodeMs = performance.now() - started;
    const results: EngineResult[] = [];
    for (const loaded of receipts) results.push(await this.#read(loaded, format, decodeMs));
    return results;
  }

  /** A PDF's pages as one receipt: its text layer read as it is, or its pages' pixels recognised. */
  async #readPdf(bytes: Uint8Array, started: number): Promise<EngineResult> {
    const limits = { maxBytes: this.#options.maxBytes, maxPixels: this.#options.maxPixels };
    const content = await (await pdf()).readPdf(bytes, { ...limits, maxPages: this.#options.maxPages });
    const decodeMs = performance.now() - started;
    if (content.kind === 'text') return boxesOnPages(this.#readText(content, decodeMs), content.pages);
    // One page is a scan like any other (the receipt looked for on it); stacked pages are read whole.
    const options = { ...DEFAULT_LOAD, find: content.pages.length === 1 };
    const [loaded] = await loadReceiptsFrom(content.source, limits, options, 1);
    if (loaded === undefined) throw new EngineError('OCR_FAILED', 'The engine returned no result', true);
    return boxesOnPages(await this.#read(loaded, 'pdf', decodeMs), content.pages);
  }

  /** A digital PDF's own text: the field extractor over its lines, without recognition. */
  #readText(content: Extract<PdfContent, { kind: 'text' }>, decodeMs: number): EngineResult {
    const timer = new StageTimer();
    timer.timings.decodeMs = decodeMs;
    const language = this.#plan.first;
    const extraction = extractReceipt(content.lines, { languages: [language] });
    timer.lap('parseMs');
    return {
      ...extraction,
      text: content.lines.map((line) => line.text).join('\n'),
      lines: content.lines,
      language,
      timings: timer.timings,
      engine: this.info,
      image: {
        format: 'pdf',
        width: Math.round(content.width),
        height: Math.round(content.height),
        rotation: 0,
      },
    };
  }

  /** Reads one receipt: upright, recognised, its fields extracted. */
  async #read(loaded: LoadedReceipt, format: string, decodeMs: number): Promise<EngineResult> {
    if (loaded.image.height > this.#options.maxReadHeight) {
      throw new EngineError(
        'TOO_LONG',
        `The receipt is ${loaded.image.height} pixels long as read; the limit is ${this.#options.maxReadHeight}: split it into parts and upload each`,
      );
    }
    const timer = new StageTimer();
    timer.timings.decodeMs = decodeMs;
    // Boxes and sizes are reported on the original's pixel grid, not the downscaled one Tesseract reads.
    const scale = loaded.scale;
    // A photo: the receipt's outline leans or narrows with the perspective, or it was shot at a phone camera's
    // resolution, well above the one read (a flatbed scan of a receipt is about that size).
    const photographed =
      (loaded.crop !== undefined && !isUprightRectangle(loaded.crop)) || scale >= PHOTO_SCALE;
    let best = await readInBands(
      loaded.image,
      scale,
      this.#pool.page(this.#plan.first),
      (stage) => timer.lap(stage),
      DEFAULT_BANDS,
      { photographed },
    );

    if (this.#options.rereadWeakLines !== false) {
      const lines = await rereadWeakLines(
        best.page.lines,
        best.image,
        scale,
        this.#pool.lines(this.#plan.first),
        this.#options.rereadWeakLines,
        best.page.digits,
      );
      best = { ...best, page: { ...best.page, lines } };
      timer.lap('ocrMs');
    }

    if (this.#options.unreadInk !== false) {
      const lines = await readUnreadInk(
        best.page.lines,
        best.image,
        scale,
        this.#pool.lines(this.#plan.first),
        best.page.digits,
        this.#options.unreadInk,
      );
      best = { ...best, page: { ...best.page, lines } };
    }

    const { lines, extraction, language } = await secondLook({
      lines: best.page.lines,
      ...(best.page.digits === undefined ? {} : { digits: best.page.digits }),
      image: best.image,
      scale,
      plan: this.#plan,
      pool: this.#pool,
      fieldLines: this.#options.fieldLines,
      itemLines: this.#options.itemLines,
    });
    best = { ...best, page: { ...best.page, lines } };
    // Line re-reads and the extraction between them: mostly recognition.
    timer.lap('ocrMs');
    await this.#pool.closeIdle(this.#plan.first, language.split('+'), this.#options.closeIdleLanguageAfter);
    return {
      ...extraction,
      text: best.page.lines.map((line) => line.text).join('\n'),
      lines: best.page.lines,
      language,
      timings: timer.timings,
      engine: this.info,
      image: {
        format,
        width: Math.round(best.image.width * scale),
        height: Math.round(best.image.height * scale),
        // The crop's warp levelled the receipt first: its turn counts in the rotation applied.
        rotation: best.rotation - (loaded.crop === undefined ? 0 : quadAngle(loaded.crop)),
        ...(loaded.crop === undefined ? {} : { crop: roundCorners(loaded.crop) }),
      },
    };
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#pool.close();
  }
}

/**
 * The PDF reader (PDFium's WASM, 4 MB) and the HEIF decoder (libheif's WASM) load with the first file that
 * needs them: a cold start reading a JPEG pays for neither.
 */
const pdf = () => import('./formats/pdf.js');
const heif = () => import('./formats/heif.js');

/** Original pixels per pixel read from which an image is a photo's (a 12 MP receipt photo reads at 1.4-2.5). */
const PHOTO_SCALE = 1.25;

/** Receipts read from one image at most (processAll). */
const MAX_RECEIPTS_PER_IMAGE = 4;

function roundCorners(quad: Quad): { x: number; y: number }[] {
  return quad.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
}

/** Accumulates wall time per stage; a stage may run several times (one reading per orientation tried). */
class StageTimer {
  readonly timings: Timings = { decodeMs: 0, preprocessMs: 0, ocrMs: 0, parseMs: 0 };
  #last = performance.now();

  lap(stage: keyof Timings): void {
    const now = performance.now();
    this.timings[stage] += now - this.#last;
    this.#last = now;
  }
}
