/**
 * `pnpm exec tsx tools/bench/engine-memory-compiled.ts [NAME=value...] <package dir>[::<NODE_OPTIONS>] <dir>
 * [engine-memory options]`: engine-memory.ts as the OCR function runs it. It is bundled like the handler (tools/package/bundle.ts)
 * into the package `pnpm package:ocr` wrote, so it imports that package's sharp and tesseract.js, reads its
 * tessdata, and runs in plain `node` (no tsx loader thread) with the image's environment (MALLOC_ARENA_MAX=2,
 * NODE_ENV=production, and its NODE_OPTIONS unless given after `::`), plus the variables named first (variants
 * such as MALLOC_MMAP_THRESHOLD_=131072). The bundle goes to <package dir>/app/bench-<pid>/
 * (to resolve the package's modules as the handler does) and is removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEntries } from '../package/bundle.js';
import { imageEnvironment } from './image-environment.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const args = process.argv.slice(2);
const firstPath = args.findIndex((arg) => !/^[A-Z_][A-Z0-9_]*=/.test(arg));
const variables = args.slice(0, Math.max(firstPath, 0));
const [target, ...rest] = args.slice(variables.length);
if (target === undefined || rest.length === 0) {
  process.stderr.write(
    'usage: tools/bench/engine-memory-compiled.ts <package dir>[::<NODE_OPTIONS>] <dir> [--count 40] [--languages ...]\n',
  );
  process.exit(2);
}
const image = imageEnvironment();
const [packageArg = '', nodeOptions = image.NODE_OPTIONS ?? ''] = target.split('::');
const packageDir = path.resolve(packageArg);
const modules = path.join(packageDir, 'app', 'node_modules');
if (!existsSync(modules)) {
  process.stderr.write(`no package in ${packageDir}: run pnpm package:ocr --arch ${process.arch} first\n`);
  process.exit(2);
}
// Inside app/ the bundle resolves sharp and tesseract.js from the package's node_modules, as the handler does.
const outDir = path.join(packageDir, 'app', `bench-${process.pid}`);
await bundleEntries(REPO_ROOT, { 'engine-memory': 'tools/bench/engine-memory.ts' }, outDir);
const [images = '', ...options] = rest;
const result = spawnSync(
  process.execPath,
  [
    path.join(outDir, 'engine-memory.mjs'),
    path.resolve(images),
    '--lang-path',
    path.join(packageDir, 'tessdata'),
    ...options,
  ],
  {
    stdio: 'inherit',
    env: {
      PATH: process.env.PATH ?? '',
      ...image,
      TESSDATA_PATH: path.join(packageDir, 'tessdata'),
      NODE_OPTIONS: nodeOptions,
      ...Object.fromEntries(variables.map((variable) => variable.split(/=(.*)/s).slice(0, 2))),
    },
  },
);
rmSync(outDir, { recursive: true, force: true });
process.exitCode = result.status ?? 1;
