import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSetDirs, loadSet } from '../../../tools/eval/dataset.js';

async function makeSet(
  dir: string,
  lines: readonly string[],
  texts: Record<string, string> = {},
): Promise<void> {
  await mkdir(path.join(dir, 'images'), { recursive: true });
  await writeFile(path.join(dir, 'labels.jsonl'), `${lines.join('\n')}\n`);
  for (const line of lines.filter((l) => l !== '')) {
    const file = (JSON.parse(line) as { file: string }).file;
    await writeFile(path.join(dir, 'images', file), 'not read by these tests');
  }
  if (Object.keys(texts).length > 0) await mkdir(path.join(dir, 'text'));
  for (const [id, text] of Object.entries(texts)) await writeFile(path.join(dir, 'text', `${id}.txt`), text);
}

describe('findSetDirs and loadSet', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'eval-sets-'));
    await makeSet(
      path.join(root, 'all', 'scans'),
      ['{"file":"s1.jpg","company":"A","date":"01/02/2018","address":"B","total":"1.00"}'],
      { s1: 'A\nTOTAL 1.00' },
    );
    await makeSet(path.join(root, 'all', 'photos'), [
      '{"file":"p1.jpg","company":null,"date":null,"address":null,"total":"2.50","currency":"EUR","note":"x"}',
      '',
      '{"file":"p2.jpg","company":null,"date":"2025-04-03","address":null,"total":"3.00"}',
    ]);
    await mkdir(path.join(root, 'all', 'not-a-set'));
    await makeSet(path.join(root, 'other', 'photos'), ['{"file":"q.jpg","total":"1.00"}']);
    await makeSet(path.join(root, 'broken'), [
      '{"file":"b.jpg","total":"1.00"}',
      '{"file":"c.jpg","total":"lots"}',
    ]);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('expands a folder without labels.jsonl to its labelled subfolders, by name', () => {
    const scans = path.join(root, 'all', 'scans');

    const dirs = findSetDirs([scans, path.join(root, 'all')]);

    expect(dirs).toEqual([scans, path.join(root, 'all', 'photos')]);
  });

  it('refuses a folder with no set in it and two sets of the same name', () => {
    expect(() => findSetDirs([path.join(root, 'all', 'not-a-set')])).toThrow('has no labels.jsonl');
    expect(() => findSetDirs([path.join(root, 'nowhere')])).toThrow('not found');
    expect(() => findSetDirs([path.join(root, 'all'), path.join(root, 'other')])).toThrow(
      'two sets are named "photos"',
    );
  });

  it('loads a set: name, samples with parsed labels and ground-truth text when there is some', () => {
    const scans = loadSet(path.join(root, 'all', 'scans'));
    const photos = loadSet(path.join(root, 'all', 'photos'), 1);

    expect(scans.name).toBe('scans');
    expect(scans.samples[0]).toMatchObject({
      id: 's1',
      groundTruth: 'A\nTOTAL 1.00',
      label: { company: 'A' },
    });
    expect(photos.samples).toHaveLength(1);
    expect(photos.samples[0]?.label).toEqual({
      file: 'p1.jpg',
      total: { raw: '2.50', cents: 250 },
      currency: 'EUR',
    });
    expect(photos.samples[0]?.groundTruth).toBeUndefined();
  });

  it('names the file and line of a label it cannot read', () => {
    expect(() => loadSet(path.join(root, 'broken'))).toThrow(
      `${path.join(root, 'broken', 'labels.jsonl')}:2: total "lots" is not an amount`,
    );
  });
});
