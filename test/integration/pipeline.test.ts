/**
 * The OCR pipeline end to end on real servers: s3rver, dynalite, the AWS SDK v3 adapters, the real engine
 * (tesseract.js, English only to keep the file fast) and the handler the Lambda runs. Outages are real (dynalite
 * stopped mid-run); throttling, which these servers cannot produce on demand, comes from a wrapper that fails
 * chosen DynamoDB writes.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { EventBridgeReceiptEvents } from '../../functions/adapters/eventbridge-receipt-events.js';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { S3UrlSigner } from '../../functions/adapters/s3-url-signer.js';
import { createEventBridgeClient } from '../../functions/commons/clients.js';
import {
  ACCEPTED_FORMATS,
  createReceiptEngine,
  detectImageFormat,
  type ReceiptEngine,
} from '../../functions/engine/index.js';
import { encodeS3Key } from '../../functions/ocr/events.js';
import { createOcrHandler, type OcrEvent, reportUnannounced } from '../../functions/ocr/ocr-handler.js';
import { ReceiptApiService } from '../../functions/receipts/api-service.js';
import { parseUploadKey, partReceiptId, receiptIdForKey } from '../../functions/receipts/keys.js';
import { reprocessMessage } from '../../functions/receipts/messages.js';
import type {
  ObjectRef,
  ObjectStore,
  OcrEngine,
  PutOptions,
  ReceiptRepository,
} from '../../functions/receipts/ports.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { ReceiptService, settledEvent } from '../../functions/receipts/service.js';
import { toReceiptView } from '../../functions/receipts/view.js';
import { type BusEvent, type LocalEventBus, startLocalEventBus } from '../../tools/local/event-bus.js';
import { lambdaContext } from '../../tools/local/lambda-context.js';
import { LocalQueue } from '../../tools/local/queue.js';
import { eventBridgeObjectCreated, s3PutEvent, sqsEvent, sqsRecord } from '../../tools/samples/aws-events.js';
import { passwordPdf, textPdf } from '../../tools/samples/pdf-files.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';
import { type LocalAws, startLocalAws } from '../support/local-aws.js';
import { twoReceiptPhoto } from '../support/receipt-photos.js';

/** The HEIC photo made by test/fixtures/make-heic.ts. */
const HEIC = readFileSync(path.join(import.meta.dirname, '../fixtures/receipt.heic'));

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const MAX_UPLOAD_BYTES = 400_000;

let aws: LocalAws;
let bus: LocalEventBus;
let engine: ReceiptEngine;
let receiptPng: Buffer;
let ocrRuns = 0;
let downloads = 0;

/** The real engine, counting how often it is asked to read. */
const countingEngine: OcrEngine = {
  get info() {
    return engine.info;
  },
  processAll(input) {
    ocrRuns += 1;
    return engine.processAll(input);
  },
};

/** The real S3 store, counting downloads (to prove HEAD-only rejections). */
function countingStore(store: ObjectStore): ObjectStore {
  return {
    head: (ref) => store.head(ref),
    getBytes: (ref) => {
      // A ranged read is the 1 KiB format check, not a download.
      if (!ref.range) downloads += 1;
      return store.getBytes(ref);
    },
    putJson: (ref, value) => store.putJson(ref, value),
    getJson: (ref: ObjectRef) => store.getJson(ref),
    delete: (ref) => store.delete(ref),
  };
}

/** The real repository whose Nth, Mth... put fail as DynamoDB throttling does. */
function flakyRepository(repository: ReceiptRepository, failingPuts: number[]): ReceiptRepository {
  let puts = 0;
  return {
    get: (id) => repository.get(id),
    delete: (id, options) => repository.delete(id, options),
    listByOwner: (query) => repository.listByOwner(query),
    claimFingerprint: (ownerId, fingerprint, receiptId) =>
      repository.claimFingerprint(ownerId, fingerprint, receiptId),
    put: async (record: ReceiptRecord, options: PutOptions) => {
      puts += 1;
      if (failingPuts.includes(puts)) {
        throw new ProvisionedThroughputExceededException({
          message: 'Rate of requests exceeds the allowed throughput',
          $metadata: {},
        });
      }
      return repository.put(record, options);
    },
  };
}

function dynamoRepository(): ReceiptRepository {
  return new DynamoDbReceiptRepository(aws.clients.dynamodb, aws.storageConfig.table);
}

/** The real EventBridge adapter and SDK client, publishing to `endpoint` (default: the local bus). */
function receiptEvents(endpoint = bus.endpoint) {
  return new EventBridgeReceiptEvents(
    createEventBridgeClient({ ...aws.endpoints, eventBridgeEndpoint: endpoint }),
    bus.busName,
  );
}

/** The ReceiptSettled events published for one receipt so far (the envelopes a rule's target gets). */
function settledEventsOf(receiptId: string): BusEvent[] {
  return bus.events.filter((event) => (event.detail as { receiptId?: string }).receiptId === receiptId);
}

