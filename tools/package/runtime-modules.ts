import { cpSync, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/** Where a package's files come from: its folder and its manifest. */
export interface ResolvedPackage {
  readonly dir: string;
  readonly manifest: PackageJson;
}

export function readManifest(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Node's lookup (node_modules folders upwards from `fromDir`), following pnpm's symlinks to the real folder. */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Which of a package's files (path relative to its folder, `/`-separated) the image ships. */
export type KeepRule = (relative: string) => boolean;

/**
 * Runtime files only. Per package: what Node loads in Lambda; browser builds, docs, examples, types, C++ sources,
 * build scripts and the WASM cores the engine does not load are left out. `core` is the one tesseract.js-core build
 * tesseract.js picks on the Lambda runtime (tesseract-core.ts).
 */
export function keepRules(core: string): Readonly<Record<string, KeepRule>> {
  return {
    'tesseract.js': (file) => file === 'package.json' || file === 'LICENSE.md' || file.startsWith('src/'),
    // One LSTM-only core (`.js` loader + `.wasm`): the full cores carry the legacy engine the engine never runs
    // (OEM LSTM_ONLY); tesseract.js 7.0.0 chose them anyway (a boolean compared with OEM numbers), which
    // patches/tesseract.js@7.0.0.patch fixes. The `.wasm.js` files are browser builds with the WASM inlined.
    'tesseract.js-core': (file) =>
      ['package.json', 'LICENSE', 'index.js', `${core}.js`, `${core}.wasm`].includes(file),
    sharp: (file) => ['package.json', 'LICENSE'].includes(file) || /^dist\/[\w-]+\.(cjs|mjs)$/.test(file),
    // LGPL-3.0, unmodified (THIRD-PARTY-NOTICES.md): the one build the engine imports (libheif-wasm/libheif-bundle.js,
    // the WASM inlined), its licences and manifest. The asm.js build, the ESM copy of the bundle and the separate
    // .js + .wasm pair are other builds of the same library (6.6 MB) that nothing loads.
    'libheif-js': (file) =>
      [
        'package.json',
        'LICENSE',
        'index.js',
        'libheif-wasm/LICENSE',
        'libheif-wasm/libheif-bundle.js',
      ].includes(file),
    // The Node ESM build (its `import` export) and the WASM it is handed (formats/pdfium-module.ts); the CommonJS,
    // browser, CDN, base64 (the WASM again, as text) and worker builds are left out.
    '@hyzyla/pdfium': (file) =>
      ['package.json', 'LICENSE.md', 'dist/index.esm.js', 'dist/pdfium.wasm'].includes(file),
  };
}

const DROP =
  /(^|\/)(README[^/]*|CHANGELOG[^/]*|\.github|docs?|examples?|tests?|__tests__|[^/]*\.d\.[cm]?ts|[^/]*\.map|[^/]*\.md)$/i;

/**
 * tesseract.js dependencies that never load in Node 22: a postinstall banner, the browser worker's IndexedDB cache
 * and gunzip (the Node worker uses node:zlib), and node-fetch (with whatwg-url, tr46 and webidl-conversions, 0.5 MB),
 * which both its Node sides require only where Node has no fetch of its own (`global.fetch || require('node-fetch')`;
 * checked in tesseract.js 7.0.0 src/worker-script/node and src/worker/node/loadImage.js).
 */
const NOT_AT_RUNTIME = new Set(['opencollective-postinstall', 'idb-keyval', 'zlibjs', 'node-fetch']);

/** Copies `pkg` into `nodeModulesDir`: the files `keep` names, else all but docs, types, tests and maps. */
export function copyPackage(pkg: ResolvedPackage, nodeModulesDir: string, keep?: KeepRule): void {
  const target = path.join(nodeModulesDir, pkg.manifest.name);
  cpSync(pkg.dir, target, {
    recursive: true,
    dereference: true,
    filter: (source) => {
      const relative = path.relative(pkg.dir, source).split(path.sep).join('/');
      if (relative === '') return true;
      if (relative === 'node_modules' || relative.startsWith('node_modules/')) return false;
      // Folders pass (empty ones are pruned afterwards); files must be kept.
      if (keep !== undefined) return statSync(source).isDirectory() || keep(relative);
      return !DROP.test(relative);
    },
  });
}

/**
 * The dependency closure of `roots`, resolved the way Node resolves them from each package's real folder.
 * `platformPackages` supplies optional native packages (sharp's binary for the target), looked up by name.
 */
export function resolveClosure(
  roots: readonly string[],
  fromDir: string,
  platformPackages: ReadonlyMap<string, ResolvedPackage>,
): ResolvedPackage[] {
  const resolved = new Map<string, ResolvedPackage>();
  const visit = (name: string, from: string, requiredBy: string) => {
    if (NOT_AT_RUNTIME.has(name)) return;
    const platform = platformPackages.get(name);
    const dir = platform?.dir ?? findPackageDir(name, from);
    if (dir === undefined) throw new Error(`Cannot find ${name} (required by ${requiredBy}) from ${from}`);
    const manifest = platform?.manifest ?? readManifest(dir);
    const existing = resolved.get(name);
    if (existing !== undefined) {
      if (existing.manifest.version !== manifest.version) {
        throw new Error(`Two versions of ${name} needed (${existing.manifest.version}, ${manifest.version})`);
      }
      return;
    }
    resolved.set(name, { dir, manifest });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir, name);
    for (const optional of Object.keys(manifest.optionalDependencies ?? {})) {
      if (platformPackages.has(optional)) visit(optional, dir, name);
    }
  };
  for (const root of roots) visit(root, fromDir, 'the OCR bundle');
  return [...resolved.values()].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}
