/**
 * `pnpm cost [--stage prod] [--receipts-per-day 1000000] [--image-kb 300] [--seconds-per-receipt S | --bench FILE]
 * [--api-requests-per-receipt N] [--index-projection ALL|INCLUDE|KEYS_ONLY] [--markdown]`: the monthly AWS bill of a
 * stage at a volume, per line and per 1,000 receipts (tools/cost/model.ts), and the OCR seconds per receipt the
 * $0.05 target needs.
 * The OCR seconds, in this order: `--seconds-per-receipt`; the engine mean of `--bench FILE` (`pnpm bench --json`
 * output) or of the last `pnpm bench` run on this machine (dist/bench/latest.json), plus the pipeline's overhead per
 * receipt; else the assumed DEFAULT_SECONDS_PER_RECEIPT. The first line says which. The last two options ask
 * "what if": polling instead of the completion event (4 requests), another owner-index projection.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../infra/config/paths.js';
import { STAGES } from '../../infra/config/stages.js';
import { OWNER_INDEX_PROJECTION } from '../../infra/constructs/receipts-table.js';
import { BENCH_RESULT_FILE } from '../bench/result-file.js';
import { isArgumentError, runMain } from '../cli/run-main.js';
import { DEFAULT_SECONDS_PER_RECEIPT } from './cost-defaults.js';
import { costMarkdown, costModel, DEFAULT_ASSUMPTIONS, storageMonths } from './model.js';

const USAGE =
  'usage: pnpm cost [--stage prod] [--receipts-per-day 1000000] [--image-kb 300] [--seconds-per-receipt S | --bench FILE]\n' +
  '                 [--api-requests-per-receipt N] [--index-projection ALL|INCLUDE|KEYS_ONLY] [--markdown]';

/** What a receipt adds to the engine's time in the pipeline (S3 reads, DynamoDB writes): docs/pipeline.md. */
const PIPELINE_OVERHEAD_SECONDS = 0.06;

/** A stage, volume or option value the caller must fix. */
class CostArgumentError extends Error {}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new CostArgumentError(`--${name} must be a positive number, got "${value}"`);
  return number;
}

/** The cost target of issue 12, per 1,000 receipts. */
const TARGET_PER_1000_USD = 0.05;

interface OcrSeconds {
  readonly seconds: number;
  /** Where the figure comes from, as the report's first line says it. */
  readonly source: string;
}

/**
 * Lambda bills each receipt's own duration, so the bill follows the mean time, not the median: a few slow
 * receipts (faded paper read twice) raise it. A bench file written before the mean was recorded gives its
 * median, and says so.
 */
function secondsFromBench(file: string): OcrSeconds {
  let report: { latencyMs?: { median?: unknown; mean?: unknown }; images?: unknown; writtenAt?: unknown };
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CostArgumentError(
      `${file} cannot be read as \`pnpm bench --json\` output: ${(error as Error).message}`,
    );
  }
  const { mean, median } = report.latencyMs ?? {};
  const [statistic, ms] =
    typeof mean === 'number' ? ['mean', mean] : typeof median === 'number' ? ['median', median] : [];
  if (ms === undefined)
    throw new CostArgumentError(`${file} is not \`pnpm bench --json\` output (no latencyMs.mean or median)`);
  const when = typeof report.writtenAt === 'string' ? `, ${report.writtenAt}` : '';
  return {
    seconds: ms / 1000 + PIPELINE_OVERHEAD_SECONDS,
    source: `measured: engine ${statistic} ${ms} ms over ${String(report.images)} images (${path.relative(REPO_ROOT, path.resolve(file))}${when}) + ${PIPELINE_OVERHEAD_SECONDS * 1000} ms pipeline`,
  };
}