/** The OCR handler on the real adapters; each invocation gets `timeoutMs` (Lambda's remaining time). */
function pipeline(
  repository: ReceiptRepository = dynamoRepository(),
  timeoutMs?: number,
  events = receiptEvents(),
) {
  lastMetrics = new Metrics({ namespace: 'ReceiptOcrTest' });
  const logger = new Logger({ logLevel: 'SILENT' });
  const service = new ReceiptService({
    repository,
    objects: countingStore(new S3ObjectStore(aws.clients.s3)),
    engine: async () => countingEngine,
    settings: aws.storageConfig,
    sniffer: { detect: detectImageFormat, accepted: ACCEPTED_FORMATS },
    events,
    onUnannounced: reportUnannounced(logger, lastMetrics),
  });
  const handler = createOcrHandler({
    service,
    uploadPrefix: aws.storageConfig.uploadPrefix,
    logger,
    metrics: lastMetrics,
  });
  return (event: OcrEvent) => handler(event, lambdaContext('ocr-test', timeoutMs));
}

/** The metrics of the last pipeline() built: read with serializeMetrics() (never published in tests). */
let lastMetrics: Metrics;

/** Metric name -> values recorded so far, from the EMF document Powertools would print. */
function recordedMetrics(): Record<string, unknown> {
  const emf = lastMetrics.serializeMetrics() as unknown as Record<string, unknown>;
  const { _aws: _, ...values } = emf;
  return values;
}

function receiptIdOf(key: string): string {
  const parsed = parseUploadKey(key, aws.storageConfig.uploadPrefix);
  if (!parsed) throw new Error(`not an upload key: ${key}`);
  return parsed.receiptId;
}

async function recordOf(key: string): Promise<ReceiptRecord | undefined> {
  return dynamoRepository().get(receiptIdOf(key));
}

let messageCounter = 0;
function s3Message(key: string): ReturnType<typeof sqsRecord> {
  messageCounter += 1;
  return sqsRecord(
    JSON.stringify(s3PutEvent(aws.storageConfig.bucket, encodeS3Key(key))),
    `message-${messageCounter}`,
  );
}

beforeAll(async () => {
  [aws, bus, engine, receiptPng] = await Promise.all([
    startLocalAws({ storage: { maxUploadBytes: MAX_UPLOAD_BYTES } }),
    startLocalEventBus({ busName: 'receipt-ocr-test', region: 'us-east-1' }),
    createReceiptEngine({ languages: ['eng'] }),
    renderReceipt(ENGLISH_RECEIPT),
  ]);
});

afterAll(async () => {
  await engine?.close();
  await bus?.close();
  await aws?.stop();
});

describe.each([
  [
    'an SQS-wrapped S3 notification',
    'uploads/alice/lunch receipt.png',
    (key: string) => sqsEvent(s3Message(key)),
  ],
  [
    'a direct S3 notification',
    'uploads/alice/café ☕ #2.png',
    (key: string) => s3PutEvent(aws.storageConfig.bucket, encodeS3Key(key)),
  ],
  [
    'an EventBridge Object Created event',
    'uploads/alice/a+b=c 100%.png',
    (key: string) => eventBridgeObjectCreated(aws.storageConfig.bucket, encodeS3Key(key)),
  ],
])('upload delivered as %s', (_name, key, eventFor: (key: string) => OcrEvent) => {
  it('ends COMPLETED with fields, and the full OCR output in S3 under results/', async () => {
    // Prepare
    await aws.upload(key, receiptPng, 'image/png');
    const runsBefore = ocrRuns;

    // Act
    const response = await pipeline()(eventFor(key));

    // Assess
    if (response) expect(response.batchItemFailures).toEqual([]);
    const record = await recordOf(key);
    expect(record).toMatchObject({
      status: 'COMPLETED',
      ownerId: 'alice',
      attempts: 1,
      source: { bucket: aws.storageConfig.bucket, key, contentType: 'image/png', size: receiptPng.length },
    });
    expect(record?.fields?.total?.value).toBe('1126.89');
    expect(record?.fields?.transactionDate?.value).toBe('2024-03-15');
    expect(record?.items?.length).toBeGreaterThan(0);
    expect(record?.textSummary).toContain('TOTAL');
    expect(record?.engine?.name).toBe('tesseract.js');
    expect(record?.timings?.ocrMs).toBeGreaterThan(0);
    expect(ocrRuns - runsBefore).toBe(1);
    expect(recordedMetrics()).toMatchObject({
      ReceiptsProcessed: 1,
      OcrDuration: expect.any(Number),
      Confidence: Math.round((record?.confidence ?? 0) * 100),
    });
    const output = await aws.clients.s3.send(
      new GetObjectCommand({ Bucket: aws.storageConfig.bucket, Key: record?.resultKey ?? '' }),
    );
    const full = JSON.parse((await output.Body?.transformToString()) ?? '{}');
    expect(record?.resultKey).toBe(`results/alice/${record?.receiptId}.json`);
    expect(full.lines.length).toBeGreaterThan(5);
    expect(full.lines[0].words.length).toBeGreaterThan(0);
    expect(full.text).toContain('SUNRISE');
    // Subscribers heard of it once, after the record settled, with the receipt as a GET of that version shows it.
    expect(settledEventsOf(record?.receiptId ?? '')).toEqual([
      expect.objectContaining({
        source: 'receipt-ocr',
        'detail-type': 'ReceiptSettled',
        detail: {
          receiptId: record?.receiptId,
          ownerId: 'alice',
          status: 'COMPLETED',
          version: record?.version,
          settledAt: record?.updatedAt,
          receipt: record && toReceiptView(record),
        },
      }),
    ]);
  });
});

