/**
 * `pnpm bench:versions <other checkout> <folder of receipt images> [--rounds N] [--limit N] [--json]`: this
 * checkout's engine against another checkout's (e.g. `git worktree add /tmp/base <rev>` and `pnpm install` there),
 * both warm in one process, receipt by receipt in turns: each round reads every image once with each engine, the
 * order alternating image by image and round by round. Runs of one engine minutes apart spread 5-10 % on a
 * shared machine (docs/engine.md, session 23); read in turns, both meet the same moments.
 *
 * Reports wall and CPU time (`process.cpuUsage()`: every thread, the recognition workers' and libvips' included)
 * of each engine, median and mean, the ratio of the means (what Lambda bills) and the median of each receipt's own
 * ratio (this checkout's over the other's).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createReceiptEngine, type ReceiptEngine } from '@receipt-ocr/engine';
import { receiptImageFiles } from '../cli/inputs.js';
import { parseArgsOrExit } from '../cli/run-main.js';
import { percentile } from '../eval/metrics.js';

const USAGE =
  'pnpm bench:versions <other checkout> <folder of receipt images> [--rounds N] [--limit N] [--json]';

interface Times {
  readonly wallMs: number[];
  readonly cpuMs: number[];
}

async function timed(engine: ReceiptEngine, bytes: Uint8Array, into: Times): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await engine.process({ bytes }).catch(() => undefined);
  into.wallMs.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  into.cpuMs.push((used.user + used.system) / 1000);
}

const mean = (values: readonly number[]) =>
  values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

function summary(times: Times) {
  return {
    wallMs: { median: round(percentile(times.wallMs, 50)), mean: round(mean(times.wallMs)) },
    cpuMs: { median: round(percentile(times.cpuMs, 50)), mean: round(mean(times.cpuMs)) },
  };
}

/** This checkout's time over the other's: of the means, and the median of each reading's own ratio. */
function ratios(mine: readonly number[], other: readonly number[]) {
  const own = mine.map((value, index) => value / (other[index] ?? Number.NaN));
  return { ofMeans: round(mean(mine) / mean(other), 3), receiptByReceipt: round(percentile(own, 50), 3) };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgsOrExit(`usage: ${USAGE}`, {
    allowPositionals: true,
    options: { rounds: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  const other = positionals[0];
  const entry = other === undefined ? undefined : path.resolve(other, 'functions/engine/index.ts');
  if (entry === undefined || !existsSync(entry)) {
    process.stderr.write(
      `usage: ${USAGE}\n(no functions/engine/index.ts under ${other ?? 'the first argument'})\n`,
    );
    process.exit(2);
  }
  const { files } = await receiptImageFiles(positionals[1], values.limit, USAGE);
  const rounds = Number(values.rounds ?? 2);
  const otherEngines: { createReceiptEngine: typeof createReceiptEngine } = await import(entry);
  const engines = { this: await createReceiptEngine(), other: await otherEngines.createReceiptEngine() };
  const times = { this: { wallMs: [], cpuMs: [] } as Times, other: { wallMs: [], cpuMs: [] } as Times };
  try {
    // Untimed, the first image once through each: a module tree's first receipt compiles its JavaScript.
    const first = files[0];
    if (first !== undefined) {
      for (const engine of [engines.this, engines.other])
        await engine.process({ bytes: readFileSync(first) });
    }
    for (let pass = 0; pass < rounds; pass += 1) {
      for (const [index, file] of files.entries()) {
        const bytes = readFileSync(file);
        const order = (index + pass) % 2 === 0 ? (['other', 'this'] as const) : (['this', 'other'] as const);
        for (const name of order) await timed(engines[name], bytes, times[name]);
        process.stderr.write(
          `  [${pass + 1}/${rounds}] [${index + 1}/${files.length}] ${path.basename(file)}\n`,
        );
      }
    }
  } finally {
    await engines.this.close();
    await engines.other.close();
  }
  const report = {
    images: files.length,
    rounds,
    other: path.resolve(other as string),
    this: summary(times.this),
    otherEngine: summary(times.other),
    wall: ratios(times.this.wallMs, times.other.wallMs),
    cpu: ratios(times.this.cpuMs, times.other.cpuMs),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const line = (name: string, s: ReturnType<typeof summary>) =>
    `${name.padEnd(16)}wall median ${s.wallMs.median} ms, mean ${s.wallMs.mean} ms; CPU median ${s.cpuMs.median} ms, mean ${s.cpuMs.mean} ms\n`;
  process.stdout.write(line('this checkout', report.this));
  process.stdout.write(line('other checkout', report.otherEngine));
  process.stdout.write(
    `this / other    wall ${report.wall.ofMeans} (means), ${report.wall.receiptByReceipt} (receipt by receipt); CPU ${report.cpu.ofMeans} (means), ${report.cpu.receiptByReceipt} (receipt by receipt)\n`,
  );
}

await main();
