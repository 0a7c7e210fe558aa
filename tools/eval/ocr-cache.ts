/**
 * DEV ONLY: a cache of recognised lines per receipt, so the field parser can be iterated on without running
 * OCR again (`pnpm eval <dir> --ocr-cache /tmp/ocr-cache`). The cache is invalid as soon as the engine
 * (preprocessing, recognition, languages) changes: delete the folder then. Reported figures come from a
 * run without it; the summary says when a cache was used.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OcrLineSchema } from '@receipt-ocr/engine/schema';
import { z } from 'zod';

const CachedSchema = z.object({
  lines: z.array(OcrLineSchema),
  text: z.string(),
  language: z.string(),
  /** Wall time of the original engine run, decode to fields. */
  ms: z.number(),
});
export type CachedOcr = z.infer<typeof CachedSchema>;

export function readCached(dir: string, id: string): CachedOcr | undefined {
  const path = join(dir, `${id}.json`);
  if (!existsSync(path)) return undefined;
  const parsed = CachedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

export function writeCached(dir: string, id: string, entry: CachedOcr): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(entry));
}