describe('several receipts in one photo', () => {
  const api = () =>
    new ReceiptApiService({
      repository: dynamoRepository(),
      objects: new S3ObjectStore(aws.clients.s3),
      signer: new S3UrlSigner(aws.clients.s3),
      settings: {
        bucket: aws.storageConfig.bucket,
        uploadPrefix: aws.storageConfig.uploadPrefix,
        maxUploadBytes: MAX_UPLOAD_BYTES,
        uploadUrlTtlSeconds: 60,
        imageUrlTtlSeconds: 60,
      },
    });
  const exists = async (key: string) =>
    (await new S3ObjectStore(aws.clients.s3).head({ bucket: aws.storageConfig.bucket, key })) !== undefined;

  it('gives each receipt its own record, linked to the upload; a part is reprocessed on its own, and the image stays while a part remains', async () => {
    // Prepare
    const key = 'uploads/hana/two receipts.jpg';
    await aws.upload(key, (await twoReceiptPhoto()).bytes, 'image/jpeg');
    const handle = pipeline();

    // Act
    const response = await handle(sqsEvent(s3Message(key)));

    // Assess: the largest receipt is the upload's own record, the other one a record of its own
    expect(response?.batchItemFailures).toEqual([]);
    const uploadId = receiptIdOf(key);
    const first = await recordOf(key);
    const second = await dynamoRepository().get(partReceiptId(uploadId, 2));
    expect(first).toMatchObject({ status: 'COMPLETED', partOf: { receiptId: uploadId, part: 1, parts: 2 } });
    expect(first?.fields?.total?.value).toBe('1126.89');
    expect(second).toMatchObject({
      status: 'COMPLETED',
      ownerId: 'hana',
      partOf: { receiptId: uploadId, part: 2, parts: 2 },
      source: { key },
      resultKey: `results/hana/${partReceiptId(uploadId, 2)}.json`,
    });
    expect(second?.textSummary).toContain('TOTAL A PAGAR');
    expect(second?.textSummary).not.toContain('SUNRISE');
    expect(second?.image?.crop).toHaveLength(4);
    expect(second?.duplicateOf).toBeUndefined();
    expect(recordedMetrics()).toMatchObject({ ReceiptsProcessed: 2 });
    expect(await exists(second?.resultKey ?? '')).toBe(true);
    expect(settledEventsOf(partReceiptId(uploadId, 2)).map((event) => event.detail)).toEqual([
      expect.objectContaining({ status: 'COMPLETED', partOf: { receiptId: uploadId, part: 2, parts: 2 } }),
    ]);
    expect(settledEventsOf(uploadId)).toHaveLength(1);

    // Act: the second receipt reprocessed by itself
    const runsBefore = ocrRuns;
    await handle(
      sqsEvent(
        sqsRecord(
          JSON.stringify(reprocessMessage(partReceiptId(uploadId, 2), 'hana', false)),
          'part-reprocess',
        ),
      ),
    );

    // Assess: it read the image again and kept its own part; the upload's record is untouched
    expect(ocrRuns - runsBefore).toBe(1);
    expect(await dynamoRepository().get(partReceiptId(uploadId, 2))).toMatchObject({
      status: 'COMPLETED',
      lastReprocessId: 'part-reprocess',
      partOf: { part: 2, parts: 2 },
      textSummary: expect.stringContaining('TOTAL A PAGAR'),
    });
    expect((await recordOf(key))?.version).toBe(first?.version);

    // Act + assess: deleting the upload's record keeps the image the other receipt is read from
    await api().delete('hana', uploadId);
    expect(await exists(key)).toBe(true);
    await api().delete('hana', partReceiptId(uploadId, 2));
    expect(await exists(key)).toBe(false);
  });

  it('removes the other receipts when a new version of the upload holds one receipt', async () => {
    // Prepare
    const key = 'uploads/hana/replaced.jpg';
    await aws.upload(key, (await twoReceiptPhoto()).bytes, 'image/jpeg');
    const handle = pipeline();
    await handle(sqsEvent(s3Message(key)));
    const partId = partReceiptId(receiptIdOf(key), 2);
    const part = await dynamoRepository().get(partId);
    expect(part?.status).toBe('COMPLETED');

    // Act
    await aws.upload(key, receiptPng, 'image/png');
    await handle(sqsEvent(s3Message(key)));

    // Assess
    const record = await recordOf(key);
    expect(record?.status).toBe('COMPLETED');
    expect(record?.partOf).toBeUndefined();
    expect(await dynamoRepository().get(partId)).toBeUndefined();
    expect(await exists(part?.resultKey ?? '')).toBe(false);
  });
});

