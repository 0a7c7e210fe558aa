/**
 * One tesseract.js worker, created once and reused across receipts (creating one per image is the costliest
 * mistake: 0.4 s each). It is replaced after N jobs or above an RSS mark because the WASM heap never shrinks
 * (tesseract.js #900, #977, #1045), and after a crash.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createWorker, type InitOptions, OEM, PSM, type Worker } from 'tesseract.js';
import { EngineError } from './errors.js';
import { type DigitGlyph, type GlyphSymbol, type PageDigits, readZeros } from './image/zero-glyph.js';
import type { GrayImage } from './preprocess.js';
import type { OcrLine, OcrWord } from './schema.js';
import type { LangSource } from './tessdata.js';

export interface RecognizerOptions {
  /** Tesseract language string, e.g. "eng" or "spa+eng" (the first is the primary model). */
  readonly languages: string;
  readonly source: LangSource;
  readonly recycleAfterJobs: number;
  readonly recycleAboveRssBytes: number;
  /** Page segmentation mode; receipts are one block of lines (psm 6). */
  readonly psm?: PSM;
  /** Extra Tesseract parameters (measured variants; see docs/engine.md). */
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface RecognizedPage {
  readonly lines: OcrLine[];
  /** Mean word confidence 0..1 (0 when nothing was read). */
  readonly confidence: number;
  /** The digit glyphs of its numbers, when read with its raster: a line cut from it is judged with them. */
  readonly digits?: readonly DigitGlyph[];
}

/** How to read an image (Recognizer.recognize). */
export interface RecognizeOptions {
  /** Maps the image's pixels back to the caller's grid. Default 1. */
  readonly scale?: number;
  /** Read the image as a single text line (psm 7). Default false. */
  readonly line?: boolean;
  /** The raster the image encodes, so slashed zeros can be told from 8s (image/zero-glyph.ts). */
  readonly glyphs?: GrayImage;
  /** For a line cut from a page: the page's digits, to judge the line's zeros by. */
  readonly page?: PageDigits;
}

interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
  symbols?: GlyphSymbol[];
}
interface TessLine {
  text: string;
  confidence: number;
  bbox: TessBox;
  words: TessWord[];
}
interface TessBlock {
  paragraphs: { lines: TessLine[] }[];
}

function scaleBox(box: TessBox, scale: number) {
  return {
    x0: Math.round(box.x0 * scale),
    y0: Math.round(box.y0 * scale),
    x1: Math.round(box.x1 * scale),
    y1: Math.round(box.y1 * scale),
  };
}

const unit = (percent: number) => Math.min(1, Math.max(0, percent / 100));

/**
 * Tesseract's block tree flattened to lines of words; boxes scaled back to the caller's pixel grid. With the
 * `glyphs` Tesseract read, digits printed as slashed or dotted zeros are read as zeros (image/zero-glyph.ts).
 */
export function toOcrLines(
  blocks: readonly TessBlock[] | null,
  scale: number,
  glyphs?: GrayImage,
  page?: PageDigits,
): { lines: OcrLine[]; digits?: DigitGlyph[] } {
  const tessLines = (blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) => paragraph.lines),
  );
  const tessWords = tessLines.flatMap((line) => line.words);
  const zeros = glyphs === undefined ? undefined : readZeros(tessWords, glyphs, page);
  const texts = zeros?.texts ?? tessWords.map((word) => word.text);
  const textOf = new Map(tessWords.map((word, i) => [word, texts[i] ?? word.text]));
  const lines: OcrLine[] = [];
  for (const line of tessLines) {
    const words: OcrWord[] = line.words
      .filter((word) => word.text.trim() !== '')
      .map((word) => ({
        text: textOf.get(word) ?? word.text,
        confidence: unit(word.confidence),
        bbox: scaleBox(word.bbox, scale),
      }));
    if (words.length === 0) continue;
    lines.push({
      text: words.map((word) => word.text).join(' '),
      confidence: unit(line.confidence),
      bbox: scaleBox(line.bbox, scale),
      words,
    });
  }
  return zeros === undefined ? { lines } : { lines, digits: zeros.glyphs };
}

export function meanWordConfidence(lines: readonly OcrLine[]): number {
  const words = lines.flatMap((line) => line.words);
  if (words.length === 0) return 0;
  return words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
}

/**
 * Tesseract's own chatter goes nowhere, from the model's loading on: "Image too small to scale!!" and "Line cannot
 * be recognized!!" for a speck a line crop holds went to stderr, unstructured, about once a receipt, and loading the
 * Italian model printed `Error: failed to load ./ita.special-words` (a word list the model names and does not
 * carry) at every start of its worker: an "Error" line in the function's logs for nothing. The engine reports what
 * matters. A parameter given at load (tesseract.js's init config) stays set for every job after; tesseract.js's
 * typing lists only the dictionaries' switches.
 */
const QUIET_LOAD = { debug_file: '/dev/null' } as Partial<InitOptions>;

