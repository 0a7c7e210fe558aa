/**
 * `pnpm exec tsx tools/cost/log-volume.ts <folder of receipt images> [--log-level INFO|WARN] [--limit N] [--json]`:
 * the bytes of CloudWatch Logs each receipt costs, measured on the local stack (tools/local/stack.ts: the real OCR
 * handler, in batches of the prod batch size, EMF metrics on as in Lambda) at one log level, for the cost model
 * (tools/cost/model.ts `ocrLogKb`). The handler reads its log level at load, so one run measures one level.
 *
 * What this machine cannot produce is added from AWS's formats and counted apart: Lambda's own START, END and
 * REPORT lines per invocation (a batch), and per API request the stage's access log line (the format in
 * infra/constructs/receipts-rest-api.ts filled with typical values) and the API function's platform lines.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createAwsClients } from '../../functions/commons/clients.js';
import { loadAwsEndpoints } from '../../functions/commons/config.js';
import { STAGES } from '../../infra/config/stages.js';
import { receiptImageFiles } from '../cli/inputs.js';
import { S3RVER_CREDENTIALS } from '../local/config.js';
import { startLocalStack } from '../local/stack.js';

/**
 * Lambda's platform lines of one invocation with X-Ray on (START, END, and REPORT with its XRAY TraceId segment),
 * as the Lambda developer guide shows them for a Node.js function: 344 bytes.
 */
export const PLATFORM_LINES_BYTES = [
  'START RequestId: 8f5d4a6b-0c2f-4b65-a1d3-6e1f2a4b7c90 Version: $LATEST',
  'END RequestId: 8f5d4a6b-0c2f-4b65-a1d3-6e1f2a4b7c90',
  'REPORT RequestId: 8f5d4a6b-0c2f-4b65-a1d3-6e1f2a4b7c90\tDuration: 6123.45 ms\tBilled Duration: 6124 ms\tMemory Size: 1769 MB\tMax Memory Used: 412 MB\t',
  'XRAY TraceId: 1-6743b2f0-4c9d2e7a1b3f5a6c8d0e2f41\tSegmentId: 3a5c7e9f1b2d4f60\tSampled: false\t',
].reduce((total, line) => total + Buffer.byteLength(`${line}\n`), 0);

/** One access log line of a successful `GET /receipts/{id}` in the stage's format (receipts-rest-api.ts). */
export const ACCESS_LOG_LINE_BYTES = Buffer.byteLength(
  `${JSON.stringify({
    requestId: '4f1c2b9e-8d7a-4e61-9b3c-2a5d6e7f8a90',
    requestTime: '02/Dec/2026:00:14:07 +0000',
    ip: '203.0.113.45',
    sub: '6b8f4e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    httpMethod: 'GET',
    resourcePath: '/receipts/{id}',
    status: '200',
    protocol: 'HTTP/1.1',
    responseLength: '3721',
    responseLatency: '48',
    integrationStatus: '200',
    integrationLatency: '41',
    integrationError: '-',
    errorType: '-',
    error: '-',
    wafStatus: '-',
  })}\n`,
);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'log-level': { type: 'string', default: 'WARN' },
    limit: { type: 'string', default: '12' },
    json: { type: 'boolean' },
  },
});
const level = values['log-level'];
const { files } = await receiptImageFiles(
  positionals[0],
  values.limit,
  'tsx tools/cost/log-volume.ts <folder of receipt images> [--log-level INFO|WARN] [--limit N] [--json]',
);
const batchSize = STAGES.prod?.ocr.batchSize ?? 4;

// Count what the handlers print (Powertools writes JSON lines to stdout, errors to stderr) and keep it off the
// terminal; the stack's own messages are not JSON and are not counted.
let structuredBytes = 0;
let structuredLines = 0;
const writes = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};
const counting =
  (write: typeof writes.out): typeof writes.out =>
  (chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.trimStart().startsWith('{')) {
      structuredBytes += Buffer.byteLength(text);
      structuredLines += text.split('\n').filter((line) => line.trim().length > 0).length;
      return true;
    }
    return (write as (chunk: string, ...args: unknown[]) => boolean)(text, ...rest);
  };

const dataDir = await mkdtemp(path.join(tmpdir(), 'receipt-ocr-logs-'));
let invocations = 0;
const stack = await startLocalStack({
  dataDir,
  s3Port: 0,
  dynamodbPort: 0,
  queue: { batchSize, onBatch: () => (invocations += 1) },
  env: {
    POWERTOOLS_LOG_LEVEL: level,
    // EMF is written to the log in Lambda: it is billed as log ingestion.
    POWERTOOLS_METRICS_DISABLED: 'false',
    POWERTOOLS_METRICS_NAMESPACE: 'ReceiptOcr',
    STAGE: 'prod',
  },
});
const clients = createAwsClients({ ...loadAwsEndpoints(stack.env), credentials: S3RVER_CREDENTIALS });
try {
  process.stdout.write = counting(writes.out);
  process.stderr.write = counting(writes.err);
  const owner = `logs-${randomUUID().slice(0, 8)}`;
  // All at once, so the queue hands the handler full batches as at volume (the first one excepted).
  await Promise.all(
    files.map(async (file) =>
      clients.s3.send(
        new PutObjectCommand({
          Bucket: stack.bucket,
          Key: `${stack.uploadPrefix}${owner}/${randomUUID()}${path.extname(file)}`,
          Body: await readFile(file),
        }),
      ),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  await stack.queue.idle();
} finally {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
  clients.s3.destroy();
  clients.dynamodb.destroy();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const receipts = files.length;
const report = {
  logLevel: level,
  receipts,
  batchSize,
  invocations,
  structuredLinesPerReceipt: Number((structuredLines / receipts).toFixed(2)),
  structuredBytesPerReceipt: Math.round(structuredBytes / receipts),
  platformBytesPerReceipt: Math.round((invocations * PLATFORM_LINES_BYTES) / receipts),
  ocrKbPerReceipt: Number(
    ((structuredBytes + invocations * PLATFORM_LINES_BYTES) / receipts / 1024).toFixed(2),
  ),
  apiKbPerRequest: Number(((ACCESS_LOG_LINE_BYTES + PLATFORM_LINES_BYTES) / 1024).toFixed(2)),
};
process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
