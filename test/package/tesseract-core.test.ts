import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/config/paths.js';
import { findPackageDir } from '../../tools/package/runtime-modules.js';
import {
  checkCoreShipped,
  checkPackagingNode,
  LAMBDA_NODE_MAJOR,
  selectedCore,
} from '../../tools/package/tesseract-core.js';

describe('the tesseract.js-core build the OCR image ships', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('is the relaxed-SIMD LSTM-only core under Node 22, the Lambda runtime', async () => {
    // V8 12.4 (Node 22) validates relaxed SIMD; tesseract.js's own feature detection then takes that core.
    expect(Number(process.versions.node.split('.')[0])).toBe(LAMBDA_NODE_MAJOR);
    expect(await selectedCore(findPackageDir('tesseract.js', REPO_ROOT) ?? '')).toBe(
      'tesseract-core-relaxedsimd-lstm',
    );
  });

  it('fails the packaging loudly when the picked core is not in the package', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'core-check-'));
    const coreDir = path.join(dir, 'tesseract.js-core');
    mkdirSync(coreDir);
    writeFileSync(path.join(coreDir, 'tesseract-core-simd-lstm.js'), '');
    writeFileSync(path.join(coreDir, 'tesseract-core-simd-lstm.wasm'), '');

    expect(() => checkCoreShipped(dir ?? '', 'tesseract-core-simd-lstm')).not.toThrow();
    expect(() => checkCoreShipped(dir ?? '', 'tesseract-core-relaxedsimd-lstm')).toThrow(
      /picks the WASM core tesseract-core-relaxedsimd-lstm, but the package lacks tesseract\.js-core\/tesseract-core-relaxedsimd-lstm\.js, tesseract-core-relaxedsimd-lstm\.wasm/,
    );
  });

  it('refuses to package on a Node other than the Lambda runtime’s, whose V8 may pick another core', () => {
    expect(() => checkPackagingNode('20.20.2')).toThrow(
      /runs on Node 20\.20\.2, the Lambda runtime on Node 22/,
    );
    expect(() => checkPackagingNode('22.23.3')).not.toThrow();
  });
});