export class Recognizer {
  #worker: Promise<Worker> | undefined;
  /**
   * The page segmentation mode each worker is in. Lines and pages take turns, and a mode given with the job
   * instead makes tesseract.js save and restore every Tesseract parameter around it: 2 ms of a line's 7-25
   * (docs/engine.md, session 19). So the worker is switched only when the next job needs the other mode.
   */
  readonly #modes = new WeakMap<Worker, PSM>();
  #jobs = 0;
  #generation = 0;

  constructor(readonly options: RecognizerOptions) {}

  /** Whether a worker is running (or starting): false before the first job, after close() and after a recycle. */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /** How many workers this recognizer has started (1 + recycles + crash replacements). */
  get generation(): number {
    return this.#generation;
  }

  get #pageMode(): PSM {
    return this.options.psm ?? PSM.SINGLE_BLOCK;
  }

  /** Starts the worker now rather than on the first receipt (cold start happens once, at init). */
  async warm(): Promise<void> {
    await this.#current();
  }

  #current(): Promise<Worker> {
    if (this.#worker === undefined) {
      this.#generation += 1;
      this.#jobs = 0;
      const started = this.#start();
      // A failed start must not poison the next attempt.
      started.catch(() => {
        if (this.#worker === started) this.#worker = undefined;
      });
      this.#worker = started;
    }
    return this.#worker;
  }

  async #start(): Promise<Worker> {
    const { languages, source } = this.options;
    // tesseract.js 7 never settles createWorker when a language fails to load (only a failed core load
    // rejects it), so a missing file would hang the engine: check first.
    const missing = languages
      .split('+')
      .map((language) => path.join(source.langPath, `${language}.traineddata${source.gzip ? '.gz' : ''}`))
      .filter((file) => !existsSync(file));
    if (missing.length > 0) {
      throw new EngineError('OCR_FAILED', `Traineddata not found: ${missing.join(', ')}`);
    }
    let failStart: (reason: unknown) => void = () => {};
    const startFailed = new Promise<never>((_, reject) => {
      failStart = reject;
    });
    try {
      const worker = await Promise.race([
        createWorker(
          languages,
          OEM.LSTM_ONLY,
          {
            langPath: source.langPath,
            gzip: source.gzip,
            // Never read or write a traineddata cache: the data is local already, and Lambda's disk is read-only.
            cacheMethod: 'none',
            // Without a handler tesseract.js rethrows worker errors as uncaught exceptions. A failing job
            // rejects its own promise; a failing start (e.g. damaged traineddata) only reaches this handler.
            errorHandler: (error: unknown) => failStart(error),
          },
          QUIET_LOAD,
        ),
        startFailed,
      ]);
      failStart = () => {};
      await worker.setParameters({
        tessedit_pageseg_mode: this.#pageMode,
        // Receipts are scans; naming a resolution silences Tesseract's per-image estimate.
        user_defined_dpi: '300',
        // Tesseract re-reads every low-confidence line inverted (white on black) by default. Receipts are dark
        // on light: measured on the dev set, turning it off saved 12% of recognition time at equal CER.
        tessedit_do_invert: '0',
        ...this.options.parameters,
      });
      this.#modes.set(worker, this.#pageMode);
      return worker;
    } catch (error) {
      throw new EngineError(
        'OCR_FAILED',
        `The OCR worker could not start (${languages}): ${String(error)}`,
        true,
        {
          cause: error,
        },
      );
    }
  }

  /** Reads one prepared image (PNG or PGM bytes). Calls must not overlap: the engine serialises them. */
  async recognize(image: Uint8Array, options: RecognizeOptions = {}): Promise<RecognizedPage> {
    const { scale = 1, line = false, glyphs, page } = options;
    const worker = await this.#current();
    let blocks: TessBlock[] | null;
    try {
      // A line crop is read as one text line (psm 7).
      const mode = line ? PSM.SINGLE_LINE : this.#pageMode;
      if (this.#modes.get(worker) !== mode) {
        await worker.setParameters({ tessedit_pageseg_mode: mode });
        this.#modes.set(worker, mode);
      }
      const result = await worker.recognize(Buffer.from(image), {}, { blocks: true, text: false });
      blocks = result.data.blocks as unknown as TessBlock[] | null;
    } catch (error) {
      await this.#retire();
      throw new EngineError('OCR_FAILED', `Recognition failed: ${String(error)}`, true, { cause: error });
    }
    // Line re-reads are small; only page readings count towards recycling (RSS is checked after every job).
    if (!line) this.#jobs += 1;
    if (
      this.#jobs >= this.options.recycleAfterJobs ||
      process.memoryUsage.rss() > this.options.recycleAboveRssBytes
    ) {
      await this.#retire();
    }
    const { lines, digits } = toOcrLines(blocks, scale, glyphs, page);
    return { lines, confidence: meanWordConfidence(lines), ...(digits === undefined ? {} : { digits }) };
  }

  async #retire(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker === undefined) return;
    try {
      await (await worker).terminate();
    } catch {
      // A worker that failed to start or already died has nothing left to free.
    }
  }

  async close(): Promise<void> {
    await this.#retire();
  }
}
