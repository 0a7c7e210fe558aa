/**
 * `pnpm render:receipts [--out .eval/rendered] [--seed 1] [--per-language 30] [--per-variant N]
 *   [--languages de,fr,...] [--variants turned,skewed,photo,faded,page] [--concurrency 2]`
 *
 * Writes labelled, rendered receipts in 7 languages (flat-<language>) and, from the same receipts, the variant
 * sets turned, skewed, photo, faded and page, for `pnpm eval`. See docs/evaluation-sets.md.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgsOrExit } from '../cli/run-main.js';
import { buildSets } from './dataset.js';
import { VARIANT_SETS, type VariantSet } from './degrade.js';
import { LANGUAGES, type Language } from './model.js';
import { workerPool } from './workers.js';

const USAGE =
  'usage: pnpm render:receipts [--out .eval/rendered] [--seed 1] [--per-language 30] [--per-variant N] ' +
  '[--languages de,fr,it,pt,nl,es,en] [--variants turned,skewed,photo,faded,page] [--concurrency N]';

function positive(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1))
    throw new Error(`--${name} must be a positive integer\n${USAGE}`);
  return n;
}

function listOf<T extends string>(name: string, value: string | undefined, all: readonly T[]): T[] {
  if (value === undefined) return [...all];
  const items = value.split(',').filter((v) => v !== '');
  const unknown = items.filter((v) => !all.includes(v as T));
  if (unknown.length > 0)
    throw new Error(`--${name}: unknown ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return items as T[];
}

function parseCli() {
  const { values } = parseArgsOrExit(USAGE, {
    options: {
      out: { type: 'string', default: '.eval/rendered' },
      seed: { type: 'string' },
      'per-language': { type: 'string' },
      'per-variant': { type: 'string' },
      languages: { type: 'string' },
      variants: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const perLanguage = positive('per-language', values['per-language'], 30);
  return {
    out: values.out,
    seed: positive('seed', values.seed, 1, true),
    perLanguage,
    perVariant: positive('per-variant', values['per-variant'], perLanguage, true),
    languages: listOf<Language>('languages', values.languages, LANGUAGES),
    variants: listOf<VariantSet>('variants', values.variants, VARIANT_SETS),
    concurrency: positive('concurrency', values.concurrency, availableParallelism()),
  };
}

async function main(): Promise<void> {
  const options = parseCli();
  const started = performance.now();
  const reports = await buildSets(
    options,
    (done, of) => process.stderr.write(`\r${done}/${of} receipts`),
    workerPool(options, options.concurrency),
  );
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  const images = reports.reduce((s, r) => s + r.images, 0);
  for (const r of reports) {
    process.stdout.write(
      `${r.name.padEnd(10)} ${String(r.images).padStart(4)} images ${(r.bytes / 1e6).toFixed(1).padStart(7)} MB  ${options.out}/${r.name}\n`,
    );
  }
  process.stdout.write(
    `${images} images from ${options.perLanguage * options.languages.length} receipts (seed ${options.seed}) in ${seconds.toFixed(1)} s; manifest: ${options.out}/manifest.json\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
