import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordPdf, textPdf } from '../../../tools/samples/pdf-files.js';
import { ENGLISH_RECEIPT, renderReceipt, SPANISH_RECEIPT } from '../../../tools/samples/receipt-images.js';
import { runTool } from '../../support/run-tool.js';

const ocr = (args: string[]) => runTool('tools/cli/ocr.ts', args);

describe('pnpm ocr', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ocr-cli-'));
    await mkdir(path.join(dir, 'batch'));
    await writeFile(path.join(dir, 'batch', 'a-english.png'), await renderReceipt(ENGLISH_RECEIPT));
    await writeFile(
      path.join(dir, 'batch', 'b-broken.jpg'),
      (await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' })).subarray(0, 2000),
    );
    await writeFile(
      path.join(dir, 'batch', 'c-spanish.jpg'),
      await renderReceipt({ ...SPANISH_RECEIPT, format: 'jpeg' }),
    );
    await writeFile(path.join(dir, 'batch', 'd-notes.txt'), 'TOTAL 12.00\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--json prints exactly one JSON line per input, in input order, and exits 1 when any failed', async () => {
    // Act: a folder with two bad files among good ones, plus a missing path, on two engines.
    const missing = path.join(dir, 'missing.png');
    const { stdout, stderr, code } = await ocr([
      '--json',
      '--concurrency',
      '2',
      path.join(dir, 'batch'),
      missing,
    ]);

    // Assess
    const lines = stdout.trimEnd().split('\n');
    const outcomes = lines.map((line) => JSON.parse(line));
    expect(outcomes.map((o) => [path.basename(o.file), o.ok, o.error?.code])).toEqual([
      ['a-english.png', true, undefined],
      ['b-broken.jpg', false, 'CORRUPT_IMAGE'],
      ['c-spanish.jpg', true, undefined],
      ['d-notes.txt', false, 'UNSUPPORTED_FORMAT'],
      ['missing.png', false, 'READ_ERROR'],
    ]);
    expect(outcomes[4].file).toBe(missing);
    const english = outcomes[0];
    expect(Object.keys(english)).toEqual(['file', 'ok', 'fields', 'items', 'confidence', 'timings']);
    expect(english.timings.ocrMs).toBeGreaterThan(0);
    expect(outcomes[1].error.message).toMatch(/damaged or truncated/);
    expect(code).toBe(1);
    expect(stderr).toContain('3 of 5 input(s) failed');
  });

  it('reads a digital PDF and names the code of each bad PDF or HEIC file', async () => {
    // Prepare
    const heic = await readFile(path.join(import.meta.dirname, '../../fixtures/receipt.heic'));
    const folder = path.join(dir, 'formats');
    await mkdir(folder);
    const files: [string, Buffer][] = [
      ['a-digital.pdf', textPdf([ENGLISH_RECEIPT.lines])],
      ['b-locked.pdf', passwordPdf()],
      ['c-cut.pdf', textPdf([ENGLISH_RECEIPT.lines]).subarray(0, 400)],
      ['d-statement.pdf', textPdf(Array(6).fill(['TOTAL 1.00']))],
      ['e-cut.heic', heic.subarray(0, 3000)],
    ];
    for (const [name, bytes] of files) await writeFile(path.join(folder, name), bytes);

    // Act
    const { stdout, code } = await ocr(['--json', '--lang', 'eng', folder]);

    // Assess
    const outcomes = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(outcomes.map((o) => [path.basename(o.file), o.ok, o.error?.code, o.fields?.total?.value])).toEqual(
      [
        ['a-digital.pdf', true, undefined, '1126.89'],
        ['b-locked.pdf', false, 'PDF_ENCRYPTED', undefined],
        ['c-cut.pdf', false, 'CORRUPT_FILE', undefined],
        ['d-statement.pdf', false, 'TOO_MANY_PAGES', undefined],
        ['e-cut.heic', false, 'CORRUPT_IMAGE', undefined],
      ],
    );
    expect(code).toBe(1);
  });

  it('prints a readable summary without --json and exits 0 when all succeed', async () => {
    const file = path.join(dir, 'batch', 'a-english.png');

    const { stdout, code } = await ocr(['--lang', 'eng', file]);

    expect(code).toBe(0);
    expect(stdout).toContain(`✓ ${file}`);
    expect(stdout).toMatch(/confidence \d+%, eng/);
  });

  it('rejects bad arguments with exit code 2 and the usage line', async () => {
    const { stdout, stderr, code } = await ocr(['--concurrency', 'zero', 'x.png']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('usage: pnpm ocr');
  });
});
