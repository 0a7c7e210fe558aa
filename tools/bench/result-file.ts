/**
 * Where `pnpm bench` leaves its last report (the `--json` document), so `pnpm cost` prices OCR at the engine's
 * measured median instead of an assumption. Under dist/: a measurement of this machine, never committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/config/paths.js';

export const BENCH_RESULT_FILE = path.join(REPO_ROOT, 'dist/bench/latest.json');

export function writeBenchResult(report: unknown, file = BENCH_RESULT_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...(report as object), writtenAt: new Date().toISOString() })}\n`);
}
