/**
 * `pnpm exec tsx tools/bench/pdf-draw.ts [--runs 5]`: what a PDF page that must be drawn costs, from the file's
 * bytes to gray pixels at 300 dpi (one A4 page of text): the file opened, the page's text layer read (the engine
 * looks for one first) and the page drawn. Each way in a fresh process of its own, so that its peak RSS is its own,
 * beside a process that only loads the same modules. Printed per way: the first page (modules loaded, WASM
 * compiled), the median wall and CPU time of the next `--runs` pages, and the process's peak RSS
 * (process.resourceUsage().maxRSS) after the first page and after all. The way before PDFium (pdf.js through unpdf,
 * drawing on @napi-rs/canvas) was measured beside it at commit a64e630, where this script still had it: docs/engine.md.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { openPdf } from '@receipt-ocr/engine/internals';
import { textPdf } from '../samples/pdf-files.js';

const DPI = 300;
/** A page of 64 lines of 90 Courier characters: 564 x 872 pt, about A4 (595 x 842). */
const PAGE = Array.from(
  { length: 64 },
  (_, line) => `${String(line + 1).padStart(2, '0')} ${'RECEIPT LINE 12.34 EUR ABCDEFGHIJ '.repeat(3)}`,
);

type Drawer = (pdf: Uint8Array) => Promise<{ width: number; height: number }>;

const DRAWERS: Readonly<Record<string, Drawer>> = {
  'modules only': async () => ({ width: 0, height: 0 }),
  // The engine now: PDFium opens the file, lays out the text layer and draws the page.
  pdfium: async (pdf) => {
    const file = await openPdf(pdf);
    try {
      return file.withPage(1, (page) => {
        page.chars(DPI / 72);
        return page.draw(DPI / 72);
      });
    } finally {
      file.close();
    }
  },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Child mode: draws the page runs + 1 times with one drawer and prints its figures as JSON. */
async function child(name: string, runs: number): Promise<void> {
  const draw = DRAWERS[name];
  if (draw === undefined) throw new Error(`unknown drawer ${name}`);
  const pdf = textPdf([PAGE]);
  const wall: number[] = [];
  const cpu: number[] = [];
  let size = { width: 0, height: 0 };
  let firstPeak = 0;
  for (let run = 0; run <= runs; run += 1) {
    const before = process.cpuUsage();
    const started = performance.now();
    size = await draw(pdf);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    if (run === 0) firstPeak = process.resourceUsage().maxRSS / 1024;
  }
  const [firstWall = 0, ...warmWall] = wall;
  const [firstCpu = 0, ...warmCpu] = cpu;
  console.log(
    JSON.stringify({
      name,
      size: `${Math.round(size.width)}x${Math.round(size.height)}`,
      firstWall,
      firstCpu,
      wall: median(warmWall),
      cpu: median(warmCpu),
      firstPeakRssMb: firstPeak,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, child: { type: 'string' } },
  });
  const runs = Math.max(1, Number(values.runs));
  if (values.child !== undefined) return child(values.child, runs);
  const self = fileURLToPath(import.meta.url);
  console.log(`one ${PAGE.length}-line A4 page at ${DPI} dpi; first page, then the median of ${runs}`);
  for (const name of Object.keys(DRAWERS)) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', self, '--child', name, '--runs', String(runs)],
      { cwd: path.dirname(self), maxBuffer: 1 << 20 },
    );
    const row = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    console.log(
      `${row.name.padEnd(14)} ${row.size}  first ${row.firstWall.toFixed(0)} ms (CPU ${row.firstCpu.toFixed(0)}, ` +
        `peak RSS ${row.firstPeakRssMb.toFixed(0)} MB), then ${row.wall.toFixed(0)} ms (CPU ${row.cpu.toFixed(0)}; ` +
        `peak RSS after all ${row.peakRssMb.toFixed(0)} MB)`,
    );
  }
}

await main();
