/**
 * `pnpm tsx tools/bench/capture.ts <file|dir>... [--repeat N] [--json]`: what the engine's image side costs
 * before recognition, per image: decode, receipt finding and crop (loadReceipt), then the layout analysis
 * (skew and orientation). Wall and CPU time, median and p90 over `--repeat` passes (default 5; the first pass
 * warms the JIT and is not counted), grouped by image size in megapixels.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  analysisCopy,
  checkEncodedInput,
  findTextLines,
  loadReceipt,
  measureOrientation,
} from '@receipt-ocr/engine/internals';
import { expandInputs } from '../cli/inputs.js';

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxPixels: 64_000_000 };

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

interface Sample {
  readonly megapixels: number;
  readonly loadMs: number;
  readonly loadCpuMs: number;
  readonly layoutMs: number;
  readonly cropped: boolean;
}

async function measure(bytes: Buffer): Promise<Sample> {
  const format = checkEncodedInput(bytes, LIMITS);
  let wall = performance.now();
  let cpu = cpuMs();
  const loaded = await loadReceipt(bytes, format, LIMITS);
  const loadMs = performance.now() - wall;
  const loadCpuMs = cpuMs() - cpu;
  wall = performance.now();
  cpu = cpuMs();
  const lines = findTextLines(await analysisCopy(loaded.image));
  measureOrientation(loaded.image, lines.angleDegrees);
  return {
    megapixels: Math.round((loaded.width * loaded.height) / 1e6),
    loadMs,
    loadCpuMs,
    layoutMs: performance.now() - wall,
    cropped: loaded.crop !== undefined,
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { repeat: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } },
  });
  const repeat = Number(values.repeat);
  if (positionals.length === 0 || !Number.isInteger(repeat) || repeat < 2) {
    throw new Error('usage: pnpm tsx tools/bench/capture.ts <file|dir>... [--repeat N>=2] [--json]');
  }
  const files = (await expandInputs(positionals))
    .filter((input) => input.problem === undefined)
    .map((input) => input.file);
  const samples: Sample[] = [];
  // Passes over all files in turn, so that a busy moment on the machine spreads over every image.
  for (let pass = 0; pass < repeat; pass += 1) {
    for (const file of files) {
      const sample = await measure(readFileSync(file));
      if (pass > 0) samples.push(sample);
    }
  }
  const groups = new Map<number, Sample[]>();
  for (const sample of samples)
    groups.set(sample.megapixels, [...(groups.get(sample.megapixels) ?? []), sample]);
  const report = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([megapixels, group]) => ({
      megapixels,
      images: group.length / (repeat - 1),
      cropped: group.filter((s) => s.cropped).length / (repeat - 1),
      loadMs: {
        median: percentile(
          group.map((s) => s.loadMs),
          50,
        ),
        p90: percentile(
          group.map((s) => s.loadMs),
          90,
        ),
      },
      loadCpuMs: {
        median: percentile(
          group.map((s) => s.loadCpuMs),
          50,
        ),
      },
      layoutMs: {
        median: percentile(
          group.map((s) => s.layoutMs),
          50,
        ),
        p90: percentile(
          group.map((s) => s.layoutMs),
          90,
        ),
      },
    }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  for (const row of report) {
    process.stdout.write(
      `${row.megapixels} MP: ${row.images} images (${row.cropped} cropped); decode+find+crop median ${row.loadMs.median.toFixed(0)} ms, p90 ${row.loadMs.p90.toFixed(0)} ms, CPU median ${row.loadCpuMs.median.toFixed(0)} ms; layout (skew + orientation) median ${row.layoutMs.median.toFixed(0)} ms, p90 ${row.layoutMs.p90.toFixed(0)} ms\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