function ocrSeconds(given: string | undefined, bench: string | undefined): OcrSeconds {
  if (given !== undefined) {
    const seconds = positive('seconds-per-receipt', given, DEFAULT_SECONDS_PER_RECEIPT);
    return { seconds, source: 'given (--seconds-per-receipt)' };
  }
  if (bench !== undefined) return secondsFromBench(bench);
  if (existsSync(BENCH_RESULT_FILE)) return secondsFromBench(BENCH_RESULT_FILE);
  return {
    seconds: DEFAULT_SECONDS_PER_RECEIPT,
    source: 'assumed (no pnpm bench result on this machine; tools/cost/cost-defaults.ts)',
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string', default: 'prod' },
      'receipts-per-day': { type: 'string' },
      'image-kb': { type: 'string' },
      'seconds-per-receipt': { type: 'string' },
      bench: { type: 'string' },
      'api-requests-per-receipt': { type: 'string' },
      'index-projection': { type: 'string' },
      markdown: { type: 'boolean' },
    },
  });
  const config = STAGES[values.stage];
  if (config === undefined)
    throw new CostArgumentError(`unknown stage "${values.stage}": ${Object.keys(STAGES).join(', ')}`);
  const ocr = ocrSeconds(values['seconds-per-receipt'], values.bench);
  const secondsPerReceipt = ocr.seconds;
  const projection = values['index-projection'] ?? OWNER_INDEX_PROJECTION;
  if (projection !== 'ALL' && projection !== 'INCLUDE' && projection !== 'KEYS_ONLY') {
    throw new CostArgumentError(`--index-projection must be ALL, INCLUDE or KEYS_ONLY, got "${projection}"`);
  }
  const report = costModel({
    config,
    receiptsPerDay: positive('receipts-per-day', values['receipts-per-day'], 1_000_000),
    imageKb: positive('image-kb', values['image-kb'], 300),
    secondsPerReceipt: Number(secondsPerReceipt.toFixed(3)),
    ownerIndexProjection: projection,
    assumptions: {
      ...DEFAULT_ASSUMPTIONS,
      apiRequestsPerReceipt: positive(
        'api-requests-per-receipt',
        values['api-requests-per-receipt'],
        DEFAULT_ASSUMPTIONS.apiRequestsPerReceipt,
      ),
    },
  });
  const needed = report.secondsForTrafficPer1000(TARGET_PER_1000_USD);
  const target = `traffic at $${TARGET_PER_1000_USD} per 1,000 receipts needs billed OCR of ${needed.toFixed(2)} s per receipt, the rest as above`;
  if (values.markdown) {
    process.stderr.write(`OCR ${secondsPerReceipt.toFixed(2)} s per receipt, ${ocr.source}; ${target}\n`);
    process.stdout.write(`${costMarkdown(report, config)}\n`);
    return;
  }
  const pad = (text: string, width: number) => text.padEnd(width);
  const line = (item: string, usd: number, basis: string) =>
    `${pad(item, 34)} ${pad(`$${usd.toFixed(2)}`, 12)} ${basis}`;
  const out = [
    `stage ${values.stage}: ${report.receiptsPerMonth.toLocaleString('en-US')} receipts a month, ${secondsPerReceipt.toFixed(2)} s OCR each (us-east-1 list prices)`,
    `OCR seconds: ${ocr.source}`,
    '',
    'traffic (per month)',
    ...report.traffic.map((l) => line(l.item, l.monthlyUsd, l.basis)),
    line(
      'traffic total',
      report.trafficMonthlyUsd,
      `$${report.trafficPer1000Usd.toFixed(4)} per 1,000 receipts`,
    ),
    target,
    '',
    'fixed (per month)',
    ...report.fixed.map((l) => line(l.item, l.monthlyUsd, l.basis)),
    '',
    ...storageMonths(config).flatMap((month) => [
      `storage in month ${month}`,
      ...report.storage(month).map((l) => line(l.item, l.monthlyUsd, l.basis)),
      '',
    ]),
    line(
      "storage over a receipt's retention",
      report.lifetimeStoragePer1000Usd,
      'per 1,000 receipts: images, OCR output, record and index until they expire',
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

runMain(
  'cost',
  USAGE,
  async () => {
    main();
    return 0;
  },
  (error) => isArgumentError(error) || error instanceof CostArgumentError,
);
