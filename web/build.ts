/**
 * Builds the review page: web/src -> static files (index.html, app.js, app.css). `pnpm start` serves them, the
 * CDK stack uploads them (it builds at synth, like the API's esbuild bundles), `pnpm build:web` writes dist/web/.
 * esbuild bundles and minifies; the page fetches nothing from a CDN.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

const WEB_ROOT = import.meta.dirname;
export const WEB_DIST = resolve(WEB_ROOT, '../dist/web');

export interface WebBuild {
  outDir: string;
  /** app.js gzipped, in bytes (the target is ≤ 100 KB). */
  scriptGzipBytes: number;
}

/** Synchronous so that CDK constructs can build while they are defined (esbuild takes well under a second). */
export function buildWeb(outDir: string = WEB_DIST): WebBuild {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [
      { in: resolve(WEB_ROOT, 'src/main.ts'), out: 'app' },
      { in: resolve(WEB_ROOT, 'src/app.css'), out: 'app' },
    ],
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox114', 'safari16'],
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: resolve(WEB_ROOT, 'tsconfig.json'),
  });
  copyFileSync(resolve(WEB_ROOT, 'index.html'), resolve(outDir, 'index.html'));
  return { outDir, scriptGzipBytes: gzipSync(readFileSync(resolve(outDir, 'app.js'))).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = buildWeb(process.argv[2] ? resolve(process.argv[2]) : WEB_DIST);
  console.log(`web: ${result.outDir} (app.js ${(result.scriptGzipBytes / 1024).toFixed(1)} KB gzipped)`);
}
