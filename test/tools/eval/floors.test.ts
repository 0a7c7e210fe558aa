import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLabelled, belowFloors, parseFloors, readFloorsFile } from '../../../tools/eval/floors.js';
import { parseLabel } from '../../../tools/eval/labels.js';
import { scoreReceipt, summarise } from '../../../tools/eval/score.js';

describe('parseFloors', () => {
  it('reads figure=value pairs', () => {
    expect(
      parseFloors('total=0.92, date=0.9,companyNear=0.85,addressNear=0.9,currency=1,itemsF1=0.5'),
    ).toEqual({
      total: 0.92,
      date: 0.9,
      companyNear: 0.85,
      addressNear: 0.9,
      currency: 1,
      itemsF1: 0.5,
    });
  });

  it.each([
    ['totl=0.9', 'unknown figure "totl"'],
    ['total=high', 'total needs a number from 0 to 1, not "NaN"'],
    ['total=92', 'total needs a number from 0 to 1'],
    ['total=', 'total needs a number from 0 to 1'],
    ['total', '"total" is not figure=value'],
    ['', 'expected figure=value pairs'],
  ])('rejects "%s"', (spec, message) => {
    expect(() => parseFloors(spec)).toThrow(message);
  });
});

describe('readFloorsFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eval-floors-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads floors per set name', async () => {
    const file = path.join(dir, 'ok.json');
    await writeFile(file, JSON.stringify({ dev: { total: 0.9, date: 0.925 }, photos: { total: 0.05 } }));

    const floors = readFloorsFile(file);

    expect(floors.get('dev')).toEqual({ total: 0.9, date: 0.925 });
    expect(floors.get('photos')).toEqual({ total: 0.05 });
  });

  it('rejects unknown figures and values out of range, naming the set', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ dev: { total: 0.9, adress: 0.5 } }));
    expect(() => readFloorsFile(file)).toThrow(`${file} "dev": unknown figure "adress"`);
    await writeFile(file, JSON.stringify({ dev: { total: '0.9' } }));
    expect(() => readFloorsFile(file)).toThrow('total needs a number from 0 to 1');
  });
});

describe('floors against a summary', () => {
  // Prepare: four receipts labelling the total, one of them read wrong: total 0.75; none labels the company.
  const extraction = (total: string) => ({
    fields: { total: { value: total, confidence: 0.9, text: total, bbox: null } },
    items: [],
    confidence: 0.5,
  });
  const label = parseLabel({ file: 'a.jpg', total: '10.00', company: null });
  const summary = summarise(
    ['10.00', '10.00', '10.00', '11.00'].map((got, i) =>
      scoreReceipt(`r${i}`, label, extraction(got), '', undefined, 1),
    ),
  );

  it('names each figure below its floor, and none at or above it', () => {
    expect(belowFloors('dev', { total: 0.8 }, summary)).toEqual(['dev: total 0.75 < floor 0.8']);
    expect(belowFloors('dev', { total: 0.75 }, summary)).toEqual([]);
  });

  it('refuses a floor on a field the set does not label', () => {
    expect(() => assertLabelled('photos', { total: 0.5, companyNear: 0.8 }, new Set(['total']))).toThrow(
      'photos: a floor on companyNear, but no receipt of the set labels company',
    );
    expect(() => assertLabelled('photos', { total: 0.5 }, new Set(['total']))).not.toThrow();
  });
});
