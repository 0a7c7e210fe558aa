/**
 * tesseract.js downloads traineddata from a CDN whenever langPath is unset or a URL, inside its worker
 * thread, where vitest's setup file does not reach. So this test runs the real CLI in a child process with the
 * network guard preloaded into every thread (`--import` reaches file-based workers such as tesseract.js's),
 * after checking that the guard really is active in such a worker.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReceipt, SPANISH_RECEIPT } from '../../tools/samples/receipt-images.js';

const run = promisify(execFile);
const GUARDED = ['--import', 'tsx', '--import', path.resolve('test/support/network-guard.ts')];

describe('offline operation', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'offline-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the preloaded guard blocks fetches made inside a worker thread (control)', async () => {
    // Prepare: a worker that tries to reach a public address, as tesseract.js would reach its CDN.
    const worker = path.join(dir, 'fetching-worker.cjs');
    await writeFile(
      worker,
      `const { parentPort } = require('node:worker_threads');
fetch('https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz')
  .then(() => parentPort.postMessage('fetched'), (e) => parentPort.postMessage(e.message));`,
    );
    const main = path.join(dir, 'main.mjs');
    await writeFile(
      main,
      `import { Worker } from 'node:worker_threads';
const w = new Worker(${JSON.stringify(worker)});
w.on('message', (m) => { process.stdout.write(m); w.terminate(); });`,
    );

    const { stdout } = await run(process.execPath, [...GUARDED, main]);

    expect(stdout).toContain('network guard: tests may only fetch from loopback');
  });

  it('reads receipts in English and Spanish with no network at all', async () => {
    const file = path.join(dir, 'spanish.png');
    await writeFile(file, await renderReceipt(SPANISH_RECEIPT));

    const { stdout } = await run(process.execPath, [...GUARDED, 'tools/cli/ocr.ts', '--json', file], {
      timeout: 120_000,
    });

    const outcome = JSON.parse(stdout);
    expect(outcome).toMatchObject({ file, ok: true });
    expect(outcome.timings.ocrMs).toBeGreaterThan(0);
  });
});
