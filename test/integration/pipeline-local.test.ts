/**
 * The `pnpm start` stack as a user meets it: upload with the SDK to s3rver, and the record appears in dynalite,
 * carried by s3rver's own object-created events, the local queue and the real OCR handler module.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import {
  type AwsClients,
  createAwsClients,
  createS3Client,
  S3RVER_CREDENTIALS,
} from '../../functions/commons/clients.js';
import { parseUploadKey } from '../../functions/receipts/keys.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { startS3 } from '../../tools/local/servers.js';
import { type LocalStack, startLocalStack } from '../../tools/local/stack.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../support/receipt-images.js';

let stack: LocalStack;
let clients: AwsClients;
let dataDir: string;

const DROPPED_WHILE_STOPPED = 'uploads/bob/dropped while stopped.png';

/** An image written to the stack's S3 folder while the stack is not running: s3rver alone, no queue. */
async function dropWhileStopped(directory: string): Promise<void> {
  const s3 = await startS3({ port: 0, directory: join(directory, 's3'), buckets: ['receipts'] });
  const client = createS3Client({
    region: 'us-east-1',
    s3Endpoint: s3.endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  await client.send(
    new PutObjectCommand({
      Bucket: 'receipts',
      Key: DROPPED_WHILE_STOPPED,
      Body: await renderReceipt(ENGLISH_RECEIPT),
      ContentType: 'image/png',
    }),
  );
  client.destroy();
  await s3.close();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-stack-'));
  await dropWhileStopped(dataDir);
  stack = await startLocalStack({
    dataDir,
    s3Port: 0,
    dynamodbPort: 0,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', OCR_LANGUAGES: 'eng' },
  });
  clients = createAwsClients({
    region: stack.region,
    s3Endpoint: stack.s3Endpoint,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    credentials: S3RVER_CREDENTIALS,
  });
});

afterAll(async () => {
  await stack?.stop();
  clients?.s3.destroy();
  clients?.dynamodb.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

async function settled(key: string): Promise<ReceiptRecord> {
  const receiptId = parseUploadKey(key, stack.uploadPrefix)?.receiptId ?? '';
  const repository = new DynamoDbReceiptRepository(clients.dynamodb, stack.table);
  await stack.queue.idle();
  const record = await repository.get(receiptId);
  if (!record) throw new Error(`no record for ${key}`);
  return record;
}

it('turns an upload into a COMPLETED record through s3rver events and the local queue', async () => {
  // Prepare
  const key = 'uploads/alice/Lunch at café +1.jpg';
  const image = await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' });

  // Act
  await clients.s3.send(
    new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: image, ContentType: 'image/jpeg' }),
  );
  // s3rver emits its event before it answers the PUT, so the message is queued by now.
  const record = await settled(key);

  // Assess
  expect(record).toMatchObject({ status: 'COMPLETED', ownerId: 'alice', source: { key } });
  expect(record.fields?.total?.value).toBe('1126.89');
  expect(stack.queue.deadLetters).toEqual([]);
});

it('records a corrupt upload as FAILED without retrying it', async () => {
  // Prepare: a PNG cut short
  const key = 'uploads/alice/broken.png';

  // Act
  await clients.s3.send(
    new PutObjectCommand({
      Bucket: stack.bucket,
      Key: key,
      Body: (await renderReceipt(ENGLISH_RECEIPT)).subarray(0, 300),
      ContentType: 'image/png',
    }),
  );
  const record = await settled(key);

  // Assess
  expect(record).toMatchObject({
    status: 'FAILED',
    error: { code: 'CORRUPT_IMAGE', retryable: false },
    attempts: 1,
  });
  expect(stack.queue.deadLetters).toEqual([]);
});

it('processes, on start, an image dropped while the stack was stopped', async () => {
  // Act: the stack queued it while starting
  const record = await settled(DROPPED_WHILE_STOPPED);

  // Assess
  expect(stack.requeued).toBe(1);
  expect(record).toMatchObject({ status: 'COMPLETED', ownerId: 'bob' });
});
