/**
 * `pnpm exec tsx tools/bench/libvips-threads.ts <dir> [--threads 1,2] [--limit N]`: what libvips' thread count
 * per image (`sharp.concurrency`; the OCR image sets 1 with VIPS_CONCURRENCY, Dockerfile.lambda) costs in speed. One warm
 * engine reads each receipt once per setting, the order turning receipt by receipt so a loaded machine weighs on
 * each alike. Prints per setting the median wall time, the median CPU time (all threads, the tesseract.js worker's
 * included) and the median decode + preprocess time (the stages libvips runs), then the ratios of the medians to
 * the first setting's. Memory is another run's job: engine-memory-compiled.ts.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createReceiptEngine } from '@receipt-ocr/engine';
import sharp from 'sharp';
import { receiptImageFiles } from '../cli/inputs.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { threads: { type: 'string', default: '1,2' }, limit: { type: 'string' } },
});
const { files } = await receiptImageFiles(
  positionals[0],
  values.limit,
  'tools/bench/libvips-threads.ts <folder of receipt images> [--threads 1,2] [--limit N]',
);
const settings = values.threads.split(',').map(Number);

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly imageMs: number;
}
const samples = new Map<number, Sample[]>(settings.map((threads) => [threads, []]));
const engine = await createReceiptEngine();
for (const [index, file] of files.entries()) {
  const bytes = readFileSync(file);
  const order = index % 2 === 0 ? settings : [...settings].reverse();
  for (const threads of order) {
    sharp.concurrency(threads);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await engine.process({ bytes }).catch(() => undefined);
    const used = process.cpuUsage(cpu);
    samples.get(threads)?.push({
      wallMs: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      imageMs: result === undefined ? Number.NaN : result.timings.decodeMs + result.timings.preprocessMs,
    });
  }
  process.stderr.write(`  [${index + 1}/${files.length}]\n`);
}
await engine.close();

const median = (values: number[]) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const first = samples.get(settings[0] as number) ?? [];
for (const [threads, runs] of samples) {
  const ratio = (pick: (sample: Sample) => number) =>
    (median(runs.map(pick)) / median(first.map(pick))).toFixed(3);
  console.log(
    `libvips ${threads} thread(s) over ${runs.length} receipts: wall median ${median(runs.map((r) => r.wallMs)).toFixed(0)} ms ` +
      `(${ratio((r) => r.wallMs)}×), CPU ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms (${ratio((r) => r.cpuMs)}×), ` +
      `decode + preprocess ${median(runs.map((r) => r.imageMs)).toFixed(0)} ms (${ratio((r) => r.imageMs)}×)`,
  );
}
