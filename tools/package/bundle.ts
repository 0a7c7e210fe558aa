import { builtinModules, createRequire } from 'node:module';
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
 * Bundles the OCR entry points into ESM files (`<name>.mjs`, code shared between entries in chunks) for Node 22.
 * Everything but the external packages is inlined, so the image needs no other module. Whitespace and syntax are
 * minified but names are kept, and no source maps are written: a stack trace in the logs still names our functions,
 * while the maps were 8.3 MB of the image and, loaded by --enable-source-maps, 26-31 MB of RSS at every cold
 * start (measured with tools/bench/cold-start-handler.ts; docs/engine.md).
 */
/**
 * Node built-ins the bundle takes through require() instead of an ESM import. Importing one as ESM builds a facade
 * that reads every export, and node:http's include getters that load the whole fetch implementation (undici): about
 * 50 ms of a cold start for nothing (the AWS SDK's HTTP handler imports node:http and node:https).
 */
const FACADE_BUILTINS = ['http', 'https'];

/** Resolves `name` and `node:name` to a module re-exporting require('node:name')'s plain (non-getter) properties. */
function builtinsThroughRequire(names: readonly string[]): esbuild.Plugin {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'builtins-through-require',
    setup(build) {
      // The module's own require() stays a plain external built-in.
      build.onResolve({ filter }, (args) =>
        args.kind === 'require-call'
          ? undefined
          : { path: args.path.replace(/^node:/, ''), namespace: 'builtin' },
      );
      build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
        const exports = Object.entries(
          Object.getOwnPropertyDescriptors(createRequire(import.meta.url)(args.path)),
        )
          .filter(([name, descriptor]) => 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(name))
          .map(([name]) => name);
        return {
          contents: `const m = require('node:${args.path}');\nexport default m;\nexport const { ${exports.join(', ')} } = m;\n`,
          loader: 'js',
        };
      });
    },
  };
}

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
    plugins: [builtinsThroughRequire(FACADE_BUILTINS)],
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
