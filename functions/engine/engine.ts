/**
 * The receipt engine: bytes in, EngineResult out. decode -> preprocess -> recognise -> extract fields.
 * One engine holds one tesseract.js worker per language set and processes one receipt at a time; run several
 * engines for parallelism (the CLI does).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { FieldLineOptions } from './field-lines.js';
import { checkInput } from './input.js';
import { DEFAULT_LANGUAGES, type LanguagePlan, planLanguages } from './languages.js';
import { findPaper, findTextLines } from './layout.js';
import { type RereadOptions, rereadWeakLines } from './lines.js';
import { analysisCopy, cropImage, decodeImage, type GrayImage, rotateImage, toPgm } from './preprocess.js';
import { type RecognizedPage, Recognizer } from './recognizer.js';
import type { EngineInfo, EngineResult, Timings } from './schema.js';
import { DEFAULT_FIELD_LINES, secondLook } from './second-look.js';
import { MODEL, resolveLangSource } from './tessdata.js';

export interface EngineOptions {
  /** Tesseract languages the engine may read with; the first is read first. Default DEFAULT_LANGUAGES. */
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
  /**
   * Read low-confidence lines again, enlarged (lines.ts), or false. Default false: measured on the dev set,
   * { below: 0.7, maxLines: 4 } lowered CER 12.73% -> 12.55% and found one more company, for +10% time.
   */
  rereadWeakLines: RereadOptions | false;
  /**
   * Read the lines the key fields come from again, enlarged, when the first extraction is unsure of them (and
   * another language's receipt's word lines with its model), or false. See second-look.ts.
   */
  fieldLines: FieldLineOptions | false;
}

export interface ReceiptEngine {
  readonly info: EngineInfo;
  /** Throws EngineError for bad input (EMPTY_FILE, UNSUPPORTED_FORMAT, ...) or a failed worker (OCR_FAILED). */
  process(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult>;
  close(): Promise<void>;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  languages: [...DEFAULT_LANGUAGES],
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 64_000_000,
  recycleAfterJobs: 200,
  recycleAboveRssBytes: 1_200_000_000,
  rereadWeakLines: false,
  fieldLines: DEFAULT_FIELD_LINES,
};

const require = createRequire(import.meta.url);
const TESSERACT_JS_VERSION: string = require('tesseract.js/package.json').version;

/**
 * A first reading at or above this mean word confidence is kept as it is. Below it the page may be upside
 * down or sideways, and other orientations are probed. Measured: turned synthetic receipts read at 0.40-0.50,
 * upright SROIE scans mostly at 0.6-0.9, a few faded ones at 0.37-0.56 (those pay for a probe).
 */
export const ORIENTATION_CONFIDENCE = 0.52;
/** Text lines this much stronger on the quarter-turned page suggest a sideways page (layout.ts). */
const SIDEWAYS_HINT = 1.3;
/** A turned band must read this much more confidently than the upright band to turn the page. */
const PROBE_MARGIN = 0.15;
/** The probe band is a quarter of the page, but at least this many pixels tall. */
const PROBE_BAND_MIN = 240;

interface PageLayout {
  /** The page inside its dark margins, at reading resolution. */
  readonly image: GrayImage;
  /** The same at analysis resolution (about 600 px). */
  readonly small: GrayImage;
  /** Clockwise degrees that level the upright page's lines. */
  readonly skew: number;
}

interface Reading {
  readonly page: RecognizedPage;
  readonly image: GrayImage;
  readonly rotation: number;
}

class Engine implements ReceiptEngine {
  readonly info: EngineInfo;
  readonly #options: EngineOptions;
  readonly #plan: LanguagePlan;
  readonly #first: Recognizer;
  /** One per other language; each starts its worker on the first receipt that needs it (e.g. the first German one). */
  readonly #others: ReadonlyMap<string, Recognizer>;
  /** Serialises process() calls: each worker reads one image at a time. */
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
    this.#plan = planLanguages(options.languages);
    const recognizer = (languages: string) =>
      new Recognizer({
        languages,
        source,
        recycleAfterJobs: options.recycleAfterJobs,
        recycleAboveRssBytes: options.recycleAboveRssBytes,
      });
    this.#first = recognizer(this.#plan.first);
    this.#others = new Map(this.#plan.others.map((language) => [language, recognizer(language)]));
  }

  async start(): Promise<void> {
    await this.#first.warm();
  }

