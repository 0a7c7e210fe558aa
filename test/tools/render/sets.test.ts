import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSet } from '../../../tools/eval/dataset.js';
import { buildSets } from '../../../tools/render/dataset.js';
import { degrade } from '../../../tools/render/degrade.js';
import { generateReceipt, renderFlat } from '../../../tools/render/receipt.js';
import { renderedReceipt } from '../../support/rendered-receipts.js';

describe('degradations', () => {
  it('turn, skew, fade and paste the flat scan as their parameters say', async () => {
    // Prepare
    const flat = await renderFlat(generateReceipt('it', 2, 1));
    // Act
    const turned = await degrade(flat, { kind: 'rotate', degrees: 90 });
    const upsideDown = await degrade(flat, { kind: 'rotate', degrees: 180 });
    const skewed = await degrade(flat, { kind: 'skew', degrees: -12, background: 255 });
    const low = await degrade(flat, { kind: 'low-contrast', paper: 210, ink: 130 });
    const page = await degrade(flat, {
      kind: 'page',
      page: 'grey',
      width: 2480,
      height: 3508,
      x: 1,
      y: 0,
      tone: 200,
      seed: 3,
    });
    // Assess
    expect([turned.width, turned.height]).toEqual([flat.height, flat.width]);
    expect([upsideDown.width, upsideDown.height]).toEqual([flat.width, flat.height]);
    expect(upsideDown.data[0]).toBe(flat.data[flat.data.length - 1]);
    expect(skewed.width).toBeGreaterThan(flat.width);
    // Ink at most a little darker than asked (the darkest 1 % is the reference), paper no lighter.
    const tooDark = low.data.filter((v) => v < 125).length;
    expect(tooDark / low.data.length).toBeLessThan(0.01);
    expect(low.data.every((v) => v <= 215)).toBe(true);
    expect([page.width, page.height]).toEqual([2480, 3508]);
    // x = 1, y = 0: the receipt sits in the top-right corner at its native scale
    expect(page.data[2480 - flat.width + 5 * 2480 + 5]).toBe(flat.data[5 * flat.width + 5]);
    expect(page.data[3000 * 2480 + 10]).toBeLessThan(215);
  });

  it('photograph a receipt on a table at phone size, as a JPEG', async () => {
    // Act
    const photo = await renderedReceipt('pt', { variant: 'photo', index: 1 });
    const meta = await sharp(photo.bytes).metadata();
    // Assess
    expect(photo.format).toBe('jpg');
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeGreaterThanOrEqual(3000);
    expect(meta.channels).toBe(3);
    expect(photo.label.source).toBe('pt-0002');
    expect(photo.label.render).toHaveProperty('degradation.kind', 'photo');
  });
});

describe('buildSets', () => {
  const out = mkdtempSync(join(tmpdir(), 'rendered-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes sets that pnpm eval reads, variants pointing at their flat receipt', async () => {
    // Act
    const reports = await buildSets({
      out,
      seed: 5,
      perLanguage: 1,
      perVariant: 3,
      languages: ['de', 'nl', 'en'],
      variants: ['turned', 'faded'],
      concurrency: 2,
    });
    // Assess
    expect(reports.map((r) => [r.name, r.images])).toEqual([
      ['flat-de', 1],
      ['flat-nl', 1],
      ['flat-en', 1],
      ['turned', 3],
      ['faded', 3],
    ]);
    const flat = loadSet(join(out, 'flat-nl')).samples;
    const turned = loadSet(join(out, 'turned')).samples;
    const fromNl = turned.find((s) => s.id === 'nl-0001-turned');
    expect(flat[0]?.label).toMatchObject({ file: expect.stringMatching(/^nl-0001\.(png|jpg)$/) });
    expect(fromNl?.label).toMatchObject({
      company: flat[0]?.label.company,
      date: flat[0]?.label.date,
      total: flat[0]?.label.total,
    });
    expect(fromNl?.groundTruth).toBe(flat[0]?.groundTruth);
    const raw = readFileSync(join(out, 'turned', 'labels.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const nl = raw.map((line) => JSON.parse(line)).find((l) => l.source === 'nl-0001');
    expect(nl).toMatchObject({
      currency: 'EUR',
      language: 'nl',
      render: { degradation: { kind: 'rotate' } },
    });
    expect(nl.items.length).toBeGreaterThan(0);
    const flatMeta = await sharp(flat[0]?.imagePath).metadata();
    const turnedMeta = await sharp(fromNl?.imagePath).metadata();
    expect(nl.render.degradation.degrees === 180 ? turnedMeta.width : turnedMeta.height).toBe(flatMeta.width);
  });

  it('writes the same files for the same seed', async () => {
    // Prepare
    const again = mkdtempSync(join(tmpdir(), 'rendered-'));
    const options = {
      seed: 5,
      perLanguage: 1,
      perVariant: 1,
      languages: ['de'] as const,
      variants: ['turned'] as const,
      concurrency: 1,
    };
    // Act
    await buildSets({ ...options, out: again });
    const first = readFileSync(join(out, 'flat-de', 'labels.jsonl'), 'utf8');
    const second = readFileSync(join(again, 'flat-de', 'labels.jsonl'), 'utf8');
    const file = JSON.parse(first).file as string;
    // Assess
    expect(second).toBe(first);
    expect(readFileSync(join(again, 'flat-de', 'images', file))).toEqual(
      readFileSync(join(out, 'flat-de', 'images', file)),
    );
    rmSync(again, { recursive: true, force: true });
  });
});