describe('idempotency', () => {
  it('runs OCR once and keeps one record when the same event arrives twice, even concurrently', async () => {
    // Prepare
    const key = 'uploads/bob/duplicate.png';
    await aws.upload(key, receiptPng, 'image/png');
    const handle = pipeline();
    const runsBefore = ocrRuns;

    // Act: two deliveries racing, then a late third one
    const [first, second] = await Promise.all([
      handle(sqsEvent(s3Message(key))),
      handle(sqsEvent(s3Message(key))),
    ]);
    const settled = await recordOf(key);
    const third = await handle(sqsEvent(s3Message(key)));

    // Assess
    expect([first, second, third].map((response) => response?.batchItemFailures)).toEqual([[], [], []]);
    expect(ocrRuns - runsBefore).toBe(1);
    expect(settled?.status).toBe('COMPLETED');
    expect(await recordOf(key)).toEqual(settled);
    const listed = await dynamoRepository().listByOwner({ ownerId: 'bob', limit: 10 });
    expect(listed.items.map((item) => item.receiptId)).toEqual([receiptIdOf(key)]);
  });

  it('ignores a late event for an older version of a versioned object', async () => {
    // Prepare: s3rver has no versioning; this store reports the version ids a versioned bucket would
    const key = 'uploads/bob/versioned.png';
    await aws.upload(key, receiptPng, 'image/png');
    const real = new S3ObjectStore(aws.clients.s3);
    const versioned: ObjectStore = {
      ...countingStore(real),
      head: async (ref) => {
        const head = await real.head({ bucket: ref.bucket, key: ref.key });
        return head && { ...head, versionId: 'v2' };
      },
    };
    const service = new ReceiptService({
      repository: dynamoRepository(),
      objects: versioned,
      engine: async () => countingEngine,
      settings: aws.storageConfig,
    });
    const runsBefore = ocrRuns;

    // Act
    const late = await service.processObject({
      bucket: aws.storageConfig.bucket,
      key,
      versionId: 'v1',
      deliveryId: 'm-1',
      leaseMs: 60_000,
    });
    const current = await service.processObject({
      bucket: aws.storageConfig.bucket,
      key,
      versionId: 'v2',
      deliveryId: 'm-2',
      leaseMs: 60_000,
    });

    // Assess
    expect(late).toEqual({ outcome: 'ignored', reason: 'superseded', receiptId: receiptIdOf(key) });
    expect(current.outcome).toBe('completed');
    expect(ocrRuns - runsBefore).toBe(1);
    expect(await recordOf(key)).toMatchObject({
      status: 'COMPLETED',
      sourceToken: 'v2',
      source: { versionId: 'v2' },
    });
  });

  it('processes a new upload to the same key again (a new version)', async () => {
    // Prepare
    const key = 'uploads/bob/replaced.png';
    await aws.upload(key, receiptPng, 'image/png');
    const handle = pipeline();
    await handle(sqsEvent(s3Message(key)));
    const before = await recordOf(key);
    const runsBefore = ocrRuns;

    // Act: same key, different bytes
    await aws.upload(key, await renderReceipt({ ...ENGLISH_RECEIPT, fontSize: 24 }), 'image/png');
    await handle(sqsEvent(s3Message(key)));

    // Assess
    const after = await recordOf(key);
    expect(ocrRuns - runsBefore).toBe(1);
    expect(after?.receiptId).toBe(before?.receiptId);
    expect(after?.status).toBe('COMPLETED');
    expect(after?.sourceToken).not.toBe(before?.sourceToken);
    expect(after?.version).toBeGreaterThan(before?.version ?? 0);
    expect(after?.createdAt).toBe(before?.createdAt);
  });
});

describe('PDF receipts and HEIC photos', () => {
  it.each([
    [
      'a digital PDF',
      'uploads/dave/invoice.pdf',
      () => textPdf([ENGLISH_RECEIPT.lines]),
      'application/pdf',
      'pdf',
    ],
    ['an HEIC photo', 'uploads/dave/IMG_0001.HEIC', () => HEIC, 'image/heic', 'heif'],
  ])('%s dropped in S3 ends COMPLETED with its fields', async (_name, key, body, contentType, format) => {
    // Prepare
    await aws.upload(key, body(), contentType);

    // Act
    const response = await pipeline()(sqsEvent(s3Message(key)));

    // Assess
    expect(response?.batchItemFailures).toEqual([]);
    const record = await recordOf(key);
    expect(record).toMatchObject({ status: 'COMPLETED', source: { contentType } });
    expect(record?.fields?.total?.value).toBe('1126.89');
    expect(record?.image?.format).toBe(format);
  });
});

