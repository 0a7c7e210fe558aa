/**
 * `pnpm tsx tools/bench/variants.ts <rendered-dir> [--sets turned,skewed,photo,faded,page] [--limit N] [--json]`
 *
 * Receipts as users capture them against the same receipts flat: each image of a variant set written by
 * `pnpm render:receipts` (docs/evaluation-sets.md) is read, and so is the flat scan it was made from (its
 * `source`). Per set: how often the variant gives the same total and date as its flat source, and, among the
 * sources read right, how often the variant is read right too (a misread flat scan cannot be matched by
 * chance), with the label accuracy of both.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createReceiptEngine, type ReceiptEngine } from '@receipt-ocr/engine';

interface Reading {
  readonly total?: string;
  readonly date?: string;
}

interface Row {
  readonly set: string;
  readonly file: string;
  readonly variant: Reading;
  readonly flat: Reading;
  readonly label: Reading;
}

function labels(dir: string): { file: string; source: string; total?: string; date?: string }[] {
  return readFileSync(path.join(dir, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

async function read(engine: ReceiptEngine, file: string): Promise<Reading> {
  const result = await engine.process({ bytes: readFileSync(file) });
  return { total: result.fields.total?.value, date: result.fields.transactionDate?.value };
}

function flatImage(root: string, source: string): string {
  const folder = path.join(root, `flat-${source.split('-')[0]}`, 'images');
  const file = readdirSync(folder).find((name) => name.startsWith(`${source}.`));
  if (file === undefined) throw new Error(`no flat image for ${source} in ${folder}`);
  return path.join(folder, file);
}

const same = (a: Reading, b: Reading) => a.total === b.total && a.date === b.date;

function summary(rows: readonly Row[]) {
  const sets = [...new Set(rows.map((row) => row.set))];
  return sets.map((set) => {
    const of = rows.filter((row) => row.set === set);
    const flatRight = of.filter((row) => same(row.flat, row.label));
    return {
      set,
      images: of.length,
      sameAsFlat: of.filter((row) => same(row.variant, row.flat)).length,
      flatRight: flatRight.length,
      rightWhereFlatRight: flatRight.filter((row) => same(row.variant, row.label)).length,
      variantTotalRight: of.filter((row) => row.variant.total === row.label.total).length,
      flatTotalRight: of.filter((row) => row.flat.total === row.label.total).length,
    };
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sets: { type: 'string', default: 'turned,skewed,photo,faded,page' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const root = positionals[0];
  if (root === undefined || positionals.length !== 1) {
    throw new Error(
      'usage: pnpm tsx tools/bench/variants.ts <rendered-dir> [--sets a,b] [--limit N] [--json]',
    );
  }
  const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
  const engine = await createReceiptEngine();
  const flats = new Map<string, Reading>();
  const rows: Row[] = [];
  try {
    for (const set of values.sets.split(',')) {
      const dir = path.join(root, set);
      if (!existsSync(dir)) throw new Error(`no set ${set} in ${root}`);
      for (const label of labels(dir).slice(0, limit)) {
        const flat = flats.get(label.source) ?? (await read(engine, flatImage(root, label.source)));
        flats.set(label.source, flat);
        const variant = await read(engine, path.join(dir, 'images', label.file));
        rows.push({ set, file: label.file, variant, flat, label: { total: label.total, date: label.date } });
        process.stderr.write(`\r${set} ${rows.length}   `);
      }
    }
  } finally {
    process.stderr.write('\n');
    await engine.close();
  }
  const report = summary(rows);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ report, rows })}\n`);
    return;
  }
  for (const r of report) {
    process.stdout.write(
      `${r.set}: ${r.images} images; same total and date as the flat scan ${r.sameAsFlat}/${r.images}; ` +
        `where the flat scan is read right, the variant too ${r.rightWhereFlatRight}/${r.flatRight}; ` +
        `total right ${r.variantTotalRight} (flat ${r.flatTotalRight})\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
