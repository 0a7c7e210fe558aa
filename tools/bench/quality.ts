/**
 * Dev tool: OCR quality of engine variants on a labelled dataset, run interleaved (receipt by receipt) so a
 * busy shared machine slows every variant alike. Reports character error rate against text/, whether the
 * text contains the labelled total/date/company/address, mean word confidence and recognition time.
 *
 *   pnpm tsx tools/bench/quality.ts [dataset-dir] [--variants engine,plain,invert,w800,reread70] [--limit N]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createReceiptEngine, type EngineOptions, type OcrLine } from '@receipt-ocr/engine';
import {
  checkEncodedInput,
  decodeImage,
  Recognizer,
  resolveLangSource,
  toPgm,
} from '@receipt-ocr/engine/internals';
import { PSM } from 'tesseract.js';
import { loadSet } from '../eval/dataset.js';
import {
  characterErrorRate,
  containsAmount,
  containsDate,
  containsWords,
  percentile,
} from '../eval/metrics.js';

interface Variant {
  readonly name: string;
  read(bytes: Uint8Array): Promise<{ lines: OcrLine[]; note: string }>;
  close(): Promise<void>;
}

const limits = { maxBytes: 15 * 1024 * 1024, maxPixels: 64_000_000 };

async function engineVariant(name: string, options: Partial<EngineOptions> = {}): Promise<Variant> {
  const engine = await createReceiptEngine(options);
  return {
    name,
    async read(bytes) {
      const result = await engine.process({ bytes });
      return { lines: result.lines, note: `${result.language} rot=${result.image.rotation}` };
    },
    close: () => engine.close(),
  };
}

/** Bare pipeline: grayscale, width capped at maxWidth (never enlarged), one reading with `psm`. */
async function plainVariant(
  name: string,
  maxWidth: number,
  psm: PSM,
  parameters: Record<string, string> = {},
): Promise<Variant> {
  const recognizer = new Recognizer({
    languages: 'eng',
    source: resolveLangSource(['eng'], 'fast'),
    recycleAfterJobs: 1000,
    recycleAboveRssBytes: Number.POSITIVE_INFINITY,
    psm,
    parameters,
  });
  await recognizer.warm();
  return {
    name,
    async read(bytes) {
      const decoded = await decodeImage(bytes, checkEncodedInput(bytes, limits), limits, { maxWidth });
      const page = await recognizer.recognize(toPgm(decoded.gray));
      return { lines: page.lines, note: '' };
    },
    close: () => recognizer.close(),
  };
}

const FACTORIES: Record<string, () => Promise<Variant>> = {
  engine: () => engineVariant('engine'),
  reread60: () => engineVariant('reread60', { rereadWeakLines: { below: 0.6, maxLines: 6 } }),
  reread70: () => engineVariant('reread70', { rereadWeakLines: { below: 0.7, maxLines: 4 } }),
  plain: () => plainVariant('plain', 1200, PSM.SINGLE_BLOCK),
  w1000: () => plainVariant('w1000', 1000, PSM.SINGLE_BLOCK),
  w1600: () => plainVariant('w1600', 1600, PSM.SINGLE_BLOCK),
  w800: () => plainVariant('w800', 800, PSM.SINGLE_BLOCK),
  invert: () => plainVariant('invert', 1200, PSM.SINGLE_BLOCK, { tessedit_do_invert: '1' }),
  psm4: () => plainVariant('psm4', 1200, PSM.SINGLE_COLUMN),
  psm3: () => plainVariant('psm3', 1200, PSM.AUTO),
};

interface Row {
  cer: number;
  total: boolean;
  date: boolean;
  company: boolean;
  address: boolean;
  confidence: number;
  ms: number;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { variants: { type: 'string' }, limit: { type: 'string' }, verbose: { type: 'boolean' } },
  });
  const dir = positionals[0];
  if (dir === undefined) {
    process.stderr.write(
      'usage: pnpm tsx tools/bench/quality.ts <labelled set with text/> [--variants ...]\n',
    );
    process.exit(2);
  }
  const { samples } = loadSet(dir, values.limit === undefined ? undefined : Number(values.limit));
  const names = (values.variants ?? 'engine,plain').split(',');
  const variants: Variant[] = [];
  for (const name of names) {
    const factory = FACTORIES[name];
    if (factory === undefined)
      throw new Error(`unknown variant ${name}; known: ${Object.keys(FACTORIES).join(', ')}`);
    variants.push(await factory());
  }
  const rows = new Map<string, Row[]>(names.map((name) => [name, []]));
  for (const sample of samples) {
    const bytes = readFileSync(sample.imagePath);
    for (const variant of variants) {
      const start = performance.now();
      const { lines, note } = await variant.read(bytes);
      const ms = performance.now() - start;
      const text = lines.map((line) => line.text).join('\n');
      const words = lines.flatMap((line) => line.words);
      const row: Row = {
        cer: sample.groundTruth === undefined ? Number.NaN : characterErrorRate(sample.groundTruth, text),
        // An unlabelled field counts as not contained (this tool is meant for fully labelled sets).
        total: containsAmount(text, sample.label.total?.raw ?? ''),
        date: containsDate(text, sample.label.date?.raw ?? ''),
        company: containsWords(text, sample.label.company ?? ''),
        address: containsWords(text.replace(/\n/g, ' '), sample.label.address ?? ''),
        confidence: words.reduce((sum, word) => sum + word.confidence, 0) / Math.max(1, words.length),
        ms,
      };
      rows.get(variant.name)?.push(row);
      if (values.verbose) {
        process.stderr.write(
          `${sample.id} ${variant.name.padEnd(7)} cer=${row.cer.toFixed(3)} conf=${row.confidence.toFixed(2)} ` +
            `${Math.round(ms)}ms T${+row.total}D${+row.date}C${+row.company}A${+row.address} ${note}\n`,
        );
      }
    }
  }
  await Promise.all(variants.map((variant) => variant.close()));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const rate = (xs: boolean[]) =>
    `${((100 * xs.filter(Boolean).length) / Math.max(1, xs.length)).toFixed(1)}%`;
  console.log(`${samples.length} receipts from ${dir}`);
  console.table(
    Object.fromEntries(
      [...rows].map(([name, list]) => [
        name,
        {
          'CER mean': `${(100 * mean(list.map((r) => r.cer))).toFixed(2)}%`,
          'has total': rate(list.map((r) => r.total)),
          'has date': rate(list.map((r) => r.date)),
          'has company': rate(list.map((r) => r.company)),
          'has address': rate(list.map((r) => r.address)),
          'conf min': Math.min(...list.map((r) => r.confidence)).toFixed(2),
          'ms median': Math.round(
            percentile(
              list.map((r) => r.ms),
              50,
            ),
          ),
          'ms p90': Math.round(
            percentile(
              list.map((r) => r.ms),
              90,
            ),
          ),
        },
      ]),
    ),
  );
}

await main();
