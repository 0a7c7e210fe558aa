/**
 * The `pnpm start` stack as a user meets it: upload with the SDK to s3rver, and the record appears in dynalite,
 * carried by s3rver's own object-created events, the local queue and the real OCR handler module.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { type AwsClients, createAwsClients } from '../../functions/commons/clients.js';
import { parseUploadKey } from '../../functions/receipts/keys.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { S3RVER_CREDENTIALS } from '../../tools/local/config.js';
import { redrive } from '../../tools/local/redrive.js';
import { ensureReceiptsTable, startDynamo, startS3 } from '../../tools/local/servers.js';
import { type LocalStack, startLocalStack } from '../../tools/local/stack.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';

let stack: LocalStack;
let clients: AwsClients;
let dataDir: string;

const DROPPED_WHILE_STOPPED = 'uploads/bob/dropped while stopped.png';
const INTERRUPTED = 'uploads/bob/interrupted.png';
/** Failed three times with a transient error, recorded as still retryable (as records were before the limit). */
const POISONED = 'uploads/bob/poisoned.png';

/**
 * What a previous run of the stack left behind: an image written while the stack was not running (s3rver alone,
 * no queue), and one whose run died mid-OCR (its record PROCESSING under a live lease of a lost message).
 */
async function leftBehind(directory: string): Promise<void> {
  const s3 = await startS3({ port: 0, directory: join(directory, 's3'), buckets: ['receipts'] });
  const dynamo = await startDynamo({ port: 0, directory: join(directory, 'dynamodb') });
  const endpoints = {
    region: 'us-east-1',
    s3Endpoint: s3.endpoint,
    dynamodbEndpoint: dynamo.endpoint,
    credentials: S3RVER_CREDENTIALS,
  };
  const admin = new DynamoDBClient({ ...endpoints, endpoint: dynamo.endpoint });
  await ensureReceiptsTable(admin, 'receipts');
  admin.destroy();
  const aws = createAwsClients(endpoints);
  const image = await renderReceipt(ENGLISH_RECEIPT);
  for (const key of [DROPPED_WHILE_STOPPED, INTERRUPTED, POISONED]) {
    await aws.s3.send(
      new PutObjectCommand({ Bucket: 'receipts', Key: key, Body: image, ContentType: 'image/png' }),
    );
  }
  const head = await new S3ObjectStore(aws.s3).head({ bucket: 'receipts', key: INTERRUPTED });
  const parsed = parseUploadKey(INTERRUPTED, 'uploads/');
  if (!head || !parsed) throw new Error('setup failed');
  const now = new Date();
  await new DynamoDbReceiptRepository(aws.dynamodb, 'receipts').put(
    {
      receiptId: parsed.receiptId,
      ownerId: parsed.ownerId,
      status: 'PROCESSING',
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      source: {
        bucket: 'receipts',
        key: INTERRUPTED,
        size: head.size,
        ...(head.eTag ? { eTag: head.eTag } : {}),
      },
      ...(head.eTag ? { sourceToken: head.eTag } : {}),
      attempts: 1,
      processing: {
        deliveryId: 'message-lost-in-the-crash',
        startedAt: now.toISOString(),
        leaseUntil: new Date(now.getTime() + 600_000).toISOString(),
        keepCorrections: false,
      },
    },
    { expectedVersion: undefined },
  );
  const poisoned = parseUploadKey(POISONED, 'uploads/');
  if (!poisoned) throw new Error('setup failed');
  await new DynamoDbReceiptRepository(aws.dynamodb, 'receipts').put(
    {
      receiptId: poisoned.receiptId,
      ownerId: poisoned.ownerId,
      status: 'FAILED',
      version: 6,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      source: {
        bucket: 'receipts',
        key: POISONED,
        size: head.size,
        ...(head.eTag ? { eTag: head.eTag } : {}),
      },
      ...(head.eTag ? { sourceToken: head.eTag } : {}),
      attempts: 3,
      error: { code: 'DEPENDENCY_ERROR', message: 'out of memory', retryable: true, at: now.toISOString() },
    },
    { expectedVersion: undefined },
  );
  aws.s3.destroy();
  aws.dynamodb.destroy();
  await Promise.all([s3.close(), dynamo.close()]);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-stack-'));
  await leftBehind(dataDir);
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
  expect(stack.requeued).toBe(2); // not the poisoned one
  expect(record).toMatchObject({ status: 'COMPLETED', ownerId: 'bob', attempts: 1 });
});

it('resumes, on start, a run interrupted by a crash instead of waiting for its lease', async () => {
  const record = await settled(INTERRUPTED);
  expect(record).toMatchObject({ status: 'COMPLETED', attempts: 2 });
});

it('leaves, on start, a receipt whose attempts are used up as it is, until it is redriven on purpose', async () => {
  // Assess: the start did not touch it
  expect(await settled(POISONED)).toMatchObject({ status: 'FAILED', attempts: 3, version: 6 });

  // Act: `pnpm redrive` (the cause is gone: the image is a good receipt)
  const repository = new DynamoDbReceiptRepository(clients.dynamodb, stack.table);
  const result = await redrive({
    dynamodb: clients.dynamodb,
    table: stack.table,
    repository,
    queue: stack.queue,
  });

  // Assess
  expect(result.queued).toEqual([parseUploadKey(POISONED, 'uploads/')?.receiptId]);
  expect(await settled(POISONED)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  const again = await redrive({
    dynamodb: clients.dynamodb,
    table: stack.table,
    repository,
    queue: stack.queue,
  });
  expect(again.queued).toEqual([]);
});
