/** The native Tesseract CLI, when installed: the yardstick the engine's speed is compared with. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

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
export async function timeNative(image: string): Promise<number> {
  const start = performance.now();
  await run('tesseract', [image, 'stdout', '--psm', '6'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return performance.now() - start;
}
