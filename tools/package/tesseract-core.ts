/**
 * The one tesseract.js-core build the image ships. tesseract.js loads one of three LSTM-only cores (relaxed SIMD,
 * SIMD, plain WASM) by feature detection (src/worker-script/node/getCore.js, with wasm-feature-detect), and the
 * answer depends on the V8 of the Node that runs it, not on the CPU: Node 22 (V8 12.4) validates relaxed SIMD, Node
 * 20 (V8 11.3) does not. The package is built on Node 22 like the Lambda runtime (Dockerfile.lambda's build stage,
 * .tools for `pnpm`), so the core tesseract.js picks here is the one it picks on Lambda, on x64 and arm64 alike.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The major version of Node.js the Lambda base image runs (Dockerfile.lambda's LAMBDA_BASE_VERSION). */
export const LAMBDA_NODE_MAJOR = 22;

const CORE_SCRIPT = /[/\\]tesseract\.js-core[/\\](tesseract-core[\w-]*)\.js$/;

/**
 * The core (file name without extension, e.g. `tesseract-core-relaxedsimd-lstm`) that tesseract.js in
 * `tesseractDir` loads for an LSTM-only worker under this Node: its own getCore, run here, and the script it
 * required read back from the module cache (requiring a core's loader script compiles no WASM).
 */
export async function selectedCore(tesseractDir: string): Promise<string> {
  const require = createRequire(path.join(tesseractDir, 'package.json'));
  const getCore = require('./src/worker-script/node/getCore.js') as (
    lstmOnly: boolean,
    corePath: undefined,
    res: { progress: (status: unknown) => void },
  ) => Promise<unknown>;
  await getCore(true, undefined, { progress: () => {} });
  const coreDir = path.dirname(require.resolve('tesseract.js-core/package.json'));
  const loaded = Object.keys(require.cache)
    .filter((file) => path.dirname(file) === coreDir)
    .flatMap((file) => CORE_SCRIPT.exec(file)?.[1] ?? []);
  if (loaded.length !== 1) {
    throw new Error(
      `tesseract.js loaded ${loaded.length} WASM cores (${loaded.join(', ')}); expected exactly one`,
    );
  }
  return loaded[0] as string;
}

/** Refuses to package on a Node whose choice of core may differ from the Lambda runtime's. */
export function checkPackagingNode(version = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (major !== LAMBDA_NODE_MAJOR) {
    throw new Error(
      `pnpm package:ocr runs on Node ${version}, the Lambda runtime on Node ${LAMBDA_NODE_MAJOR}: tesseract.js picks its ` +
        `WASM core by what the running V8 supports, so the image would ship a core Lambda does not load. Run it ` +
        `with Node ${LAMBDA_NODE_MAJOR} (node tools/setup/run.mjs puts it on PATH).`,
    );
  }
}

/** Fails the packaging when the core tesseract.js will load is not in the image (a renamed file, a new version). */
export function checkCoreShipped(nodeModulesDir: string, core: string): void {
  const missing = [`${core}.js`, `${core}.wasm`].filter(
    (file) => !existsSync(path.join(nodeModulesDir, 'tesseract.js-core', file)),
  );
  if (missing.length > 0) {
    throw new Error(
      `tesseract.js picks the WASM core ${core}, but the package lacks tesseract.js-core/${missing.join(', ')}: ` +
        'the image could not read a receipt',
    );
  }
}
