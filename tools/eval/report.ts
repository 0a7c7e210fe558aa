/** Human-readable output of `pnpm eval`: misses, one block per set, then the calibration table. */
import type { EngineInfo } from '@receipt-ocr/engine';
import { BUCKETS, type Bucket, type Calibration, TRUSTED_CONFIDENCE } from './calibration.js';
import type { ItemsSummary } from './items.js';
import { ADDRESS_NEAR, COMPANY_NEAR, type Rate, type ReceiptScore, type Summary } from './score.js';

const write = (lines: readonly string[]) => process.stdout.write(`${lines.join('\n')}\n`);

function fmt(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

function pct(r: Rate | null, width = 17): string {
  const text =
    r === null ? '-' : `${String(r.hits).padStart(3)}/${r.of} ${(r.rate * 100).toFixed(1).padStart(5)}%`;
  return text.padEnd(width);
}

export function printMisses(set: string, scores: readonly ReceiptScore[]): void {
  const mark = (inText: boolean) => (inText ? 'in text' : 'NOT in text');
  for (const s of scores) {
    const lines: string[] = [];
    for (const [name, v] of [
      ['total', s.total],
      ['tax', s.tax],
      ['date', s.date],
    ] as const) {
      if (v && !v.ok)
        lines.push(`  ${name.padEnd(8)} expected ${v.expected}  got ${v.got ?? '-'}  (${mark(v.inText)})`);
    }
    for (const [name, v] of [
      ['company', s.company],
      ['address', s.address],
    ] as const) {
      if (v && !v.near) {
        lines.push(
          `  ${name.padEnd(8)} expected "${v.expected}"  got "${v.got ?? '-'}"  sim ${v.similarity.toFixed(2)} (${mark(v.inText)})`,
        );
      }
    }
    if (s.currency && !s.currency.ok)
      lines.push(`  currency expected ${s.currency.expected}  got ${s.currency.got ?? '-'}`);
    if (s.items && (s.items.matched < s.items.labelled || s.items.matched < s.items.predicted)) {
      lines.push(
        `  items    ${s.items.matched} amounts matched, ${s.items.labelled} labelled, ${s.items.predicted} found`,
      );
    }
    if (lines.length > 0) {
      const cer = s.cer !== undefined ? `  CER ${(s.cer * 100).toFixed(1)}%` : '';
      write([`${set}/${s.id}${cer}`, ...lines]);
    }
  }
}

function itemsLine(items: ItemsSummary | null): string {
  if (items === null) return 'items     not labelled';
  const near =
    items.descriptionNearRate === null
      ? ''
      : `; descriptions near ${items.descriptionNear}/${items.matched} (${(items.descriptionNearRate * 100).toFixed(1)}%)`;
  return `items     F1 ${items.f1.toFixed(3)}, precision ${items.precision.toFixed(3)} (${items.matched}/${items.predicted} found), recall ${items.recall.toFixed(3)} (${items.matched}/${items.labelled} labelled), ${items.receipts} receipts${near}`;
}

export function printSet(name: string, dir: string, summary: Summary): void {
  const a = summary.accuracy;
  const c = summary.textContains;
  const m = summary.parseMisses;
  const conf = summary.meanConfidence;
  const cer = summary.cer;
  write([
    `== ${name} (${dir}): ${summary.receipts} receipts; "-" = not labelled, rates count labelled receipts only`,
    `field     accuracy          near                         OCR text contains`,
    `total     ${pct(a.total)}${''.padEnd(29)}${pct(c.total)}`,
    `tax       ${pct(a.tax)}`,
    `date      ${pct(a.date)}${''.padEnd(29)}${pct(c.date)}`,
    `company   ${pct(a.companyExact)}${pct(a.companyNear)} (>=${COMPANY_NEAR.toFixed(2)})   ${pct(c.company)}`,
    `address   ${pct(a.addressExact)}${pct(a.addressNear)} (>=${ADDRESS_NEAR.toFixed(2)})   ${pct(c.address)}`,
    `currency  ${pct(a.currency)}`,
    itemsLine(summary.items),
    `misses although the OCR text contained the value (extractor errors): total ${m.total}, date ${m.date}, company ${m.company}, address ${m.address}`,
    `mean confidence, right vs wrong (absent values aside): total ${fmt(conf.total.right)} vs ${fmt(conf.total.wrong)}, date ${fmt(conf.date.right)} vs ${fmt(conf.date.wrong)}`,
    cer === null
      ? 'character error rate: - (no text/ folder)'
      : `character error rate vs text/: mean ${(cer.mean * 100).toFixed(1)}%, median ${(cer.median * 100).toFixed(1)}% (${cer.receipts} receipts)`,
    `time per receipt: median ${summary.timeMs.median.toFixed(0)} ms, p90 ${summary.timeMs.p90.toFixed(0)} ms, max ${summary.timeMs.max.toFixed(0)} ms`,
    '',
  ]);
}

function cell(b: Bucket): string {
  const accuracy = b.accuracy === null ? '-' : `${(b.accuracy * 100).toFixed(1)}%`;
  return `${String(b.n).padStart(5)}${String(b.right).padStart(8)}${accuracy.padStart(11)}`;
}

export function printCalibration(calibration: Calibration, receipts: number, sets: number): void {
  const fields = [calibration.total, calibration.date, calibration.tax];
  const gap = ''.padEnd(6);
  const row = (label: string, cells: readonly string[]) => `${label.padEnd(12)}${cells.join(gap)}`;
  const range = (b: Bucket, i: number) =>
    `[${b.from.toFixed(1)}, ${b.to.toFixed(1)}${i === BUCKETS.length - 1 ? ']' : ')'}`;
  const heading = `${'n'.padStart(5)}${'right'.padStart(8)}${'accuracy'.padStart(11)}`;
  write([
    `== calibration over ${sets} set(s), ${receipts} receipts: values returned, by confidence, and how many were right`,
    row('', ['-------- total ---------', '--------- date ---------', '---------- tax ---------']),
    row(
      'confidence',
      fields.map(() => heading),
    ),
    ...BUCKETS.map((_, i) =>
      row(
        range(calibration.total.buckets[i] as Bucket, i),
        fields.map((f) => cell(f.buckets[i] as Bucket)),
      ),
    ),
    row(
      `>= ${TRUSTED_CONFIDENCE.toFixed(1)}`,
      fields.map((f) => cell(f.trusted)),
    ),
    row(
      'no value',
      fields.map((f) => `${String(f.absent).padStart(5)}${''.padEnd(19)}`),
    ),
  ]);
}

export function printRunInfo(
  engine: EngineInfo | null,
  cache: { dir: string; receiptsFromCache: number } | null,
  concurrency: number,
): void {
  const lines: string[] = [];
  if (engine) {
    lines.push(
      `engine ${engine.name} ${engine.version} (${engine.model}, ${engine.languages.join('+')}), ${concurrency} in parallel`,
    );
  }
  if (cache && cache.receiptsFromCache > 0) {
    lines.push(
      `WARNING: ${cache.receiptsFromCache} receipts read from the dev OCR cache ${cache.dir}: figures (times included) are only valid for the engine that filled it`,
    );
  }
  if (lines.length > 0) write([...lines, '']);
}
