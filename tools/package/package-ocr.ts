/**
 * `pnpm package:ocr [--arch arm64|x64] [--languages eng+spa+deu...] [--out dist/ocr-image]` (default: every
 * language the engine reads by default)
 *
 * Assembles everything the OCR container image adds on top of the Lambda Node.js base image, and nothing else:
 *   <out>/app/       -> ${LAMBDA_TASK_ROOT}: ocr/handler.mjs, ocr/sync-ocr.mjs (+ chunks) and a minimal
 *                       node_modules (tesseract.js + the one WASM core it picks on Lambda, sharp + its native
 *                       binaries for --arch, PDFium's and libheif-js's WASM builds)
 *                       and THIRD-PARTY-NOTICES.md
 *   <out>/tessdata/  -> /opt/tessdata: fast/<lang>.traineddata.gz (tessdata_fast, models/tessdata_fast) and
 *                       best_int/<lang>.traineddata.gz (4.0.0_best_int), the model kinds the engine's roles use
 * Dockerfile.lambda copies exactly these two folders, so what this script builds is what the image runs.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_ROLES } from '@receipt-ocr/engine/internals';
import { DEFAULT_LANGUAGES } from '@receipt-ocr/engine/language-models';
import { parseArgsOrExit } from '../cli/run-main.js';
import { bundleEntries } from './bundle.js';
import { nativePlatformPackages } from './platform-binaries.js';
import { copyPackage, findPackageDir, keepRules, resolveClosure } from './runtime-modules.js';
import { EXTERNAL_PACKAGES, OCR_ENTRIES, parseArch, type TargetArch } from './targets.js';
import { copyTraineddata } from './tessdata.js';
import { checkCoreShipped, checkPackagingNode, selectedCore } from './tesseract-core.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The licences of what the image ships beside our code (LGPL-3.0 libheif-js and libvips among them). */
const NOTICES = 'THIRD-PARTY-NOTICES.md';

export interface PackageOptions {
  readonly arch: TargetArch;
  readonly languages: readonly string[];
  readonly outDir: string;
  /**
   * Bundle entry points (output name -> source file).
   * @default OCR_ENTRIES
   */
  readonly entries?: Readonly<Record<string, string>>;
}

export interface PackageReport {
  readonly arch: TargetArch;
  readonly outDir: string;
  readonly totalBytes: number;
  readonly parts: Readonly<Record<string, number>>;
  readonly modules: readonly string[];
  readonly tessdata: readonly string[];
  /** The tesseract.js-core build shipped: the one tesseract.js picks on the packaging (= Lambda's) Node. */
  readonly core: string;
}

function sizeOf(target: string): number {
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(target).reduce((sum, entry) => sum + sizeOf(path.join(target, entry)), 0);
}

function pruneEmptyFolders(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const child = path.join(dir, entry);
    if (statSync(child).isDirectory()) pruneEmptyFolders(child);
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

export async function packageOcr(options: PackageOptions): Promise<PackageReport> {
  const entries = options.entries ?? OCR_ENTRIES;
  const missing = Object.values(entries).filter((entry) => !existsSync(path.join(REPO_ROOT, entry)));
  if (missing.length > 0) throw new Error(`OCR entry points missing: ${missing.join(', ')}`);

  rmSync(options.outDir, { recursive: true, force: true });
  const appDir = path.join(options.outDir, 'app');
  const nodeModulesDir = path.join(appDir, 'node_modules');
  mkdirSync(nodeModulesDir, { recursive: true });

  const bundle = await bundleEntries(REPO_ROOT, entries, appDir);
  const unexpected = bundle.externalImports.filter(
    (name) => !EXTERNAL_PACKAGES.some((external) => name === external || name.startsWith(`${external}/`)),
  );
  if (unexpected.length > 0)
    throw new Error(`The bundle imports unbundled packages: ${unexpected.join(', ')}`);

  const sharpDir = findPackageDir('sharp', REPO_ROOT);
  const tesseractDir = findPackageDir('tesseract.js', REPO_ROOT);
  if (sharpDir === undefined || tesseractDir === undefined) {
    throw new Error('sharp or tesseract.js is not installed: run pnpm install');
  }
  const platform = nativePlatformPackages(
    sharpDir,
    options.arch,
    path.join(REPO_ROOT, 'dist', '.cache', 'npm'),
  );
  const modules = resolveClosure(EXTERNAL_PACKAGES, REPO_ROOT, platform);
  checkPackagingNode();
  const core = await selectedCore(tesseractDir);
  const keep = keepRules(core);
  for (const pkg of modules) copyPackage(pkg, nodeModulesDir, keep[pkg.manifest.name]);
  checkCoreShipped(nodeModulesDir, core);
  pruneEmptyFolders(nodeModulesDir);

  copyFileSync(path.join(REPO_ROOT, NOTICES), path.join(appDir, NOTICES));

  const tessdataDir = path.join(options.outDir, 'tessdata');
  const roles = DEFAULT_MODEL_ROLES;
  const tessdata = copyTraineddata(options.languages, [...new Set([roles.page, roles.lines])], tessdataDir);

  const parts: Record<string, number> = {
    bundle: sizeOf(appDir) - sizeOf(nodeModulesDir),
    tessdata: sizeOf(tessdataDir),
  };
  for (const pkg of modules) parts[pkg.manifest.name] = sizeOf(path.join(nodeModulesDir, pkg.manifest.name));
  const report: PackageReport = {
    arch: options.arch,
    outDir: options.outDir,
    totalBytes: sizeOf(options.outDir),
    parts,
    modules: modules.map((pkg) => `${pkg.manifest.name}@${pkg.manifest.version}`),
    tessdata,
    core,
  };
  writeFileSync(path.join(options.outDir, 'manifest.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

const USAGE = `usage: pnpm package:ocr [--arch arm64|x64] [--languages ${DEFAULT_LANGUAGES.join('+')}] [--out dist/ocr-image]`;

async function main(): Promise<void> {
  const { values } = parseArgsOrExit(USAGE, {
    options: {
      arch: { type: 'string', default: 'arm64' },
      languages: { type: 'string', default: DEFAULT_LANGUAGES.join('+') },
      out: { type: 'string', default: path.join(REPO_ROOT, 'dist', 'ocr-image') },
    },
  });
  const report = await packageOcr({
    arch: parseArch(values.arch),
    languages: values.languages.split('+'),
    outDir: path.resolve(values.out),
  });
  const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  console.log(`OCR image payload for linux/${report.arch} in ${report.outDir}: ${mb(report.totalBytes)}`);
  for (const [part, bytes] of Object.entries(report.parts).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${mb(bytes).padStart(9)}  ${part}`);
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
