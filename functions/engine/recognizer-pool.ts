/**
 * The engine's recognizers: one per language and model kind, each starting its worker on first use. Pages may be
 * read with one kind (fast) and the few lines the record depends on re-read with another (best_int), so an
 * English receipt needs at most two workers (one when both roles use one kind); another language's start with
 * its first receipt.
 */
import type { ModelKind } from './language-models.js';
import { Recognizer } from './recognizer.js';
import { type LangSource, resolveLangSource } from './tessdata.js';

/** Which model kind reads what. */
export interface ModelRoles {
  /** Whole pages, orientation probes and another language's word lines. */
  readonly page: ModelKind;
  /** The line crops read again for the key fields (second-look.ts) and weak lines (lines.ts). */
  readonly lines: ModelKind;
}

/**
 * best_int for both. Fast pages with best_int re-reads of the merchant and field lines were 0.63x the time but
 * lost 3 totals and 8 merchant names of 40 on the dev set (`pnpm eval`, docs/engine.md): not the default.
 */
export const DEFAULT_MODEL_ROLES: ModelRoles = { page: 'best_int', lines: 'best_int' };

export interface PoolOptions {
  readonly languages: readonly string[];
  readonly roles: ModelRoles;
  /** Folder with a subfolder per model kind; default TESSDATA_PATH, else the files beside the code. */
  readonly langPath?: string;
  readonly recycleAfterJobs: number;
  readonly recycleAboveRssBytes: number;
}

export class RecognizerPool {
  readonly #options: PoolOptions;
  readonly #sources = new Map<ModelKind, LangSource>();
  readonly #recognizers = new Map<string, Recognizer>();
  /** Receipts read in a row without each recognizer. */
  readonly #idleFor = new Map<string, number>();

  constructor(options: PoolOptions) {
    this.#options = options;
    // Every file is checked now, so a missing model fails the engine's start rather than a later receipt.
    for (const kind of new Set([options.roles.page, options.roles.lines])) {
      this.#sources.set(kind, resolveLangSource(options.languages, kind, options.langPath));
    }
  }

  get roles(): ModelRoles {
    return this.#options.roles;
  }

  /** The recognizer for whole pages in `language`. */
  page(language: string): Recognizer {
    return this.#get(language, this.#options.roles.page);
  }

  /** The recognizer for line re-reads in `language`. */
  lines(language: string): Recognizer {
    return this.#get(language, this.#options.roles.lines);
  }

  /**
   * Ready when `language`'s page worker is. A line worker of another model kind starts beside it without being
   * waited for: on one vCPU the two starts would otherwise add up. A failed start is retried on use.
   */
  async warm(language: string): Promise<void> {
    const page = this.page(language);
    const lines = this.lines(language);
    if (lines !== page) lines.warm().catch(() => undefined);
    await page.warm();
  }

  #get(language: string, kind: ModelKind): Recognizer {
    const key = `${language}:${kind}`;
    let recognizer = this.#recognizers.get(key);
    if (recognizer === undefined) {
      const source = this.#sources.get(kind);
      if (source === undefined) throw new Error(`No ${kind} models configured`);
      recognizer = new Recognizer({
        languages: language,
        source,
        recycleAfterJobs: this.#options.recycleAfterJobs,
        recycleAboveRssBytes: this.#options.recycleAboveRssBytes,
      });
      this.#recognizers.set(key, recognizer);
    }
    return recognizer;
  }

  /**
   * Stops the workers of every language but these. Each holds 100-300 MB, and a function that met receipts in
   * five languages must not hold five.
   */
  async keepOnly(languages: readonly string[]): Promise<void> {
    for (const [key, recognizer] of this.#recognizers) {
      if (!languages.includes(key.split(':')[0] ?? '')) await recognizer.close();
    }
  }

  /**
   * Counts the receipts each other language's recognizers sat idle through (the first language's always run),
   * and stops those idle for `after` receipts in a row: each holds 50-100 MB, and a function that met one Spanish
   * receipt must not carry it for its lifetime. The next receipt in that language starts it again (about 1 s).
   */
  async closeIdle(first: string, used: readonly string[], after: number): Promise<void> {
    for (const [key, recognizer] of this.#recognizers) {
      const language = key.split(':')[0] ?? '';
      if (language === first) continue;
      const idle = used.includes(language) ? 0 : (this.#idleFor.get(key) ?? 0) + 1;
      this.#idleFor.set(key, idle);
      if (idle >= after && recognizer.running) await recognizer.close();
    }
  }

  /** The languages with a worker running now, in the order they were first used. */
  runningLanguages(): string[] {
    const running = [...this.#recognizers].filter(([, recognizer]) => recognizer.running);
    return [...new Set(running.map(([key]) => key.split(':')[0] ?? ''))];
  }

  async close(): Promise<void> {
    await Promise.all([...this.#recognizers.values()].map((recognizer) => recognizer.close()));
  }
}
