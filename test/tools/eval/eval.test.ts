import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_RECEIPT, renderReceipt } from '../../../tools/samples/receipt-images.js';
import { runTool } from '../../support/run-tool.js';

const evaluate = (args: string[]) => runTool('tools/eval/eval.ts', args);

const line = (label: object) => JSON.stringify(label);

describe('pnpm eval', () => {
  let root: string;
  let sets: string;
  let cache: string;

  beforeAll(async () => {
    // Prepare: two sets under one folder. "alpha" labels everything on one receipt, and only a total, wrong
    // on purpose, on a copy of it; "beta" labels the total and currency only, with keys eval does not know.
    root = await mkdtemp(path.join(tmpdir(), 'eval-cli-'));
    sets = path.join(root, 'sets');
    cache = path.join(root, 'cache');
    const alpha = path.join(sets, 'alpha');
    const beta = path.join(sets, 'beta');
    await mkdir(path.join(alpha, 'images'), { recursive: true });
    await mkdir(path.join(beta, 'images'), { recursive: true });
    await writeFile(path.join(alpha, 'images', 'sunrise.png'), await renderReceipt(ENGLISH_RECEIPT));
    await copyFile(path.join(alpha, 'images', 'sunrise.png'), path.join(alpha, 'images', 'copy.png'));
    await writeFile(
      path.join(beta, 'images', 'sunrise.jpg'),
      await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' }),
    );
    await writeFile(
      path.join(alpha, 'labels.jsonl'),
      [
        line({
          file: 'sunrise.png',
          company: 'SUNRISE GROCERY SDN BHD',
          date: '15/03/2024',
          address: '12 JALAN MERANTI, 47301 PETALING',
          total: 'RM 1,126.89',
          currency: 'MYR',
          items: [
            { description: 'MILK 1L', quantity: '2', unitPrice: '6.50', amount: '13.00' },
            { description: 'BREAD WHOLEMEAL', amount: '4.20' },
            { description: 'COFFEE BEANS', amount: '1045.90' },
          ],
        }),
        line({ file: 'copy.png', company: null, date: null, address: null, total: '1000.00' }),
      ].join('\n'),
    );
    await writeFile(
      path.join(beta, 'labels.jsonl'),
      `${line({ file: 'sunrise.jpg', company: null, date: null, address: null, total: '1126.89', currency: 'MYR', note: 'x' })}\n`,
    );
    await writeFile(
      path.join(root, 'floors.json'),
      JSON.stringify({ alpha: { total: 0.5 }, beta: { total: 1 } }),
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('--json reports each set of a folder, scores only labelled fields, calibrates over all, fills the cache per set', async () => {
    // Act
    const { stdout, code, stderr } = await evaluate([
      sets,
      '--json',
      '--concurrency',
      '2',
      '--ocr-cache',
      cache,
      '--floors',
      path.join(root, 'floors.json'),
    ]);

    // Assess
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.engineFailures).toEqual([]);
    expect(out.concurrency).toBe(2);
    expect(out.ocrCache).toEqual({ dir: cache, receiptsFromCache: 0 });
    expect(out.sets.map((s: { name: string }) => s.name)).toEqual(['alpha', 'beta']);
    const [alpha, beta] = out.sets;
    expect(alpha.receipts).toBe(2);
    expect(alpha.accuracy.total).toEqual({ hits: 1, of: 2, rate: 0.5 });
    expect(alpha.accuracy.date.of).toBe(1);
    expect(alpha.items).toMatchObject({ receipts: 1, labelled: 3 });
    expect(beta.accuracy).toMatchObject({
      total: { hits: 1, of: 1, rate: 1 },
      date: null,
      companyNear: null,
      addressNear: null,
      currency: { of: 1 },
    });
    expect(beta.items).toBeNull();
    const totals = out.calibration.total;
    const returned = totals.buckets.reduce((sum: number, b: { n: number }) => sum + b.n, 0);
    expect(returned + totals.absent).toBe(3);
    expect(out.floors).toEqual({ checked: true, failures: [] });
    expect(await readdir(path.join(cache, 'alpha'))).toEqual(['copy.json', 'sunrise.json']);
    expect(await readdir(path.join(cache, 'beta'))).toEqual(['sunrise.json']);
  });

  it('prints a block per set and the calibration table, then exits 1 naming each figure below its floor', async () => {
    const { stdout, stderr, code } = await evaluate([sets, '--ocr-cache', cache, '--min', 'total=0.9']);

    expect(code).toBe(1);
    expect(stdout).toContain('WARNING: 3 receipts read from the dev OCR cache');
    expect(stdout).toMatch(/== alpha .*: 2 receipts/);
    expect(stdout).toMatch(/== beta .*: 1 receipts/);
    expect(stdout).toContain('== calibration over 2 set(s), 3 receipts');
    expect(stderr.trim().split('\n')).toEqual(['BELOW FLOOR alpha: total 0.5 < floor 0.9']);
  });

  it('refuses, before any OCR, a floor on a field a set does not label, and unknown figures', async () => {
    const unlabelled = await evaluate([sets, '--min', 'total=0.1,companyNear=0.5']);
    const unknown = await evaluate([sets, '--min', 'totl=0.9']);
    const noFloors = await evaluate([sets, '--floors', path.join(root, 'missing.json')]);

    expect(unlabelled).toMatchObject({ code: 2, stdout: '' });
    expect(unlabelled.stderr).toContain(
      'beta: a floor on companyNear, but no receipt of the set labels company',
    );
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown figure "totl"');
    expect(noFloors.code).toBe(2);
    expect(noFloors.stderr).toContain('missing.json');
  });
});
