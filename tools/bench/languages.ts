/**
 * `pnpm bench:languages <rendered-dir> [--limit N] [--json]`: what a receipt in another language costs (issue 9:
 * at most 1.3× an English one). `<rendered-dir>` is written by `pnpm render:receipts` (docs/evaluation-sets.md):
 * one `flat-<language>` set per language, `flat-en` among them.
 *
 * Each language's receipts are read by two warm engines in turn, receipt by receipt: the default one (English
 * first, then the receipt's own language where its markers show) and an English-only one. The two ratios:
 *   vs English receipts      the language's median against `flat-en`'s, both through the default engine. Receipts
 *                            of some countries are longer (German ones print a TSE signature block), so this ratio
 *                            holds their length as well as their language
 *   vs the same, English     the language's median against the same receipts' through the English-only engine: the
 *                            price of the language alone
 *   receipt by receipt       the median of each receipt's own ratio (default engine against English-only, read one
 *                            after the other): the same price, paired, so a receipt that is slow through both
 *                            engines (a long one, or a moment the machine was busy) does not move it
 * Time is CPU time (`process.cpuUsage()`: every thread, the recognition workers' included), less sensitive than wall
 * time to a shared machine's load. One language at a time: the engine keeps one other language's workers alive, so
 * receipts of several languages in turn would restart them at every receipt, and the first receipt of each
 * language (its workers starting) is read once before timing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createReceiptEngine, type ReceiptEngine } from '@receipt-ocr/engine';
import { receiptImageFiles } from '../cli/inputs.js';
import { parseArgsOrExit } from '../cli/run-main.js';
import { percentile } from '../eval/metrics.js';

const USAGE = 'pnpm bench:languages <rendered-dir> [--limit N] [--json]';

interface LanguageCost {
  readonly language: string;
  readonly receipts: number;
  /** Median CPU ms per receipt through the default engine. */
  readonly cpuMs: number;
  /** Median CPU ms of the same receipts through the English-only engine. */
  readonly englishOnlyCpuMs: number;
  readonly vsEnglishReceipts: number;
  readonly vsSameEnglishOnly: number;
  /** The median of the receipts' own ratios, default engine against English-only. */
  readonly pairedVsEnglishOnly: number;
}

async function cpuMs(engine: ReceiptEngine, file: string): Promise<number> {
  const bytes = readFileSync(file);
  const start = process.cpuUsage();
  await engine.process({ bytes });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const { values, positionals } = parseArgsOrExit(`usage: ${USAGE}`, {
    allowPositionals: true,
    options: { limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  const root = positionals[0];
  if (root === undefined || !existsSync(path.join(root, 'flat-en'))) {
    process.stderr.write(`a rendered folder with a flat-en set is needed\nusage: ${USAGE}\n`);
    process.exit(2);
  }
  const sets = readdirSync(root)
    .filter((name) => name.startsWith('flat-'))
    .sort((a, b) => (a === 'flat-en' ? -1 : b === 'flat-en' ? 1 : a.localeCompare(b)));
  const engine = await createReceiptEngine();
  const englishOnly = await createReceiptEngine({ languages: ['eng'] });
  const measured: { language: string; cpu: number[]; englishOnly: number[] }[] = [];
  try {
    for (const set of sets) {
      const { files } = await receiptImageFiles(path.join(root, set), values.limit, USAGE);
      const [first] = files;
      if (first === undefined) continue;
      await engine.process({ bytes: readFileSync(first) });
      const row = { language: set.slice('flat-'.length), cpu: [] as number[], englishOnly: [] as number[] };
      for (const file of files) {
        row.cpu.push(await cpuMs(engine, file));
        row.englishOnly.push(await cpuMs(englishOnly, file));
        process.stderr.write(`\r${set} ${row.cpu.length}/${files.length}   `);
      }
      measured.push(row);
    }
  } finally {
    process.stderr.write('\n');
    await Promise.all([engine.close(), englishOnly.close()]);
  }
  const english = percentile(measured.find((row) => row.language === 'en')?.cpu ?? [], 50);
  const report: LanguageCost[] = measured.map((row) => {
    const cpu = percentile(row.cpu, 50);
    const same = percentile(row.englishOnly, 50);
    return {
      language: row.language,
      receipts: row.cpu.length,
      cpuMs: Math.round(cpu),
      englishOnlyCpuMs: Math.round(same),
      vsEnglishReceipts: ratio(cpu, english),
      vsSameEnglishOnly: ratio(cpu, same),
      pairedVsEnglishOnly: ratio(
        percentile(
          row.cpu.map((ms, i) => ms / (row.englishOnly[i] ?? ms)),
          50,
        ),
        1,
      ),
    };
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  process.stdout.write(
    'language  receipts  CPU ms (median)  same, English only  vs English receipts  vs same, English only  receipt by receipt\n',
  );
  for (const r of report) {
    process.stdout.write(
      `${r.language.padEnd(10)}${String(r.receipts).padEnd(10)}${String(r.cpuMs).padEnd(17)}${String(r.englishOnlyCpuMs).padEnd(20)}${`${r.vsEnglishReceipts}x`.padEnd(21)}${`${r.vsSameEnglishOnly}x`.padEnd(23)}${r.pairedVsEnglishOnly}x\n`,
    );
  }
}

await main();