  process(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult> {
    const run = this.#queue.then(() => this.#run(input.bytes));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run(bytes: Uint8Array): Promise<EngineResult> {
    const limits = { maxBytes: this.#options.maxBytes, maxPixels: this.#options.maxPixels };
    const timer = new StageTimer();
    const format = checkInput(bytes, limits);
    const decoded = await decodeImage(bytes, format, limits);
    timer.lap('decodeMs');
    // Boxes and sizes are reported on the original's pixel grid, not the downscaled one Tesseract reads.
    const scale = decoded.uprightWidth / decoded.gray.width;
    const page = await this.#layout(decoded.gray);
    timer.lap('preprocessMs');

    let best = await this.#read(page, 0, scale, timer);
    if (best.page.confidence < ORIENTATION_CONFIDENCE) {
      const rotation = await this.#probeOrientation(page, timer);
      if (rotation !== 0) {
        const turned = await this.#read(page, rotation, scale, timer);
        if (turned.page.confidence > best.page.confidence) best = turned;
      }
    }

    if (this.#options.rereadWeakLines !== false) {
      const lines = await rereadWeakLines(
        best.page.lines,
        best.image,
        scale,
        this.#first,
        this.#options.rereadWeakLines,
      );
      best = { ...best, page: { ...best.page, lines } };
      timer.lap('ocrMs');
    }

    const { lines, extraction, language } = await secondLook({
      lines: best.page.lines,
      image: best.image,
      scale,
      plan: this.#plan,
      first: this.#first,
      others: this.#others,
      fieldLines: this.#options.fieldLines,
    });
    best = { ...best, page: { ...best.page, lines } };
    // Line re-reads and the extraction between them: mostly recognition.
    timer.lap('ocrMs');
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
        rotation: best.rotation,
      },
    };
  }

  /** Cuts dark margins and measures the skew once; the readings below reuse it. */
  async #layout(gray: GrayImage): Promise<PageLayout> {
    const small = await analysisCopy(gray);
    const paper = findPaper(small);
    const factor = gray.width / small.width;
    // One analysis pixel more on each cut side: the edge row at full resolution may still be partly dark.
    const inset = (cut: boolean) => (cut ? 1 : 0);
    const left = Math.round((paper.left + inset(paper.left > 0)) * factor);
    const top = Math.round((paper.top + inset(paper.top > 0)) * factor);
    const right = Math.min(
      gray.width,
      Math.round((paper.left + paper.width - inset(paper.left + paper.width < small.width)) * factor),
    );
    const bottom = Math.min(
      gray.height,
      Math.round((paper.top + paper.height - inset(paper.top + paper.height < small.height)) * factor),
    );
    const cropped = await cropImage(gray, { left, top, width: right - left, height: bottom - top });
    const croppedSmall = await cropImage(small, paper);
    return { image: cropped, small: croppedSmall, skew: findTextLines(croppedSmall).skewDegrees };
  }

  /** Skew for a quarter turn: a sideways page's lines are measured after turning the small copy. */
  async #skewFor(page: PageLayout, rotation: number): Promise<number> {
    if (rotation % 180 === 0) return page.skew;
    return findTextLines(await rotateImage(page.small, rotation)).skewDegrees;
  }

  async #read(page: PageLayout, rotation: number, scale: number, timer: StageTimer): Promise<Reading> {
    const total = rotation + (await this.#skewFor(page, rotation));
    const image = await rotateImage(page.image, total);
    timer.lap('preprocessMs');
    const result = await this.#first.recognize(toPgm(image), scale);
    timer.lap('ocrMs');
    return { page: result, image, rotation: total };
  }

  /**
   * Reads a band across the middle of the page in each orientation and returns the quarter turn whose text
   * reads clearly better than the page as it is (0 when none does). A band costs a fraction of a full
   * reading; full readings of sideways text are the slowest Tesseract does (measured: up to 8 s each).
   */
  async #probeOrientation(page: PageLayout, timer: StageTimer): Promise<number> {
    // Only the turns the line profiles make plausible: a sideways read is the slowest Tesseract does.
    const upright = findTextLines(page.small).strength;
    const sideways = findTextLines(await rotateImage(page.small, 90)).strength > upright * SIDEWAYS_HINT;
    const scores = new Map<number, number>();
    for (const rotation of sideways ? [0, 90, 270] : [0, 180]) {
      const turned = await rotateImage(page.image, rotation + (await this.#skewFor(page, rotation)));
      const bandHeight = Math.min(turned.height, Math.max(PROBE_BAND_MIN, Math.round(turned.height / 4)));
      const band = await cropImage(turned, {
        left: 0,
        top: Math.round((turned.height - bandHeight) / 2),
        width: turned.width,
        height: bandHeight,
      });
      timer.lap('preprocessMs');
      scores.set(rotation, (await this.#first.recognize(toPgm(band))).confidence);
      timer.lap('ocrMs');
    }
    const asIs = scores.get(0) ?? 0;
    let best = 0;
    for (const [rotation, score] of scores) {
      if (score >= asIs + PROBE_MARGIN && score > (scores.get(best) ?? 0)) best = rotation;
    }
    return best;
  }

  async close(): Promise<void> {
    await this.#queue;
    await Promise.all([this.#first.close(), ...[...this.#others.values()].map((other) => other.close())]);
  }
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

/** Creates an engine and starts its worker, so the first receipt does not pay the cold start. */
export async function createReceiptEngine(options: Partial<EngineOptions> = {}): Promise<ReceiptEngine> {
  const engine = new Engine({ ...DEFAULT_ENGINE_OPTIONS, ...options });
  await engine.start();
  return engine;
}
