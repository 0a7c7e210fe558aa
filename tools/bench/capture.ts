/**
 * `pnpm tsx tools/bench/capture.ts <file|dir>... [--repeat N] [--twice] [--json]`: what the engine's image side
 * costs before recognition, per image: decode, receipt finding and crop (loadReceipt), then the layout analysis
 * (skew and orientation). Wall and CPU time, median and p90 over `--repeat` passes (default 5; the first pass
 * warms the JIT and is not counted), grouped by image size in megapixels. `--twice` also loads every image the
 * way the loader did before it decoded large photos once (`decodeOnce: false`), interleaved image by image, and
 * reports both.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  analysisCopy,
  checkEncodedInput,
  DEFAULT_LOAD,
  findTextLines,
  type LoadOptions,
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
  readonly variant: string;
  readonly megapixels: number;
  readonly loadMs: number;
  readonly loadCpuMs: number;
  readonly layoutMs: number;
  readonly cropped: boolean;
}

const VARIANTS: Record<string, LoadOptions> = {
  once: DEFAULT_LOAD,
  twice: { ...DEFAULT_LOAD, decodeOnce: false },
};

async function measure(bytes: Buffer, variant: string): Promise<Sample> {
  const format = checkEncodedInput(bytes, LIMITS);
  let wall = performance.now();
  let cpu = cpuMs();
  const loaded = await loadReceipt(bytes, format, LIMITS, VARIANTS[variant]);
  const loadMs = performance.now() - wall;
  const loadCpuMs = cpuMs() - cpu;
  wall = performance.now();
  cpu = cpuMs();
  const lines = findTextLines(await analysisCopy(loaded.image));
  measureOrientation(loaded.image, lines.angleDegrees);
  return {
    variant,
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
    options: {
      repeat: { type: 'string', default: '5' },
      twice: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const repeat = Number(values.repeat);
  if (positionals.length === 0 || !Number.isInteger(repeat) || repeat < 2) {
    throw new Error(
      'usage: pnpm tsx tools/bench/capture.ts <file|dir>... [--repeat N>=2] [--twice] [--json]',
    );
  }
  const files = (await expandInputs(positionals))
    .filter((input) => input.problem === undefined)
    .map((input) => input.file);
  const samples: Sample[] = [];
  // Passes over all files in turn, so that a busy moment on the machine spreads over every image.
  const variants = values.twice ? ['once', 'twice'] : ['once'];
  for (let pass = 0; pass < repeat; pass += 1) {
    for (const file of files) {
      const bytes = readFileSync(file);
      // Alternate which variant goes first, so neither always runs right after the other.
      for (const variant of pass % 2 === 0 ? variants : [...variants].reverse()) {
        const sample = await measure(bytes, variant);
        if (pass > 0) samples.push(sample);
      }
    }
  }
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const key = `${sample.variant} ${sample.megapixels}`;
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  const report = [...groups.values()]
    .map((group) => group as [Sample, ...Sample[]])
    .sort(([a], [b]) => a.megapixels - b.megapixels || a.variant.localeCompare(b.variant))
    .map((group) => ({
      variant: group[0].variant,
      megapixels: group[0].megapixels,
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
      `${row.megapixels} MP, ${row.variant}: ${row.images} images (${row.cropped} cropped); decode+find+crop median ${row.loadMs.median.toFixed(0)} ms, p90 ${row.loadMs.p90.toFixed(0)} ms, CPU median ${row.loadCpuMs.median.toFixed(0)} ms; layout (skew + orientation) median ${row.layoutMs.median.toFixed(0)} ms, p90 ${row.layoutMs.p90.toFixed(0)} ms\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
