/**
 * `pnpm bench [<dir>] [--json] [--concurrency N] [--limit N] [--models P+L] [--baseline P+L] [--native-best-int]`:
 * engine speed and
 * memory on a folder of receipt
 * images (a folder of receipt images, or of a labelled set whose images/ subfolder is used when present).
 *   cold start   process start -> engine ready, median of 3 fresh processes
 *   latency      decode to fields per receipt, one warm engine: median, p90
 *   throughput   receipts/s with 1 engine and with N engines
 *   peak RSS     sampled every 25 ms over the 1-engine pass (`pnpm bench` runs with MALLOC_ARENA_MAX=2, as the OCR
 *                image does: tools/local/allocator.ts). This process runs through tsx, whose loader thread is one
 *                more V8 isolate (about 20 MB): the OCR function's figure, compiled and with the image's
 *                environment, is tools/bench/engine-memory-compiled.ts's
 *   native       `OMP_THREAD_LIMIT=1 tesseract IMG stdout --psm 6`, interleaved image by image with the engine
 *                in the same pass, as a ratio of medians (skipped when the CLI is not installed)
 *   --models     the engine's model kinds for pages and line re-reads, e.g. fast+best_int (the default roles)
 *   --baseline   a second engine with other model kinds, e.g. best_int+best_int, read interleaved image by image
 *                with the first (its time and RSS are not in the figures above), as a ratio of medians
 *   --native-best-int  the native CLI once more per image, reading with the engine's own English model (best_int)
 *                instead of Debian's (the fast one): which part of the gap is the model, which the build
 * The report is also written to dist/bench/latest.json, where `pnpm cost` reads the mean.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createReceiptEngine } from '@receipt-ocr/engine';
import { DEFAULT_MODEL_ROLES, type ModelRoles } from '@receipt-ocr/engine/internals';
import { receiptImageFiles } from '../cli/inputs.js';
import { ModelRolesError, parseModelRoles } from '../cli/model-roles.js';
import { runPool, withEngines } from '../cli/pool.js';
import { parseArgsOrExit } from '../cli/run-main.js';
import { bestIntTessdata, nativeTesseractVersion, timeNative } from './native.js';
import { writeBenchResult } from './result-file.js';

const run = promisify(execFile);

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

async function coldStart(): Promise<{ readyMs: number; rssBytes: number }> {
  const runs: { readyMs: number; rssBytes: number }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      path.resolve('tools/bench/cold-start.ts'),
    ]);
    runs.push(JSON.parse(stdout));
  }
  runs.sort((a, b) => a.readyMs - b.readyMs);
  return runs[1] ?? { readyMs: Number.NaN, rssBytes: 0 };
}

const USAGE =
  'pnpm bench <folder of receipt images> [--json] [--concurrency N] [--limit N] [--models page=fast,lines=best_int] [--baseline …] [--native-best-int]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgsOrExit(`usage: ${USAGE}`, {
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      concurrency: { type: 'string' },
      limit: { type: 'string' },
      models: { type: 'string' },
      baseline: { type: 'string' },
      'native-best-int': { type: 'boolean' },
    },
  });
  let models: ModelRoles;
  let baselineModels: ModelRoles | undefined;
  try {
    models = parseModelRoles(values.models) ?? DEFAULT_MODEL_ROLES;
    baselineModels = parseModelRoles(values.baseline);
  } catch (error) {
    if (!(error instanceof ModelRolesError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const { dir, files } = await receiptImageFiles(positionals[0], values.limit, USAGE);
  const concurrency = Number(values.concurrency ?? availableParallelism());
  const log = (line: string) => process.stderr.write(`${line}\n`);

  log(`cold start (3 fresh processes)...`);
  const cold = await coldStart();

  const native = nativeTesseractVersion();
  log(`1 engine over ${files.length} images${native ? `, interleaved with ${native}` : ''}...`);
  const engine = await createReceiptEngine({ models });
  const baseline = baselineModels && (await createReceiptEngine({ models: baselineModels }));
  const baselineMs: number[] = [];
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 25);
  const engineMs: number[] = [];
  const nativeMs: number[] = [];
  const nativeBestIntDir = native && values['native-best-int'] ? bestIntTessdata() : undefined;
  const nativeBestIntMs: number[] = [];
  let engineTotal = 0;
  const failures: string[] = [];
  for (const [index, file] of files.entries()) {
    const bytes = readFileSync(file);
    if (baseline !== undefined) {
      const before = performance.now();
      await baseline.process({ bytes }).catch(() => undefined);
      baselineMs.push(performance.now() - before);
    }
    const start = performance.now();
    try {
      await engine.process({ bytes });
    } catch (error) {
      failures.push(`${file}: ${String(error)}`);
    }
    const ms = performance.now() - start;
    engineMs.push(ms);
    engineTotal += ms;
    if (native) nativeMs.push(await timeNative(file));
    if (nativeBestIntDir !== undefined) nativeBestIntMs.push(await timeNative(file, nativeBestIntDir));
    log(`  [${index + 1}/${files.length}] ${path.basename(file)} ${Math.round(ms)} ms`);
  }
  clearInterval(sampler);
  if (nativeBestIntDir !== undefined) rmSync(nativeBestIntDir, { recursive: true, force: true });
  await engine.close();
  await baseline?.close();

  log(`${concurrency} engines over ${files.length} images...`);
  const parallelStart = performance.now();
  await withEngines(Math.min(concurrency, files.length), { models }, (engines) =>
    runPool(engines, files, async (worker, file) => {
      await worker.process({ bytes: readFileSync(file) }).catch(() => undefined);
    }),
  );
  const parallelMs = performance.now() - parallelStart;

  const report = {
    images: files.length,
    dir,
    failures,
    models: `${models.page}+${models.lines}`,
    coldStartMs: Math.round(cold.readyMs),
    latencyMs: {
      median: Math.round(percentile(engineMs, 50)),
      p90: Math.round(percentile(engineMs, 90)),
      // Lambda bills every receipt's duration: the bill follows the mean, which the slow receipts pull up.
      mean: Math.round(engineMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, engineMs.length)),
    },
    throughputPerSecond: {
      concurrency1: Number((files.length / (engineTotal / 1000)).toFixed(2)),
      [`concurrency${concurrency}`]: Number((files.length / (parallelMs / 1000)).toFixed(2)),
    },
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    native: native
      ? {
          version: native,
          latencyMs: {
            median: Math.round(percentile(nativeMs, 50)),
            p90: Math.round(percentile(nativeMs, 90)),
          },
          ratioOfMedians: Number((percentile(engineMs, 50) / percentile(nativeMs, 50)).toFixed(2)),
        }
      : null,
    nativeBestInt: nativeBestIntDir
      ? {
          latencyMs: {
            median: Math.round(percentile(nativeBestIntMs, 50)),
            p90: Math.round(percentile(nativeBestIntMs, 90)),
          },
          ratioOfMedians: Number((percentile(engineMs, 50) / percentile(nativeBestIntMs, 50)).toFixed(2)),
          nativeRatioOfMedians: Number(
            (percentile(nativeBestIntMs, 50) / percentile(nativeMs, 50)).toFixed(2),
          ),
        }
      : null,
    baseline: baselineModels
      ? {
          models: `${baselineModels.page}+${baselineModels.lines}`,
          latencyMs: {
            median: Math.round(percentile(baselineMs, 50)),
            p90: Math.round(percentile(baselineMs, 90)),
          },
          ratioOfMedians: Number((percentile(engineMs, 50) / percentile(baselineMs, 50)).toFixed(2)),
        }
      : null,
  };
  // `pnpm cost` prices OCR at this mean (tools/cost/cost.ts).
  writeBenchResult(report);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const rows: [string, string][] = [
    ['images', `${report.images} (${dir})`],
    ['models (pages+lines)', report.models],
    ['cold start (process -> ready)', `${report.coldStartMs} ms`],
    [
      'latency median / p90 / mean (1 engine)',
      `${report.latencyMs.median} / ${report.latencyMs.p90} / ${report.latencyMs.mean} ms`,
    ],
    ...Object.entries(report.throughputPerSecond).map(([name, value]): [string, string] => [
      `throughput ${name.replace('concurrency', 'concurrency ')}`,
      `${value} receipts/s`,
    ]),
    ['peak RSS (1 engine, through tsx)', `${report.peakRssMb} MB`],
    [
      'native tesseract median / p90',
      report.native
        ? `${report.native.latencyMs.median} / ${report.native.latencyMs.p90} ms (${report.native.version})`
        : 'not installed, skipped',
    ],
    ['engine / native (medians)', report.native ? `${report.native.ratioOfMedians}x` : '-'],
    ...(report.nativeBestInt
      ? ([
          [
            'native with best_int median / p90',
            `${report.nativeBestInt.latencyMs.median} / ${report.nativeBestInt.latencyMs.p90} ms`,
          ],
          ['engine / native with best_int (medians)', `${report.nativeBestInt.ratioOfMedians}x`],
          ['native best_int / native (medians)', `${report.nativeBestInt.nativeRatioOfMedians}x`],
        ] as [string, string][])
      : []),
    ...(report.baseline
      ? ([
          [
            `baseline ${report.baseline.models} median / p90`,
            `${report.baseline.latencyMs.median} / ${report.baseline.latencyMs.p90} ms`,
          ],
          ['engine / baseline (medians)', `${report.baseline.ratioOfMedians}x`],
        ] as [string, string][])
      : []),
    ['failures', String(failures.length)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
  for (const failure of failures) process.stdout.write(`  ${failure}\n`);
}

await main();
