/**
 * `pnpm exec tsx tools/bench/formats.ts --scan-dir DIR --photo-dir DIR [--scans N] [--photos N]`: what PDF and
 * HEIC cost, on one warm engine.
 *   text PDF      a digital receipt (text layer): engine.process wall time, median of 10 (no OCR)
 *   scanned PDF   each of the first N flatbed receipt scans in --scan-dir, as JPEG and wrapped in a
 *                 one-page PDF, read alternately: total time of each, and whether the fields agree
 *   HEIC decode   a 12 MP HEIC photo (a JPEG phone photo of --photo-dir enlarged to 4032x3024, encoded with `heif-enc` from
 *                 Debian's libheif-examples): decodeHeif wall and CPU time, medians of 5 after one warm-up
 *   12 MP batch   peak RSS of a fresh process reading N 12 MP photos (JPEG and HEIC alternately) with one
 *                 engine (process.resourceUsage().maxRSS, which covers the tesseract.js worker thread), with
 *                 glibc's arenas limited as in the OCR image (tools/local/allocator.ts), and
 *                 after each photo the RSS and the resident size of each WASM memory (memory.ts)
 * The HEIC rows are skipped when heif-enc is not installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { createReceiptEngine, type EngineResult, type ReceiptEngine } from '@receipt-ocr/engine';
import { decodeHeif } from '@receipt-ocr/engine/internals';
import sharp from 'sharp';
import { expandInputs } from '../cli/inputs.js';
import { ALLOCATOR_ENV } from '../local/allocator.js';
import { scannedPdf, textPdf } from '../samples/pdf-files.js';
import { ENGLISH_RECEIPT } from '../samples/receipt-images.js';
import { wasmResident } from './memory.js';

const run = promisify(execFile);
const LIMITS = { maxBytes: 64 * 1024 * 1024, maxPixels: 64_000_000 };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function hasHeifEnc(): boolean {
  try {
    execFileSync('heif-enc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A 12 MP photo: `file` enlarged to 4032x3024 (an iPhone's 12 MP), as JPEG and, with heif-enc, as HEIC. */
async function twelveMegapixels(file: string, work: string, index: number): Promise<string[]> {
  const jpeg = path.join(work, `photo-${index}.jpg`);
  writeFileSync(
    jpeg,
    await sharp(file).rotate().resize(3024, 4032, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer(),
  );
  if (!hasHeifEnc()) return [jpeg];
  const heic = path.join(work, `photo-${index}.heic`);
  execFileSync('heif-enc', ['-q', '70', '-o', heic, jpeg], { stdio: 'ignore' });
  return [jpeg, heic];
}

async function textPdfRow(engine: ReceiptEngine): Promise<void> {
  const pdf = textPdf([ENGLISH_RECEIPT.lines]);
  await engine.process({ bytes: pdf });
  const times: number[] = [];
  for (let i = 0; i < 10; i += 1) times.push((await timed(() => engine.process({ bytes: pdf }))).ms);
  console.log(`text PDF       fields in ${median(times).toFixed(0)} ms (median of 10; target < 300 ms)`);
}

async function scannedPdfRow(engine: ReceiptEngine, files: readonly string[]): Promise<void> {
  let jpegMs = 0;
  let pdfMs = 0;
  let agree = 0;
  const key = (result: EngineResult) =>
    JSON.stringify([result.fields.total?.value, result.fields.transactionDate?.value, result.text]);
  for (const file of files) {
    const bytes = readFileSync(file);
    const { width = 0, height = 0 } = await sharp(bytes).metadata();
    const pdf = scannedPdf([{ bytes, width, height }]);
    const asJpeg = await timed(() => engine.process({ bytes }));
    const asPdf = await timed(() => engine.process({ bytes: pdf }));
    jpegMs += asJpeg.ms;
    pdfMs += asPdf.ms;
    if (key(asJpeg.value) === key(asPdf.value)) agree += 1;
  }
  console.log(
    `scanned PDF    ${files.length} scans: JPEG ${(jpegMs / 1000).toFixed(1)} s, PDF ${(pdfMs / 1000).toFixed(1)} s ` +
      `(${((pdfMs / jpegMs - 1) * 100).toFixed(1)}%; target within 10%); same text and fields: ${agree}/${files.length}`,
  );
}

async function heicRow(heic: string): Promise<void> {
  const bytes = readFileSync(heic);
  await decodeHeif(bytes, LIMITS);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const before = process.cpuUsage();
    wall.push((await timed(() => decodeHeif(bytes, LIMITS))).ms);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  // CPU time too: the decode runs on this thread alone, and wall time on a shared machine measures the others.
  console.log(
    `HEIC decode    12 MP in ${median(wall).toFixed(0)} ms warm, ${median(cpu).toFixed(0)} ms of CPU (medians of 5; target < 1 s)`,
  );
}

/** Child mode: one engine reads the photos; prints the peak RSS and the memory after each photo, in MB. */
async function batch(files: readonly string[]): Promise<void> {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const engine = await createReceiptEngine();
  const failed: string[] = [];
  const after: string[] = [];
  for (const file of files) {
    try {
      await engine.process({ bytes: readFileSync(file) });
    } catch (error) {
      failed.push(`${path.basename(file)}: ${String(error)}`);
    }
    const wasm = wasmResident().map(mb).join('+');
    after.push(`${path.basename(file)} RSS ${mb(process.memoryUsage.rss())} WASM ${wasm}`);
  }
  await engine.close();
  console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024, failed, after }));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      scans: { type: 'string' },
      photos: { type: 'string' },
      'scan-dir': { type: 'string' },
      'photo-dir': { type: 'string' },
      batch: { type: 'boolean' },
    },
  });
  if (values.batch) return batch(positionals);
  const scanDir = values['scan-dir'];
  const photoDir = values['photo-dir'];
  if (scanDir === undefined || photoDir === undefined) {
    process.stderr.write(
      'usage: tools/bench/formats.ts --scan-dir DIR --photo-dir DIR [--scans N] [--photos N]\n',
    );
    process.exit(2);
  }
  const scans = (await expandInputs([scanDir]))
    .map((input) => input.file)
    .slice(0, Number(values.scans ?? 10));
  const photos = (await expandInputs([photoDir]))
    .map((input) => input.file)
    .filter((file) => /\.jpe?g$/i.test(file))
    .slice(0, Number(values.photos ?? 6));
  const work = mkdtempSync(path.join(tmpdir(), 'bench-formats-'));
  try {
    const engine = await createReceiptEngine();
    await textPdfRow(engine);
    await scannedPdfRow(engine, scans);
    await engine.close();
    const made: string[] = [];
    for (const [index, photo] of photos.entries()) made.push(...(await twelveMegapixels(photo, work, index)));
    const heic = made.find((file) => file.endsWith('.heic'));
    if (heic === undefined) {
      console.log(
        'HEIC decode    skipped: no HEIC made (no photos, or heif-enc missing: apt-get install libheif-examples)',
      );
    } else await heicRow(heic);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', path.resolve('tools/bench/formats.ts'), '--batch', ...made],
      // Allocated as in the OCR image (allocator.ts).
      { maxBuffer: 1 << 20, env: { ...process.env, ...ALLOCATOR_ENV } },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    console.log(
      `12 MP batch    ${made.length} photos (${made.filter((f) => f.endsWith('.heic')).length} HEIC), one engine: ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MB (target <= 400 MB); failed: ${result.failed.length ? result.failed.join('; ') : 'none'}`,
    );
    console.log(`               after each photo (MB): ${result.after.join('; ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
