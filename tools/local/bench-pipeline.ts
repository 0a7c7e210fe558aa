/**
 * Pipeline benchmark on the local stack (same code as `pnpm start`, started in this process on free ports with a
 * throw-away data folder):
 *
 *  1. latency: receipts uploaded one at a time; for each, time from the start of the PutObject to the record being
 *     settled in DynamoDB, minus the engine's own time (decode + preprocess + OCR + parse from the record).
 *  2. burst: 100 receipts uploaded at once (a mix of English, Spanish, rotated and corrupt images); checks every
 *     upload has exactly one record, COMPLETED or FAILED with a reason, and reports throughput and peak RSS.
 *
 *   pnpm tsx tools/local/bench-pipeline.ts [--sequential 20] [--burst 100]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { createAwsClients, S3RVER_CREDENTIALS } from '../../functions/commons/clients.js';
import { parseUploadKey } from '../../functions/receipts/keys.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import {
  ENGLISH_RECEIPT,
  renderReceipt,
  SPANISH_EURO_RECEIPT,
  SPANISH_RECEIPT,
} from '../../test/support/receipt-images.js';
import { startLocalStack } from './stack.js';

const { values } = parseArgs({
  options: { sequential: { type: 'string', default: '20' }, burst: { type: 'string', default: '100' } },
});
const sequentialCount = Number(values.sequential);
const burstCount = Number(values.burst);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function engineMs(record: ReceiptRecord): number {
  const t = record.timings;
  return t ? t.decodeMs + t.preprocessMs + t.ocrMs + t.parseMs : 0;
}

const dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-bench-'));
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);

const stack = await startLocalStack({
  dataDir,
  s3Port: 0,
  dynamodbPort: 0,
  env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
});
const clients = createAwsClients({
  region: stack.region,
  s3Endpoint: stack.s3Endpoint,
  dynamodbEndpoint: stack.dynamodbEndpoint,
  credentials: S3RVER_CREDENTIALS,
});
const repository = new DynamoDbReceiptRepository(clients.dynamodb, stack.table);
const rssAfterInit = process.memoryUsage.rss();

const english = await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' });
const variants: { name: string; body: Buffer; contentType: string }[] = [
  { name: 'english', body: english, contentType: 'image/jpeg' },
  { name: 'spanish', body: await renderReceipt(SPANISH_RECEIPT), contentType: 'image/png' },
  {
    name: 'euro',
    body: await renderReceipt({ ...SPANISH_EURO_RECEIPT, format: 'webp' }),
    contentType: 'image/webp',
  },
  {
    name: 'rotated',
    body: await renderReceipt({ ...ENGLISH_RECEIPT, rotate: 90 }),
    contentType: 'image/png',
  },
  { name: 'corrupt', body: english.subarray(0, 2_000), contentType: 'image/jpeg' },
];

async function upload(key: string, body: Buffer, contentType: string): Promise<void> {
  await clients.s3.send(
    new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: body, ContentType: contentType }),
  );
}

async function recordFor(key: string): Promise<ReceiptRecord | undefined> {
  const parsed = parseUploadKey(key, stack.uploadPrefix);
  return parsed ? repository.get(parsed.receiptId) : undefined;
}

// 1. Latency, one receipt at a time (the first one warms the worker and is not counted).
const overheads: number[] = [];
const endToEnd: number[] = [];
for (let index = 0; index <= sequentialCount; index += 1) {
  const key = `uploads/latency/receipt-${index}.jpg`;
  const started = performance.now();
  await upload(key, english, 'image/jpeg');
  await stack.queue.idle();
  const elapsed = performance.now() - started;
  const record = await recordFor(key);
  if (record?.status !== 'COMPLETED') throw new Error(`latency receipt ${key} ended ${record?.status}`);
  if (index === 0) continue;
  endToEnd.push(elapsed);
  overheads.push(elapsed - engineMs(record));
}
overheads.sort((a, b) => a - b);
endToEnd.sort((a, b) => a - b);

// 2. Burst: everything uploaded at once.
const burstKeys = Array.from({ length: burstCount }, (_, index) => {
  const variant = variants[index % variants.length];
  if (!variant) throw new Error('no variants');
  return { key: `uploads/burst/${variant.name} ${index}.${variant.contentType.split('/')[1]}`, variant };
});
const burstStarted = performance.now();
await Promise.all(burstKeys.map(({ key, variant }) => upload(key, variant.body, variant.contentType)));
await stack.queue.idle();
const burstSeconds = (performance.now() - burstStarted) / 1000;

const records: ReceiptRecord[] = [];
let cursor: string | undefined;
do {
  const page = await repository.listByOwner({ ownerId: 'burst', limit: 100, ...(cursor ? { cursor } : {}) });
  records.push(...page.items);
  cursor = page.nextCursor;
} while (cursor);
const byKey = new Map<string, number>();
for (const record of records) byKey.set(record.source.key, (byKey.get(record.source.key) ?? 0) + 1);
const missing = burstKeys.filter(({ key }) => !byKey.has(key)).length;
const duplicated = [...byKey.values()].filter((count) => count > 1).length;
const completed = records.filter((record) => record.status === 'COMPLETED').length;
const failed = records.filter((record) => record.status === 'FAILED');
const failedWithoutReason = failed.filter((record) => !record.error?.code).length;
const unsettled = records.filter(
  (record) => record.status !== 'COMPLETED' && record.status !== 'FAILED',
).length;
const retried = records.filter((record) => record.attempts > 1).length;
const failureCodes = [...new Set(failed.map((record) => record.error?.code))].join(', ');
const burstEngine = records.map(engineMs).filter((ms) => ms > 0);

clearInterval(sampler);
await stack.stop();
clients.s3.destroy();
clients.dynamodb.destroy();
await rm(dataDir, { recursive: true, force: true });

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const ms = (value: number) => `${Math.round(value)} ms`;
console.log(`
## Pipeline on the local stack (${new Date().toISOString().slice(0, 10)}, Node ${process.version})

Latency, ${overheads.length} receipts one at a time (PutObject start -> record settled in DynamoDB):
| | median | p95 | max |
|---|---|---|---|
| end to end | ${ms(percentile(endToEnd, 50))} | ${ms(percentile(endToEnd, 95))} | ${ms(endToEnd.at(-1) ?? Number.NaN)} |
| overhead beyond the engine's own time | ${ms(percentile(overheads, 50))} | ${ms(percentile(overheads, 95))} | ${ms(overheads.at(-1) ?? Number.NaN)} |

Burst, ${burstCount} receipts uploaded at once (${variants.map((variant) => variant.name).join(', ')}):
- records: ${records.length}; missing ${missing}; duplicated ${duplicated}; not settled ${unsettled}
- COMPLETED ${completed}; FAILED ${failed.length} (codes: ${failureCodes || 'none'}; without a reason: ${failedWithoutReason})
- retried ${retried}; dead-lettered ${stack.queue.deadLetters.length}
- all settled in ${burstSeconds.toFixed(1)} s (${(burstCount / burstSeconds).toFixed(2)} receipts/s; engine median ${ms(
  percentile(
    burstEngine.sort((a, b) => a - b),
    50,
  ),
)})
- RSS after init ${mb(rssAfterInit)}; peak RSS over the whole run ${mb(peakRss)}
`);
if (missing > 0 || duplicated > 0 || unsettled > 0 || failedWithoutReason > 0) process.exitCode = 1;
