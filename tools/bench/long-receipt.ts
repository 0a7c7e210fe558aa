/**
 * `pnpm exec tsx tools/bench/long-receipt.ts <dir> [--counts 10,20,30] [--width 1080]`: time and peak RSS
 * of one engine reading a very long receipt, made by stacking N receipt images (the JPEG receipt scans of <dir>, cycled)
 * one under the other at a common width into one JPEG (PNG past JPEG's 65,535 px). Each size runs in a fresh process, so its peak RSS is
 * its own (process.resourceUsage().maxRSS covers the tesseract.js worker thread too).
 *   count  height  MP  seconds  peak RSS  status  lines
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { createReceiptEngine, isEngineError } from '@receipt-ocr/engine';
import sharp from 'sharp';
import { expandInputs } from '../cli/inputs.js';

const run = promisify(execFile);

/** N images from `files` (cycled), each resized to `width`, stacked into one JPEG. */
async function stack(files: readonly string[], count: number, width: number): Promise<Buffer> {
  const parts: { input: Buffer; top: number; left: number }[] = [];
  let height = 0;
  for (let index = 0; index < count; index += 1) {
    const file = files[index % files.length] as string;
    const { data, info } = await sharp(file).resize({ width }).jpeg().toBuffer({ resolveWithObject: true });
    parts.push({ input: data, top: height, left: 0 });
    height += info.height;
  }
  const canvas = sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(parts);
  // JPEG stops at 65,535 px a side.
  return (height > 65_535 ? canvas.png() : canvas.jpeg({ quality: 85 })).toBuffer();
}

/** Child mode: read one file with a fresh engine and print one JSON line. */
async function measure(file: string): Promise<void> {
  const bytes = readFileSync(file);
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const engine = await createReceiptEngine();
  const started = performance.now();
  let status = 'COMPLETED';
  let lines = 0;
  let total: string | undefined;
  try {
    const result = await engine.process({ bytes });
    lines = result.lines.length;
    total = result.fields.total?.value;
  } catch (error) {
    status = isEngineError(error) ? error.code : String(error);
  }
  const seconds = (performance.now() - started) / 1000;
  await engine.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ width, height, seconds, peakRssMb, status, lines, total })}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { counts: { type: 'string' }, width: { type: 'string' }, measure: { type: 'string' } },
  });
  if (values.measure !== undefined) return measure(values.measure);
  const dir = positionals[0];
  if (dir === undefined) {
    process.stderr.write(
      'usage: tools/bench/long-receipt.ts <folder of JPEG receipt scans> [--counts ...]\n',
    );
    process.exit(2);
  }
  const files = (await expandInputs([dir])).map((input) => input.file).filter((f) => /\.jpe?g$/i.test(f));
  const counts = (values.counts ?? '10,20,30').split(',').map(Number);
  const width = Number(values.width ?? 1080);
  const work = mkdtempSync(path.join(tmpdir(), 'long-receipt-'));
  try {
    process.stdout.write('count\theight\tMP\tseconds\tpeak RSS MB\tstatus\tlines\ttotal\n');
    for (const count of counts) {
      const file = path.join(work, `stack-${count}.jpg`);
      writeFileSync(file, await stack(files, count, width));
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', path.resolve('tools/bench/long-receipt.ts'), '--measure', file],
        { maxBuffer: 1 << 20 },
      );
      const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
      process.stdout.write(
        `${count}\t${r.height}\t${((r.width * r.height) / 1e6).toFixed(1)}\t${r.seconds.toFixed(1)}\t${r.peakRssMb.toFixed(0)}\t${r.status}\t${r.lines}\t${r.total ?? '-'}\n`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
