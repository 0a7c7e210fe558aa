/**
 * The OCR image's payload works on its own: `packageOcr` (what `pnpm package:ocr` runs, here for the host
 * architecture) assembles dist/ocr-image/, a copy of it outside the repository (no node_modules above it) runs the
 * SQS handler in a plain Node 22 process — as the Lambda runtime would load `ocr/handler.handler` — against
 * s3rver and dynalite on a generated receipt, with the network guard loaded into that process.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { REPO_ROOT } from '../../infra/config/paths.js';
import { type PackageReport, packageOcr } from '../../tools/package/package-ocr.js';
import { findPackageDir } from '../../tools/package/runtime-modules.js';
import { postOcrEvent, sqsUploadEvent } from '../../tools/package/sample-events.js';
import { parseArch } from '../../tools/package/targets.js';
import { selectedCore } from '../../tools/package/tesseract-core.js';
import { textPdf } from '../../tools/samples/pdf-files.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';
import { type LocalAws, startLocalAws } from '../support/local-aws.js';

const TIMEOUT_MS = 180_000;
/**
 * Measured for eng+spa: 36.2 MB on x64 (35.9 MB on arm64), with PDFium's WASM in place of pdf.js and the native
 * canvas, one tesseract.js-core build and no node-fetch (75.8 MB before). Seven languages: 44.3 MB on x64, 44.0 on
 * arm64; English alone 34.1 and 33.8 MB (docs/deploy.md).
 */
const PAYLOAD_TARGET_BYTES = 37_000_000;
const OWNER = 'payload-owner';
const RECEIPT_ID = '0b5e3c1a-6d1f-4c47-9a3e-2f0c6f1d2a77';
const KEY = `uploads/${OWNER}/${RECEIPT_ID}.png`;

/** Plays the Lambda runtime: imports a handler module from the payload, invokes it once, prints the result. */
const RUNTIME = `
import { readFileSync } from 'node:fs';
const { handler, shutdown } = await import(process.argv[2]);
const event = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const context = {
  functionName: 'ocr', functionVersion: '$LATEST', memoryLimitInMB: '1769', awsRequestId: 'payload-test',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ocr',
  getRemainingTimeInMillis: () => 60000,
};
const result = await handler(event, context);
await shutdown?.();
console.log('RESULT ' + JSON.stringify(result));
`;

