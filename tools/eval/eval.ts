/**
 * `pnpm eval <dataset-dir> [--json] [--limit N] [--show-misses] [--lang eng+spa] [--ocr-cache DIR]`
 *
 * Runs the real engine over a dataset in the SROIE layout and prints per-field accuracy (total, date,
 * company, address), what the OCR text contains (tells reading errors from parsing errors), the character
 * error rate against the ground-truth text, and the time per receipt. See docs/fields.md.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { extractReceipt } from '../../functions/engine/fields/index.js';
import { createReceiptEngine, type ReceiptEngine } from '../../functions/engine/index.js';
import { loadDataset } from './dataset.js';
import { type CachedOcr, readCached, writeCached } from './ocr-cache.js';
import { printMisses, printSummary } from './report.js';
import { type ReceiptScore, scoreReceipt, summarise } from './score.js';

const USAGE =
  'usage: pnpm eval <dataset-dir> [--json] [--limit N] [--show-misses] [--lang eng+spa] [--ocr-cache DIR]';

function parseCli() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      'show-misses': { type: 'boolean', default: false },
      lang: { type: 'string' },
      'ocr-cache': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length !== 1 || positionals[0] === undefined) throw new Error(USAGE);
  const limit = values.limit !== undefined ? Number(values.limit) : undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw new Error(`--limit must be a positive integer\n${USAGE}`);
  return {
    dir: positionals[0],
    json: values.json,
    limit,
    showMisses: values['show-misses'],
    languages: values.lang?.split('+').filter((l) => l !== ''),
    cacheDir: values['ocr-cache'],
  };
}

async function main(): Promise<void> {
  const cli = parseCli();
  const samples = loadDataset(cli.dir, cli.limit);
  let engine: ReceiptEngine | undefined;
  const scores: ReceiptScore[] = [];
  let fromCache = 0;
  let engineInfo: ReceiptEngine['info'] | undefined;
  try {
    for (const [i, sample] of samples.entries()) {
      let ocr: CachedOcr | undefined = cli.cacheDir ? readCached(cli.cacheDir, sample.id) : undefined;
      let extraction: ReturnType<typeof extractReceipt>;
      if (ocr) {
        fromCache += 1;
        extraction = extractReceipt(ocr.lines, { languages: ocr.language.split('+') });
      } else {
        engine ??= await createReceiptEngine(cli.languages ? { languages: cli.languages } : {});
        engineInfo = engine.info;
        const bytes = readFileSync(sample.imagePath);
        const started = performance.now();
        const result = await engine.process({ bytes });
        const ms = performance.now() - started;
        ocr = { lines: result.lines, text: result.text, language: result.language, ms };
        if (cli.cacheDir) writeCached(cli.cacheDir, sample.id, ocr);
        extraction = result;
      }
      scores.push(scoreReceipt(sample.id, sample.label, extraction, ocr.text, sample.groundTruth, ocr.ms));
      process.stderr.write(`\r${i + 1}/${samples.length} ${sample.id}   `);
    }
  } finally {
    process.stderr.write('\n');
    await engine?.close();
  }
  const summary = summarise(scores);
  const meta = {
    dataset: cli.dir,
    engine: engineInfo ?? null,
    ocrCache: cli.cacheDir ? { dir: cli.cacheDir, receiptsFromCache: fromCache } : null,
  };
  if (cli.json) {
    process.stdout.write(
      `${JSON.stringify({ ...meta, ...summary, ...(cli.showMisses ? { perReceipt: scores } : {}) })}\n`,
    );
    return;
  }
  if (cli.showMisses) printMisses(scores);
  printSummary(summary, meta);
}

main().catch((error: unknown) => {
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${'code' in err ? `${String(err.code)}: ` : ''}${err.message}\n`);
  process.exitCode = 1;
});
