/**
 * An evaluation dataset in the SROIE layout: images/<id>.jpg, labels.jsonl ({file, company, date, address,
 * total}) and, optionally, text/<id>.txt with the ground-truth lines. Read in place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const LabelSchema = z.object({
  file: z.string().min(1),
  company: z.string(),
  date: z.string(),
  address: z.string(),
  total: z.string(),
});
export type Label = z.infer<typeof LabelSchema>;

export interface Sample {
  readonly id: string;
  readonly imagePath: string;
  readonly label: Label;
  /** Ground-truth text lines joined by "\n", when the dataset has text/<id>.txt. */
  readonly groundTruth?: string;
}

export class DatasetError extends Error {
  readonly code = 'BAD_DATASET';
}

export function loadDataset(dir: string, limit?: number): Sample[] {
  const labelsPath = join(dir, 'labels.jsonl');
  if (!existsSync(labelsPath)) {
    throw new DatasetError(`${labelsPath} not found: pass a folder with images/, labels.jsonl and text/`);
  }
  const lines = readFileSync(labelsPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const samples = lines.map((line, i) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new DatasetError(`${labelsPath}:${i + 1} is not JSON`);
    }
    const parsed = LabelSchema.safeParse(json);
    if (!parsed.success) {
      throw new DatasetError(
        `${labelsPath}:${i + 1}: expected {file, company, date, address, total} strings`,
      );
    }
    const label = parsed.data;
    const id = label.file.replace(/\.[^.]+$/, '');
    const imagePath = join(dir, 'images', label.file);
    if (!existsSync(imagePath))
      throw new DatasetError(`${imagePath} (from ${labelsPath}:${i + 1}) not found`);
    const textPath = join(dir, 'text', `${id}.txt`);
    const groundTruth = existsSync(textPath) ? readFileSync(textPath, 'utf8') : undefined;
    return { id, imagePath, label, ...(groundTruth !== undefined ? { groundTruth } : {}) };
  });
  return limit !== undefined ? samples.slice(0, limit) : samples;
}
