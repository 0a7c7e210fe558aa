/**
 * The environment the OCR image gives the function, read from Dockerfile.lambda's ENV instructions (one home: the
 * benchmarks run compiled code with what the image sets, not with a copy that could drift from it). Paths such as
 * TESSDATA_PATH are the image's; a tool running a local package replaces them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOCKERFILE = fileURLToPath(new URL('../../Dockerfile.lambda', import.meta.url));

/** `KEY=value` and `KEY="value with spaces"` pairs of every ENV instruction, continuation lines joined. */
export function imageEnvironment(dockerfile = readFileSync(DOCKERFILE, 'utf8')): Record<string, string> {
  const instructions = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const env: Record<string, string> = {};
  for (const line of instructions) {
    const match = /^\s*ENV\s+(.*)$/i.exec(line);
    if (match === null) continue;
    for (const pair of (match[1] ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)) {
      env[pair[1] as string] = pair[3] ?? pair[2] ?? '';
    }
  }
  return env;
}
