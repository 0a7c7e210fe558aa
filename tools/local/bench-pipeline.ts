/**
 * Pipeline latency on the local stack (same code as `pnpm start`, started in this process on free ports with a
 * throw-away data folder): receipts uploaded one at a time; for each, time from the start of the PutObject to the
 * record being settled in DynamoDB, minus the engine's own time (decode + preprocess + OCR + parse from the
 * record). Bursts and faults: `pnpm bench:burst` (burst.ts).
 *
 *   pnpm bench:pipeline [--sequential 20]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { createAwsClients } from '../../functions/commons/clients.js';
import { parseUploadKey } from '../../functions/receipts/keys.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { parseArgsOrExit } from '../cli/run-main.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../samples/receipt-images.js';
import { S3RVER_CREDENTIALS } from './config.js';
import { startLocalStack } from './stack.js';

const { values } = parseArgsOrExit('usage: pnpm bench:pipeline [--sequential 20]', {
  options: { sequential: { type: 'string', default: '20' } },
});
const sequentialCount = Number(values.sequential);

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
async function upload(key: string, body: Buffer, contentType: string): Promise<void> {
  await clients.s3.send(
    new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: body, ContentType: contentType }),
  );
}

async function recordFor(key: string): Promise<ReceiptRecord | undefined> {
  const parsed = parseUploadKey(key, stack.uploadPrefix);
  return parsed ? repository.get(parsed.receiptId) : undefined;
}

// Latency, one receipt at a time (the first one warms the worker and is not counted).
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

RSS after init ${mb(rssAfterInit)}; peak RSS over the whole run ${mb(peakRss)}
`);
