/**
 * Builds the review page: web/src -> `dist/web/` (index.html, app.js, app.css). Static files only: `pnpm start`
 * serves them, the CDK construct uploads them. esbuild bundles and minifies; nothing is fetched at run time.
 * `pnpm build:web` runs it; `pnpm start` and the e2e tests call buildWeb() themselves.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const WEB_ROOT = resolve(import.meta.dirname, '../../web');
export const WEB_DIST = resolve(import.meta.dirname, '../../dist/web');

export interface WebBuild {
  outDir: string;
  /** app.js gzipped, in bytes (target ≤ 100 KB). */
  scriptGzipBytes: number;
}

export async function buildWeb(outDir = WEB_DIST): Promise<WebBuild> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [
      { in: resolve(WEB_ROOT, 'src/main.ts'), out: 'app' },
      { in: resolve(WEB_ROOT, 'src/app.css'), out: 'app' },
    ],
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox114', 'safari16'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: resolve(WEB_ROOT, 'tsconfig.json'),
  });
  await copyFile(resolve(WEB_ROOT, 'index.html'), resolve(outDir, 'index.html'));
  const script = await readFile(resolve(outDir, 'app.js'));
  return { outDir, scriptGzipBytes: gzipSync(script).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await buildWeb(process.argv[2] ? resolve(process.argv[2]) : WEB_DIST);
  console.log(`web: ${result.outDir} (app.js ${(result.scriptGzipBytes / 1024).toFixed(1)} KB gzipped)`);
}