describe('permanent failures become FAILED records and are not retried', () => {
  it.each([
    [
      'a corrupt image',
      'uploads/carol/broken.png',
      () => Buffer.concat([receiptPng.subarray(0, 200), Buffer.alloc(500, 7)]),
      'image/png',
      'CORRUPT_IMAGE',
      1,
    ],
    [
      'a file over the size limit',
      'uploads/carol/huge.jpg',
      () => Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1),
      'image/jpeg',
      'TOO_LARGE',
      0,
    ],
    [
      'a text file',
      'uploads/carol/notes.txt',
      () => Buffer.from('not a receipt'),
      'text/plain',
      'UNSUPPORTED_FORMAT',
      0,
    ],
    ['an empty file', 'uploads/carol/empty.png', () => Buffer.alloc(0), 'image/png', 'EMPTY_FILE', 0],
    [
      'an undeclared file that is not an image',
      'uploads/carol/data.bin',
      () => Buffer.from('name,amount\n'.repeat(500)),
      'application/octet-stream',
      'UNSUPPORTED_FORMAT',
      0,
    ],
    [
      'a truncated HEIC photo',
      'uploads/carol/photo.heic',
      () => HEIC.subarray(0, 3000),
      'image/heic',
      'CORRUPT_IMAGE',
      1,
    ],
    [
      'a password-protected PDF',
      'uploads/carol/locked.pdf',
      () => passwordPdf(),
      'application/pdf',
      'PDF_ENCRYPTED',
      1,
    ],
    [
      'a PDF of six pages',
      'uploads/carol/statement.pdf',
      () => textPdf(Array(6).fill(['TOTAL 1.00'])),
      'application/pdf',
      'TOO_MANY_PAGES',
      1,
    ],
    [
      'a truncated PDF',
      'uploads/carol/cut.pdf',
      () => textPdf([ENGLISH_RECEIPT.lines]).subarray(0, 400),
      'application/pdf',
      'CORRUPT_FILE',
      1,
    ],
  ])('%s -> %s', async (_name, key, body, contentType, code, expectedDownloads) => {
    // Prepare
    await aws.upload(key, body(), contentType);
    const downloadsBefore = downloads;

    // Act
    const response = await pipeline()(sqsEvent(s3Message(key)));

    // Assess
    expect(response?.batchItemFailures).toEqual([]);
    expect(await recordOf(key)).toMatchObject({
      status: 'FAILED',
      error: { code, retryable: false },
      attempts: 1,
    });
    expect(downloads - downloadsBefore).toBe(expectedDownloads);
    // The user's file, not our system: counted apart so the system failure alarm stays quiet.
    expect(recordedMetrics()).toMatchObject({ ReceiptsFailed: 1, ReceiptsRejected: 1 });
    expect(recordedMetrics()).not.toHaveProperty('ReceiptsFailedSystem');
    expect(settledEventsOf(receiptIdOf(key)).map((event) => event.detail)).toEqual([
      expect.objectContaining({ ownerId: 'carol', status: 'FAILED', errorCode: code }),
    ]);
  });

  it('reads an undeclared upload whose first bytes are an image', async () => {
    // Prepare
    const key = 'uploads/carol/no content type.png';
    await aws.upload(key, receiptPng, 'application/octet-stream');

    // Act
    await pipeline()(sqsEvent(s3Message(key)));

    // Assess
    expect(await recordOf(key)).toMatchObject({
      status: 'COMPLETED',
      source: { contentType: 'application/octet-stream' },
    });
  });

  it('ignores keys outside the upload prefix and never writes under it', async () => {
    // Prepare
    await aws.upload('results/alice/x.json', '{}', 'application/json');
    await aws.upload('uploads/no-owner.png', receiptPng, 'image/png');
    await aws.upload('uploads/../results/carol/x.png', receiptPng, 'image/png');
    const runsBefore = ocrRuns;

    // Act
    const response = await pipeline()(
      sqsEvent(
        s3Message('results/alice/x.json'),
        s3Message('uploads/no-owner.png'),
        s3Message('uploads/../results/carol/x.png'),
      ),
    );

    // Assess
    expect(response?.batchItemFailures).toEqual([]);
    expect(ocrRuns).toBe(runsBefore);
    expect(await dynamoRepository().get(receiptIdForKey('uploads/../results/carol/x.png'))).toBeUndefined();
    // The two files dropped under uploads/ with no valid owner folder are counted (a warning is logged for each);
    // our own results are not.
    expect(recordedMetrics()).toMatchObject({ UploadsRejected: [1, 1] });
    const uploads = await aws.clients.s3.send(
      new ListObjectsV2Command({ Bucket: aws.storageConfig.bucket, Prefix: 'uploads/' }),
    );
    for (const object of uploads.Contents ?? []) {
      expect(object.Key?.endsWith('.json'), `${object.Key} written under uploads/`).toBe(false);
    }
  });
});

