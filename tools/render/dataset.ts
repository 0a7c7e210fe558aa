/**
 * Writes the evaluation sets: flat-<language> (plain scans) and, from the same receipts, the variant sets
 * turned, skewed, photo, faded and page, each in the layout `pnpm eval` reads (images/, text/, labels.jsonl).
 * Every image is a pure function of the seed: the same options give the same files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VariantSet } from './degrade.js';
import { flatImage, type RenderedImage, variantImage } from './images.js';
import type { ReceiptLabel } from './labels.js';
import { LANGUAGES, type Language } from './model.js';
import { generateReceipt, renderFlat } from './receipt.js';

export interface BuildOptions {
  readonly out: string;
  readonly seed: number;
  readonly perLanguage: number;
  /** Receipts per variant set, taken from the first receipts of each language in turn. */
  readonly perVariant: number;
  readonly languages: readonly Language[];
  readonly variants: readonly VariantSet[];
  readonly concurrency: number;
}

export interface SetReport {
  readonly name: string;
  readonly images: number;
  readonly bytes: number;
}

export interface Written {
  readonly set: string;
  readonly label: ReceiptLabel;
  readonly bytes: number;
}

export function flatSetName(language: Language): string {
  return `flat-${language}`;
}

/** Which flat receipts each variant set is made from: languages in turn, first receipts first. */
export function variantSources(options: Pick<BuildOptions, 'perLanguage' | 'perVariant' | 'languages'>) {
  const sources: { language: Language; index: number }[] = [];
  const total = Math.min(options.perVariant, options.perLanguage * options.languages.length);
  for (let k = 0; k < total; k += 1) {
    const language = options.languages[k % options.languages.length] as Language;
    sources.push({ language, index: Math.floor(k / options.languages.length) });
  }
  return sources;
}

function write(out: string, set: string, image: RenderedImage, text: readonly string[]): Written {
  const dir = join(out, set);
  writeFileSync(join(dir, 'images', `${image.id}.${image.format}`), image.bytes);
  writeFileSync(join(dir, 'text', `${image.id}.txt`), `${text.join('\n')}\n`);
  return { set, label: image.label, bytes: image.bytes.length };
}

/** Renders one receipt, its flat scan and its variants, and writes their files; returns their labels. */
export async function renderOne(
  options: Pick<BuildOptions, 'out' | 'seed'>,
  language: Language,
  index: number,
  variants: readonly VariantSet[],
): Promise<Written[]> {
  const receipt = generateReceipt(language, index, options.seed);
  const flat = await renderFlat(receipt);
  const written = [write(options.out, flatSetName(language), await flatImage(receipt, flat), receipt.text)];
  for (const variant of variants) {
    written.push(
      write(options.out, variant, await variantImage(receipt, flat, variant, options.seed), receipt.text),
    );
  }
  return written;
}

export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await run(items[i] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

export type RenderJob = {
  readonly language: Language;
  readonly index: number;
  readonly variants: readonly VariantSet[];
};

/** Runs render jobs; the CLI passes a pool of worker threads, tests run them in process. */
export type JobRunner = (jobs: readonly RenderJob[], progress: () => void) => Promise<Written[][]>;

export function inProcess(options: BuildOptions): JobRunner {
  return (jobs, progress) =>
    pool(jobs, options.concurrency, async (job) => {
      const written = await renderOne(options, job.language, job.index, job.variants);
      progress();
      return written;
    });
}

export async function buildSets(
  options: BuildOptions,
  progress: (done: number, of: number) => void = () => {},
  runner: JobRunner = inProcess(options),
): Promise<SetReport[]> {
  const setNames = [...options.languages.map(flatSetName), ...options.variants];
  for (const name of setNames) {
    const dir = join(options.out, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'images'), { recursive: true });
    mkdirSync(join(dir, 'text'), { recursive: true });
  }
  const sources = new Set(variantSources(options).map((s) => `${s.language}:${s.index}`));
  const jobs = options.languages.flatMap((language) =>
    Array.from({ length: options.perLanguage }, (_, index) => ({
      language,
      index,
      variants: sources.has(`${language}:${index}`) ? options.variants : [],
    })),
  );
  let done = 0;
  const results = await runner(jobs, () => {
    done += 1;
    progress(done, jobs.length);
  });
  const bySet = new Map<string, Written[]>(setNames.map((name) => [name, []]));
  for (const w of results.flat()) bySet.get(w.set)?.push(w);
  const reports: SetReport[] = [];
  for (const [name, written] of bySet) {
    written.sort((a, b) => a.label.file.localeCompare(b.label.file));
    const lines = written.map((w) => JSON.stringify(w.label)).join('\n');
    writeFileSync(join(options.out, name, 'labels.jsonl'), written.length > 0 ? `${lines}\n` : '');
    reports.push({ name, images: written.length, bytes: written.reduce((s, w) => s + w.bytes, 0) });
  }
  writeFileSync(
    join(options.out, 'manifest.json'),
    `${JSON.stringify(
      {
        generator: 'tools/render (pnpm render:receipts)',
        seed: options.seed,
        perLanguage: options.perLanguage,
        perVariant: options.perVariant,
        languages: options.languages,
        sets: Object.fromEntries(reports.map((r) => [r.name, r.images])),
        degradations: 'per image in labels.jsonl under render.degradation',
      },
      null,
      2,
    )}\n`,
  );
  return reports;
}

export { LANGUAGES };
