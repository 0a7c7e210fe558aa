/**
 * Runs the real engine over every receipt of the sets (N engines in parallel, started only when some receipt
 * is not in the OCR cache) and scores each one against its label.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EngineInfo, Extraction } from '@receipt-ocr/engine';
import { extractReceipt, type ModelRoles } from '@receipt-ocr/engine/internals';
import { runPool, withEngines } from '../cli/pool.js';
import type { EvalSet, Sample } from './dataset.js';
import { type CachedOcr, readCached, writeCached } from './ocr-cache.js';
import { type ReceiptScore, scoreReceipt } from './score.js';

export interface RunOptions {
  readonly languages?: string[];
  readonly models?: ModelRoles;
  /** Dev aid: recognised lines are kept in <cacheDir>/<set name>/ and re-used on the next run. */
  readonly cacheDir?: string;
  readonly concurrency: number;
}

export interface SetRun {
  readonly set: EvalSet;
  readonly scores: ReceiptScore[];
}

export interface RunResult {
  readonly sets: SetRun[];
  readonly engine: EngineInfo | null;
  readonly receiptsFromCache: number;
  /** Receipts the engine failed on: scored as if nothing was found. */
  readonly failures: { set: string; id: string; error: string }[];
}

interface Job {
  readonly setIndex: number;
  readonly sampleIndex: number;
  readonly sample: Sample;
  readonly cacheDir?: string;
}

const NOTHING_FOUND: Extraction = { fields: {}, items: [], confidence: 0 };

export async function runSets(sets: readonly EvalSet[], options: RunOptions): Promise<RunResult> {
  const scores: ReceiptScore[][] = sets.map((set) => new Array(set.samples.length));
  const failures: RunResult['failures'] = [];
  const jobs: Job[] = sets.flatMap((set, setIndex) =>
    set.samples.map((sample, sampleIndex) => ({
      setIndex,
      sampleIndex,
      sample,
      ...(options.cacheDir ? { cacheDir: join(options.cacheDir, set.name) } : {}),
    })),
  );
  const total = jobs.length;
  let done = 0;
  const record = (job: Job, extraction: Extraction, text: string, ms: number) => {
    const { sample } = job;
    (scores[job.setIndex] as ReceiptScore[])[job.sampleIndex] = scoreReceipt(
      sample.id,
      sample.label,
      extraction,
      text,
      sample.groundTruth,
      ms,
    );
    done += 1;
    // Progress only on a terminal: in a CI log, a line per receipt is noise.
    if (process.stderr.isTTY)
      process.stderr.write(`\r${done}/${total} ${sets[job.setIndex]?.name}/${sample.id}   `);
  };

  const toRecognise: Job[] = [];
  for (const job of jobs) {
    const cached = job.cacheDir ? readCached(job.cacheDir, job.sample.id) : undefined;
    if (!cached) {
      toRecognise.push(job);
      continue;
    }
    record(
      job,
      extractReceipt(cached.lines, { languages: cached.language.split('+') }),
      cached.text,
      cached.ms,
    );
  }

  let engine: EngineInfo | null = null;
  if (toRecognise.length > 0) {
    const engines = Math.min(options.concurrency, toRecognise.length);
    const engineOptions = {
      ...(options.languages ? { languages: options.languages } : {}),
      ...(options.models ? { models: options.models } : {}),
    };
    await withEngines(engines, engineOptions, (pool) => {
      engine = pool[0]?.info ?? null;
      return runPool(pool, toRecognise, async (worker, job) => {
        const started = performance.now();
        try {
          const result = await worker.process({ bytes: readFileSync(job.sample.imagePath) });
          const ms = performance.now() - started;
          const ocr: CachedOcr = { lines: result.lines, text: result.text, language: result.language, ms };
          if (job.cacheDir) writeCached(job.cacheDir, job.sample.id, ocr);
          record(job, result, result.text, ms);
        } catch (error) {
          const set = sets[job.setIndex]?.name ?? '';
          failures.push({
            set,
            id: job.sample.id,
            error: error instanceof Error ? error.message : String(error),
          });
          record(job, NOTHING_FOUND, '', performance.now() - started);
        }
      });
    });
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  return {
    sets: sets.map((set, i) => ({ set, scores: scores[i] ?? [] })),
    engine,
    receiptsFromCache: total - toRecognise.length,
    failures,
  };
}