describe('duplicate receipts', () => {
  it('flags the same image under another key, and another image of the same merchant, date and total', async () => {
    // Prepare: one receipt, the same bytes again, and the same receipt re-encoded as JPEG (other bytes)
    const keys = ['uploads/hank/lunch.png', 'uploads/hank/lunch again.png', 'uploads/hank/lunch photo.jpg'];
    await aws.upload(keys[0] as string, receiptPng, 'image/png');
    await aws.upload(keys[1] as string, receiptPng, 'image/png');
    await aws.upload(
      keys[2] as string,
      await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' }),
      'image/jpeg',
    );

    // Act: one at a time, in upload order
    for (const key of keys) await pipeline()(sqsEvent(s3Message(key)));

    // Assess: all three kept and COMPLETED; the later two point at the first
    const [first, again, photo] = await Promise.all(keys.map((key) => recordOf(key)));
    expect(first).toMatchObject({
      status: 'COMPLETED',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first?.duplicateOf).toBeUndefined();
    expect(again).toMatchObject({
      status: 'COMPLETED',
      contentHash: first?.contentHash,
      duplicateOf: { receiptId: first?.receiptId, reason: 'same-image' },
    });
    expect(photo).toMatchObject({
      status: 'COMPLETED',
      duplicateOf: { receiptId: first?.receiptId, reason: 'same-merchant-date-total' },
    });
    // Another owner's identical upload is nobody's duplicate.
    await aws.upload('uploads/ivy/lunch.png', receiptPng, 'image/png');
    await pipeline()(sqsEvent(s3Message('uploads/ivy/lunch.png')));
    expect((await recordOf('uploads/ivy/lunch.png'))?.duplicateOf).toBeUndefined();
  });
});

describe('transient failures are retried and nothing is lost', () => {
  it('reports only the failing message of an SQS batch', async () => {
    // Prepare: a good receipt, a poison message, another good receipt
    await aws.upload('uploads/dave/one.png', receiptPng, 'image/png');
    await aws.upload('uploads/dave/two.png', receiptPng, 'image/png');
    const poison = sqsRecord('this is not JSON', 'poison-1');

    // Act
    const response = await pipeline()(
      sqsEvent(s3Message('uploads/dave/one.png'), poison, s3Message('uploads/dave/two.png')),
    );

    // Assess
    expect(response?.batchItemFailures).toEqual([{ itemIdentifier: 'poison-1' }]);
    expect((await recordOf('uploads/dave/one.png'))?.status).toBe('COMPLETED');
    expect((await recordOf('uploads/dave/two.png'))?.status).toBe('COMPLETED');
  });

  it('retries through the queue when a DynamoDB write is throttled, and the record says so meanwhile', async () => {
    // Prepare: put #1 (claim) passes, put #2 (completion) is throttled, put #3 records the retryable failure
    const key = 'uploads/erin/throttled.png';
    await aws.upload(key, receiptPng, 'image/png');
    const handle = pipeline(flakyRepository(dynamoRepository(), [2]));
    const seen: (ReceiptRecord | undefined)[] = [];
    const queue = new LocalQueue({
      // The queue waits for the handler before re-queueing: reading here sees the record between attempts.
      handler: async (event) => {
        const response = await handle(event);
        seen.push(await recordOf(key));
        return response;
      },
      context: () => lambdaContext('ocr-test'),
      retryDelayMs: () => 20,
      backoffMs: () => 10,
    });

    // Act
    queue.send(JSON.stringify(s3PutEvent(aws.storageConfig.bucket, encodeS3Key(key))));
    await queue.idle();
    await queue.stop();

    // Assess
    expect(queue.deadLetters).toEqual([]);
    expect(seen[0]).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      error: { code: 'DEPENDENCY_ERROR', retryable: true },
    });
    expect(await recordOf(key)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    expect((await recordOf(key))?.error).toBeUndefined();
  });

  it('resumes a run stuck in PROCESSING when DynamoDB was down, on the redelivery of the same message', async () => {
    // Prepare: the completion and the failure record both fail, as when the table is unreachable
    const key = 'uploads/erin/outage.png';
    await aws.upload(key, receiptPng, 'image/png');
    const message = s3Message(key);
    const handle = pipeline(flakyRepository(dynamoRepository(), [2, 3]));

    // Act
    const first = await handle(sqsEvent(message));
    const stuck = await recordOf(key);
    const redelivered = await handle(
      sqsEvent({ ...message, attributes: { ...message.attributes, ApproximateReceiveCount: '2' } }),
    );

    // Assess
    expect(first?.batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect(stuck?.status).toBe('PROCESSING');
    expect(redelivered?.batchItemFailures).toEqual([]);
    expect(await recordOf(key)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
  });

  it('survives DynamoDB going down mid-run (a real outage): retried, resumed, nothing lost', async () => {
    // Prepare: the engine hook takes DynamoDB down while the image is being read
    const key = 'uploads/erin/dynamodb down.png';
    await aws.upload(key, receiptPng, 'image/png');
    const message = s3Message(key);
    const service = new ReceiptService({
      repository: dynamoRepository(),
      objects: new S3ObjectStore(aws.clients.s3),
      engine: async () => ({
        info: engine.info,
        processAll: async (input) => {
          await aws.stopDynamo();
          return engine.processAll(input);
        },
      }),
      settings: aws.storageConfig,
    });
    const handle = createOcrHandler({
      service,
      uploadPrefix: aws.storageConfig.uploadPrefix,
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'ReceiptOcrTest' }),
    });

    // Act: the first delivery cannot save anything; DynamoDB comes back; SQS redelivers the same message
    let first: Awaited<ReturnType<typeof handle>>;
    try {
      first = await handle(sqsEvent(message), lambdaContext('ocr-test'));
    } finally {
      await aws.restartDynamo();
    }
    const stuck = await recordOf(key);
    const redelivered = await pipeline()(sqsEvent(message));

    // Assess
    expect(first?.batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect(stuck).toMatchObject({ status: 'PROCESSING', processing: { deliveryId: message.messageId } });
    expect(redelivered?.batchItemFailures).toEqual([]);
    expect(await recordOf(key)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    expect((await recordOf(key))?.fields?.total?.value).toBe('1126.89');
  });

  it('hands a message back to the queue untouched when too little of the invocation is left to start it', async () => {
    // Prepare
    const key = 'uploads/erin/late-in-the-batch.png';
    await aws.upload(key, receiptPng, 'image/png');
    const message = s3Message(key);
    const downloadsBefore = downloads;

    // Act: 5 s left, below MIN_REMAINING_MS_TO_START
    const response = await pipeline(dynamoRepository(), 5_000)(sqsEvent(message));

    // Assess
    expect(response?.batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect(await recordOf(key)).toBeUndefined();
    expect(downloads - downloadsBefore).toBe(0);
    expect(recordedMetrics()).toMatchObject({ ReceiptsDeferred: 1 });
    expect(recordedMetrics()).not.toHaveProperty('ReceiptsRetried');
  });

  it('dead-letters after the retries when the failure persists, with the record FAILED for good (attempts exhausted)', async () => {
    // Prepare: every completion write fails (puts per attempt: claim, completion, failure record)
    const key = 'uploads/erin/always-throttled.png';
    await aws.upload(key, receiptPng, 'image/png');
    const handle = pipeline(flakyRepository(dynamoRepository(), [2, 5, 8]));
    const queue = new LocalQueue({
      handler: (event) => handle(event),
      context: () => lambdaContext('ocr-test'),
      maxReceiveCount: 3,
      retryDelayMs: () => 10,
      backoffMs: () => 10,
    });

    // Act
    queue.send(JSON.stringify(s3PutEvent(aws.storageConfig.bucket, encodeS3Key(key))));
    await queue.idle();
    await queue.stop();

    // Assess
    expect(queue.deadLetters).toHaveLength(1);
    expect(queue.deadLetters[0]?.receiveCount).toBe(3);
    // Announced once, when the last attempt made the failure final; the retries before it were not.
    expect(settledEventsOf(receiptIdOf(key)).map((event) => event.detail)).toEqual([
      expect.objectContaining({ status: 'FAILED', errorCode: 'DEPENDENCY_ERROR' }),
    ]);
    // A failure that kept happening is permanent: neither a restart's catch-up nor a duplicate event runs it again.
    expect(await recordOf(key)).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      error: { code: 'DEPENDENCY_ERROR', retryable: false, attemptsExhausted: true },
    });
    const runsBefore = ocrRuns;
    const again = await pipeline()(sqsEvent(s3Message(key)));
    expect(again?.batchItemFailures).toEqual([]);
    expect(ocrRuns).toBe(runsBefore);
  });
});

describe('completion events', () => {
  it.each([
    ['the bus refuses the events (throttled, also on the second try)', () => bus.refuseNext(2), undefined],
    ['the bus cannot be reached', () => {}, 'http://127.0.0.1:9'],
  ])('a receipt settles when %s: counted, never retried', async (_name, fault, endpoint) => {
    // Prepare
    const key = `uploads/frank/unannounced-${endpoint === undefined ? 'refused' : 'down'}.png`;
    await aws.upload(key, receiptPng, 'image/png');
    const handle = pipeline(dynamoRepository(), undefined, receiptEvents(endpoint));
    fault();

    // Act
    const response = await handle(sqsEvent(s3Message(key)));

    // Assess: the record is the source of truth; the failed announcement is a metric (and an alarm), not a retry
    expect(response?.batchItemFailures).toEqual([]);
    expect(await recordOf(key)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    expect(recordedMetrics()).toMatchObject({ ReceiptsProcessed: 1, ReceiptEventsFailed: 1 });
    expect(recordedMetrics()).not.toHaveProperty('ReceiptsRetried');
    expect(settledEventsOf(receiptIdOf(key))).toEqual([]);
  });

  it('sends a refused event once more before giving up', async () => {
    // Prepare
    const key = 'uploads/frank/refused-once.png';
    await aws.upload(key, receiptPng, 'image/png');
    const handle = pipeline();
    bus.refuseNext(1);

    // Act
    await handle(sqsEvent(s3Message(key)));

    // Assess
    expect(settledEventsOf(receiptIdOf(key))).toHaveLength(1);
    expect(recordedMetrics()).not.toHaveProperty('ReceiptEventsFailed');
  });

  it('splits events that carry long receipts into requests under the 256 KB PutEvents limit', async () => {
    // Prepare: six receipts of about 50 KB each (220 line items), over 256 KB together
    const records = Array.from({ length: 6 }, (_, index) => longReceipt(`long-${index}`, 220));
    const events = records.map(settledEvent);
    expect(events.every((event) => event.receipt !== undefined)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(events))).toBeGreaterThan(256 * 1024);

    // Act
    await receiptEvents().settled(events);

    // Assess: every event arrived whole, in order
    expect(records.map((record) => settledEventsOf(record.receiptId).map((event) => event.detail))).toEqual(
      events.map((event) => [JSON.parse(JSON.stringify(event))]),
    );
  });
});

/** A settled record with `itemCount` line items, as a long till roll gives. */
function longReceipt(name: string, itemCount: number): ReceiptRecord {
  const receiptId = receiptIdForKey(`uploads/frank/${name}.png`);
  return {
    receiptId,
    ownerId: 'frank',
    status: 'COMPLETED',
    version: 2,
    createdAt: '2026-03-01T11:00:00.000Z',
    updatedAt: '2026-03-01T11:00:07.000Z',
    source: { bucket: aws.storageConfig.bucket, key: `uploads/frank/${name}.png` },
    sourceToken: 'etag-1',
    attempts: 1,
    fields: {},
    items: Array.from({ length: itemCount }, (_, index) => ({
      description: `Article number ${index}`,
      quantity: null,
      unitPrice: null,
      amount: '1.00',
      confidence: 0.9,
      text: `Article number ${index} 1.00`,
      bbox: { x0: 10, y0: 20 * index, x1: 400, y1: 20 * index + 18 },
    })),
  };
}

describe('a receipt deleted while it is read', () => {
  it('is not resurrected, and its OCR output is removed', async () => {
    // Prepare: an engine hook that deletes the record mid-run, as the API's DELETE would
    const key = 'uploads/gina/deleted.png';
    await aws.upload(key, receiptPng, 'image/png');
    const repository = dynamoRepository();
    const service = new ReceiptService({
      repository,
      objects: new S3ObjectStore(aws.clients.s3),
      engine: async () => ({
        info: engine.info,
        processAll: async (input) => {
          await repository.delete(receiptIdOf(key));
          return engine.processAll(input);
        },
      }),
      settings: aws.storageConfig,
    });

    // Act
    const outcome = await service.processObject({
      bucket: aws.storageConfig.bucket,
      key,
      deliveryId: 'd-1',
      leaseMs: 60_000,
    });

    // Assess
    expect(outcome).toEqual({ outcome: 'ignored', reason: 'superseded', receiptId: receiptIdOf(key) });
    expect(await recordOf(key)).toBeUndefined();
    const results = await aws.clients.s3.send(
      new ListObjectsV2Command({ Bucket: aws.storageConfig.bucket, Prefix: 'results/gina/' }),
    );
    expect(results.Contents ?? []).toEqual([]);
  });
});

describe('reprocess messages', () => {
  it('re-reads the stored image once, keeping corrections when asked', async () => {
    // Prepare: a completed receipt a person corrected
    const key = 'uploads/frank/corrected.png';
    await aws.upload(key, receiptPng, 'image/png');
    const handle = pipeline();
    await handle(sqsEvent(s3Message(key)));
    const repository = dynamoRepository();
    const completed = await recordOf(key);
    if (!completed) throw new Error('no record');
    const corrections = {
      fields: { merchantName: 'Sunrise Grocery' },
      correctedAt: new Date().toISOString(),
    };
    await repository.put(
      { ...completed, status: 'REVIEWED', corrections, version: completed.version + 1 },
      { expectedVersion: completed.version },
    );
    const runsBefore = ocrRuns;
    const message = sqsRecord(
      JSON.stringify(reprocessMessage(completed.receiptId, 'frank', true)),
      'reprocess-1',
    );

    // Act: delivered twice (SQS may), and once for another owner
    await handle(sqsEvent(message));
    await handle(sqsEvent(message));
    const foreign = await handle(
      sqsEvent(
        sqsRecord(JSON.stringify(reprocessMessage(completed.receiptId, 'mallory', false)), 'reprocess-2'),
      ),
    );

    // Assess
    expect(ocrRuns - runsBefore).toBe(1);
    expect(foreign?.batchItemFailures).toEqual([]);
    const reprocessed = await recordOf(key);
    expect(reprocessed).toMatchObject({
      status: 'REVIEWED',
      corrections,
      lastReprocessId: 'reprocess-1',
      attempts: 1,
    });
    expect(reprocessed?.fields?.total?.value).toBe('1126.89');
    expect(reprocessed?.version).toBe(completed.version + 3);
    // The reprocess settled too: its event says REVIEWED (the person's corrections stand) at the new version.
    expect(settledEventsOf(reprocessed?.receiptId ?? '').at(-1)?.detail).toMatchObject({
      status: 'REVIEWED',
      version: reprocessed?.version,
    });
  });
});
