/**
 * Evaluation sets on disk, read in place and never copied. A set is a folder with images/<file>,
 * labels.jsonl (one label per line, see labels.ts) and, optionally, text/<id>.txt with the ground-truth
 * lines. A folder without labels.jsonl stands for the sets among its subfolders.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type Label, parseLabel } from './labels.js';

export interface Sample {
  readonly id: string;
  readonly imagePath: string;
  readonly label: Label;
  /** Ground-truth text lines joined by "\n", when the set has text/<id>.txt. */
  readonly groundTruth?: string;
}

export interface EvalSet {
  /** The folder's name: what reports, floors and the OCR cache call the set. */
  readonly name: string;
  readonly dir: string;
  readonly samples: readonly Sample[];
}

export class DatasetError extends Error {
  readonly code = 'BAD_DATASET';
}

const hasLabels = (dir: string) => existsSync(join(dir, 'labels.jsonl'));
const setName = (dir: string) => basename(resolve(dir));

/** The set folders the command-line folders stand for, in the order given (subfolders by name). */
export function findSetDirs(dirs: readonly string[]): string[] {
  const found = dirs.flatMap((dir) => {
    if (hasLabels(dir)) return [dir];
    if (!existsSync(dir)) throw new DatasetError(`${dir} not found`);
    const subsets = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && hasLabels(join(dir, entry.name)))
      .map((entry) => join(dir, entry.name))
      .sort();
    if (subsets.length === 0) {
      throw new DatasetError(
        `${dir} has no labels.jsonl, nor any subfolder with one: pass a folder with images/ and labels.jsonl`,
      );
    }
    return subsets;
  });
  const byName = new Map<string, string>();
  for (const dir of found) {
    const other = byName.get(setName(dir));
    if (other !== undefined && resolve(other) !== resolve(dir)) {
      throw new DatasetError(
        `two sets are named "${setName(dir)}" (${other}, ${dir}): set names must differ`,
      );
    }
    byName.set(setName(dir), dir);
  }
  return [...byName.values()];
}

export function loadSet(dir: string, limit?: number): EvalSet {
  const labelsPath = join(dir, 'labels.jsonl');
  const lines = readFileSync(labelsPath, 'utf8').split('\n');
  const samples: Sample[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    if (limit !== undefined && samples.length >= limit) break;
    let label: Label;
    try {
      label = parseLabel(JSON.parse(line));
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'not JSON' : (error as Error).message;
      throw new DatasetError(`${labelsPath}:${i + 1}: ${reason}`);
    }
    const id = label.file.replace(/\.[^.]+$/, '');
    const imagePath = join(dir, 'images', label.file);
    if (!existsSync(imagePath))
      throw new DatasetError(`${imagePath} (from ${labelsPath}:${i + 1}) not found`);
    const textPath = join(dir, 'text', `${id}.txt`);
    const groundTruth = existsSync(textPath) ? readFileSync(textPath, 'utf8') : undefined;
    samples.push({ id, imagePath, label, ...(groundTruth !== undefined ? { groundTruth } : {}) });
  }
  return { name: setName(dir), dir, samples };
}
