/** Human-readable output of `pnpm eval`. */
import type { Rate, ReceiptScore, Summary } from './score.js';

function fmt(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

function pct(r: Rate): string {
  return `${String(r.hits).padStart(3)}/${r.of} ${(r.rate * 100).toFixed(1).padStart(5)}%`;
}

export function printMisses(scores: readonly ReceiptScore[]): void {
  for (const s of scores) {
    const lines: string[] = [];
    const mark = (inText: boolean) => (inText ? 'in text' : 'NOT in text');
    if (!s.total.ok)
      lines.push(
        `  total    expected ${s.total.expected}  got ${s.total.got ?? '-'}  (${mark(s.total.inText)})`,
      );
    if (!s.date.ok)
      lines.push(
        `  date     expected ${s.date.expected}  got ${s.date.got ?? '-'}  (${mark(s.date.inText)})`,
      );
    if (!s.company.near) {
      lines.push(
        `  company  expected "${s.company.expected}"  got "${s.company.got ?? '-'}"  sim ${s.company.similarity.toFixed(2)} (${mark(s.company.inText)})`,
      );
    }
    if (!s.address.near) {
      lines.push(
        `  address  expected "${s.address.expected}"  got "${s.address.got ?? '-'}"  sim ${s.address.similarity.toFixed(2)} (${mark(s.address.inText)})`,
      );
    }
    if (lines.length > 0)
      process.stdout.write(
        `${s.id}${s.cer !== undefined ? `  CER ${(s.cer * 100).toFixed(1)}%` : ''}\n${lines.join('\n')}\n`,
      );
  }
  process.stdout.write('\n');
}

export function printSummary(
  summary: Summary,
  meta: {
    dataset: string;
    engine: { name: string; version: string; model: string; languages: string[] } | null;
    ocrCache: { dir: string; receiptsFromCache: number } | null;
  },
): void {
  const a = summary.accuracy;
  const c = summary.textContains;
  const out = [
    `dataset ${meta.dataset}: ${summary.receipts} receipts`,
    meta.engine
      ? `engine  ${meta.engine.name} ${meta.engine.version} (${meta.engine.model}, ${meta.engine.languages.join('+')})`
      : '',
    meta.ocrCache && meta.ocrCache.receiptsFromCache > 0
      ? `WARNING: ${meta.ocrCache.receiptsFromCache} receipts read from the dev OCR cache ${meta.ocrCache.dir}: figures are only valid for the engine that filled it`
      : '',
    '',
    'field     accuracy            near (similarity)   OCR text contains',
    `total     ${pct(a.total)}                          ${pct(c.total)}`,
    `date      ${pct(a.date)}                          ${pct(c.date)}`,
    `company   ${pct(a.companyExact)} exact  ${pct(a.companyNear)} (>=0.90)  ${pct(c.company)}`,
    `address   ${pct(a.addressExact)} exact  ${pct(a.addressNear)} (>=0.85)  ${pct(c.address)}`,
    '',
    `misses although the OCR text contained the value (extractor errors): total ${summary.parseMisses.total}, date ${summary.parseMisses.date}, company ${summary.parseMisses.company}, address ${summary.parseMisses.address}`,
    `mean confidence, right vs wrong (absent values aside): total ${fmt(summary.calibration.total.right)} vs ${fmt(summary.calibration.total.wrong)}, date ${fmt(summary.calibration.date.right)} vs ${fmt(summary.calibration.date.wrong)}`,
    `character error rate vs text/: mean ${(summary.cer.mean * 100).toFixed(1)}%, median ${(summary.cer.median * 100).toFixed(1)}% (${summary.cer.receipts} receipts)`,
    `time per receipt (decode to fields${meta.ocrCache && meta.ocrCache.receiptsFromCache > 0 ? ', as recorded in the cache' : ''}): median ${summary.timeMs.median.toFixed(0)} ms, p90 ${summary.timeMs.p90.toFixed(0)} ms, max ${summary.timeMs.max.toFixed(0)} ms`,
  ];
  process.stdout.write(`${out.filter((l, i) => l !== '' || i > 2).join('\n')}\n`);
}
