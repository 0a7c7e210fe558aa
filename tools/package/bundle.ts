import { builtinModules } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { EXTERNAL_PACKAGES } from './targets.js';

export interface BundleResult {
  /** Files written, relative to the output folder. */
  readonly files: readonly string[];
  /** Bare package names the bundle still imports at run time. */
  readonly externalImports: readonly string[];
}

/**
 * Modules the bundle loads with require() instead of an ESM import, each behind a one-line CommonJS module
 * (`module.exports = require(name)`) whose named imports esbuild turns into property reads:
 * - node:http and node:https: imported as ESM, Node builds a facade that reads every export, and node:http's include
 *   getters that load Node's whole fetch implementation (undici), 40-150 ms of a cold start for nothing (the AWS SDK's
 *   HTTP handler imports both);
 * - the external packages that are CommonJS (tesseract.js, sharp's main entry): imported as ESM, Node
 *   first scans their source and what it re-exports for export names (cjs-module-lexer), about 30-50 ms.
 */
const THROUGH_REQUIRE = /^(node:)?(http|https)$|^(tesseract\.js|sharp)$/;

function throughRequire(filter: RegExp): esbuild.Plugin {
  return {
    name: 'through-require',
    setup(build) {
      // The stand-in's own require() resolves as usual: a built-in or an external package.
      build.onResolve({ filter }, (args) =>
        args.kind === 'require-call' ? undefined : { path: args.path, namespace: 'through-require' },
      );
      build.onLoad({ filter: /.*/, namespace: 'through-require' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
    },
  };
}

/**
 * Bundles the OCR entry points into ESM files (`<name>.mjs`, code shared between entries in chunks) for Node 22.
 * Everything but the external packages is inlined, so the image needs no other module. Whitespace and syntax are
 * minified but names are kept, and no source maps are written: a stack trace in the logs still names our functions,
 * while the maps were 8.3 MB of the image and, loaded by --enable-source-maps, 26-31 MB of RSS at every cold
 * start (measured with tools/bench/cold-start-handler.ts; docs/engine.md).
 */
export async function bundleEntries(
  repoRoot: string,
  entries: Readonly<Record<string, string>>,
  outDir: string,
): Promise<BundleResult> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([out, entry]) => [out, path.join(repoRoot, entry)]),
    ),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    legalComments: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    external: [...EXTERNAL_PACKAGES],
    plugins: [throughRequire(THROUGH_REQUIRE)],
    mainFields: ['module', 'main'],
    // CommonJS dependencies inside the ESM bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'warning',
  });
  const externalImports = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imported of output.imports) {
      const builtin =
        imported.path.startsWith('node:') || builtinModules.includes(imported.path.split('/')[0] ?? '');
      if (imported.external && !builtin && !imported.path.startsWith('.')) {
        externalImports.add(imported.path);
      }
    }
  }
  return {
    files: Object.keys(result.metafile.outputs).map((file) =>
      path.relative(outDir, path.join(repoRoot, file)),
    ),
    externalImports: [...externalImports].sort(),
  };
}
