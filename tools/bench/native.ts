/** The native Tesseract CLI, when installed: the yardstick the engine's speed is compared with. */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { resolveLangSource } from '@receipt-ocr/engine/internals';

const run = promisify(execFile);

export function nativeTesseractVersion(): string | undefined {
  try {
    const out = execFileSync('tesseract', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out.split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

/**
 * Wall time of one `tesseract IMG stdout --psm 6` run, process start included (that is what a caller pays).
 * OMP_THREAD_LIMIT=1: with OpenMP threads the Debian build is 3-4x slower on 2 cores.
 */
export async function timeNative(image: string, tessdataDir?: string): Promise<number> {
  const start = performance.now();
  const models = tessdataDir === undefined ? [] : ['--tessdata-dir', tessdataDir];
  await run('tesseract', [image, 'stdout', '--psm', '6', ...models], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return performance.now() - start;
}

/**
 * A tessdata folder holding the engine's own English model (best_int), unzipped for the CLI: the CLI's default is
 * Debian's model, which is the fast one, so this yardstick tells the model's cost from the build's.
 */
export function bestIntTessdata(): string {
  const source = resolveLangSource(['eng'], 'best_int');
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-best-int-'));
  const file = path.join(source.langPath, `eng.traineddata${source.gzip ? '.gz' : ''}`);
  const data = readFileSync(file);
  writeFileSync(path.join(folder, 'eng.traineddata'), source.gzip ? gunzipSync(data) : data);
  return folder;
}