describe('OCR image payload', { timeout: TIMEOUT_MS }, () => {
  let aws: LocalAws;
  let report: PackageReport;
  let workDir: string;

  beforeAll(async () => {
    report = await packageOcr({
      arch: parseArch(process.arch),
      languages: ['eng', 'spa'],
      outDir: path.join(REPO_ROOT, 'dist', 'ocr-image'),
    });
    workDir = mkdtempSync(path.join(tmpdir(), 'receipt-ocr-payload-'));
    cpSync(report.outDir, workDir, { recursive: true });
    aws = await startLocalAws({ bucket: 'payload-receipts', table: 'payload-receipts' });
    await aws.upload(KEY, await renderReceipt(ENGLISH_RECEIPT), 'image/png');
  }, TIMEOUT_MS);

  /** Runs `module`'s handler on `event` in a fresh Node process in the copy, with only loopback reachable. */
  async function invoke(module: string, event: unknown): Promise<{ result: unknown; stdout: string }> {
    writeFileSync(path.join(workDir, 'runtime.mjs'), RUNTIME);
    const eventFile = path.join(workDir, 'event.json');
    writeFileSync(eventFile, JSON.stringify(event));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--experimental-strip-types',
        '--no-warnings',
        '--import',
        path.join(REPO_ROOT, 'test', 'support', 'network-guard.ts'),
        'runtime.mjs',
        module,
        eventFile,
      ],
      {
        cwd: workDir,
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '',
          ...aws.env,
          TESSDATA_PATH: path.join(workDir, 'tessdata'),
          OCR_LANGUAGES: 'eng+spa',
          CORS_ALLOWED_ORIGINS: 'https://app.example.com',
          POWERTOOLS_SERVICE_NAME: 'receipt-ocr',
          POWERTOOLS_METRICS_NAMESPACE: 'ReceiptOcr',
          POWERTOOLS_TRACE_ENABLED: 'false',
          POWERTOOLS_LOG_LEVEL: 'WARN',
        },
      },
    );
    const resultLine = stdout.split('\n').find((line) => line.startsWith('RESULT '));
    return { result: JSON.parse(resultLine?.slice('RESULT '.length) ?? 'null'), stdout };
  }

  afterAll(async () => {
    await aws?.stop();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  it('stays within the size target and holds only the bundle, the runtime modules and the traineddata', async () => {
    console.log(
      `OCR payload (linux/${report.arch}): ${(report.totalBytes / 1_000_000).toFixed(1)} MB`,
      JSON.stringify(report.parts),
    );
    expect(report.totalBytes).toBeLessThanOrEqual(PAYLOAD_TARGET_BYTES);
    // The model kinds the engine's default roles use (best_int for pages and lines), nothing else.
    expect(report.tessdata).toEqual(['best_int/eng.traineddata.gz', 'best_int/spa.traineddata.gz']);
    // One LSTM-only WASM core: the one tesseract.js picks under this Node (22, as on Lambda), and nothing else.
    const selected = await selectedCore(findPackageDir('tesseract.js', REPO_ROOT) ?? '');
    expect(selected).toMatch(/^tesseract-core(-relaxedsimd|-simd)?-lstm$/);
    expect(report.core).toBe(selected);
    const cores = readdirSync(path.join(workDir, 'app', 'node_modules', 'tesseract.js-core')).filter((file) =>
      file.startsWith('tesseract-core'),
    );
    expect(cores.sort()).toEqual([`${selected}.js`, `${selected}.wasm`]);
    // ...and the payload's own tesseract.js, run from the copy, picks that same core.
    expect(await selectedCore(path.join(workDir, 'app', 'node_modules', 'tesseract.js'))).toBe(selected);
    expect(report.modules.map((module) => module.replace(/@[^@]+$/, ''))).toEqual(
      expect.arrayContaining([
        'sharp',
        `@img/sharp-linux-${report.arch}`,
        'tesseract.js',
        'tesseract.js-core',
        '@hyzyla/pdfium',
        'libheif-js',
      ]),
    );
    // Of PDFium, the ESM build and its WASM; no native canvas.
    expect(
      readdirSync(path.join(workDir, 'app', 'node_modules', '@hyzyla', 'pdfium', 'dist')).sort(),
    ).toEqual(['index.esm.js', 'pdfium.wasm']);
    expect(report.modules.filter((module) => module.includes('canvas'))).toEqual([]);
    // Nor what never loads on Node 22: node-fetch (Node has fetch) and its URL libraries; nor pdf.js or a canvas.
    for (const unwanted of [
      'zod',
      '@aws-sdk/client-s3',
      '@middy/core',
      'esbuild',
      'typescript',
      'zlibjs',
      'node-fetch',
      'tr46',
      'unpdf',
      '@napi-rs/canvas',
    ]) {
      expect(existsSync(path.join(workDir, 'app', 'node_modules', unwanted)), unwanted).toBe(false);
    }
    // No source maps, and of libheif-js only the build the engine imports.
    expect(
      readdirSync(path.join(workDir, 'app'), { recursive: true }).filter((file) =>
        String(file).endsWith('.map'),
      ),
    ).toEqual([]);
    expect(
      readdirSync(path.join(workDir, 'app', 'node_modules', 'libheif-js', 'libheif-wasm')).sort(),
    ).toEqual(['LICENSE', 'libheif-bundle.js']);
  });

  it("loads only tesseract.js of the packages before the handler's first line: the worker starts before sharp and the SDK", () => {
    // A bundle's static imports all evaluate before the importing module's code runs, and so do the packages their
    // top level requires (tools/package/bundle.ts loads CommonJS packages with require()); what loads later is
    // behind a dynamic import() (handler.ts, start.ts): the worker thread then compiles tesseract meanwhile.
    const staticImports = /(?:^|[;}\n])\s*import\s*(?:[\w${},\s*]+from\s*)?["']([^"']+)["']/g;
    const requires = /\b__require\(["']([^"']+)["']\)/g;
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const [, specifier = ''] of code.matchAll(staticImports)) {
        if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
        else packages.add(specifier);
      }
      for (const [, specifier = ''] of code.matchAll(requires)) packages.add(specifier);
    };
    visit(path.join(workDir, 'app', 'ocr', 'handler.mjs'));
    expect([...packages].filter((name) => !isBuiltin(name))).toEqual(['tesseract.js']);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('runs the SQS handler from a copy outside the repository: the receipt ends COMPLETED', async () => {
    // Nothing above the copy may provide modules.
    for (let dir = path.dirname(workDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, 'node_modules')), dir).toBe(false);
    }
    const { result, stdout } = await invoke('./app/ocr/handler.mjs', sqsUploadEvent('payload-receipts', KEY));

    expect(result).toEqual({ batchItemFailures: [] });
    // The EMF metrics the dashboard charts, under the namespace and service the stacks configure.
    expect(stdout).toMatch(/"Namespace":"ReceiptOcr"/);
    expect(stdout).toMatch(/"ReceiptsProcessed"/);
    expect(stdout).toMatch(/"OcrDuration"/);

    const record = await new DynamoDbReceiptRepository(aws.clients.dynamodb, 'payload-receipts').get(
      RECEIPT_ID,
    );
    expect(record).toMatchObject({ status: 'COMPLETED', ownerId: OWNER });
    expect(record?.fields?.total?.value).toBe('1126.89');
    const output = await aws.clients.s3.send(
      new GetObjectCommand({ Bucket: 'payload-receipts', Key: `results/${OWNER}/${RECEIPT_ID}.json` }),
    );
    expect(await output.Body?.transformToString()).toContain('SUNRISE');
  });

  it('serves POST /ocr from the same payload (sync-ocr.handler)', async () => {
    const event = postOcrEvent(await renderReceipt(ENGLISH_RECEIPT), OWNER, 'https://app.example.com');

    const { result } = await invoke('./app/ocr/sync-ocr.mjs', event);

    expect(result).toMatchObject({ statusCode: 200 });
    expect((result as { body: string }).body).toContain('1126.89');
  });

  it.each([
    // Under ten characters of text: the page is drawn (PDFium's WASM) and recognised.
    ['a PDF page rendered', 'application/pdf', async () => textPdf([['TOTAL 9.99']]), /TOTAL 9\.99/],
    ['an HEIC photo (libheif WASM)', 'image/heic', async () => readFileSync(HEIC), /1126\.89/],
  ])('reads %s from the same payload', async (_name, contentType, body, expected) => {
    const event = postOcrEvent(await body(), OWNER, 'https://app.example.com', contentType);

    const { result } = await invoke('./app/ocr/sync-ocr.mjs', event);

    expect(result).toMatchObject({ statusCode: 200 });
    expect((result as { body: string }).body).toMatch(expected);
  });
});

const HEIC = path.join(REPO_ROOT, 'test', 'fixtures', 'receipt.heic');
