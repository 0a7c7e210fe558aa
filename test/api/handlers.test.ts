/**
 * The API handler modules (the files Lambda runs) invoked with API Gateway proxy events, against real s3rver and
 * dynalite, the real SDK clients and, for reprocess, the real SQS adapter talking to the local SendMessage endpoint.
 * Every response is also checked against the route table's schemas (events.ts: expectDocumented).
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDbReceiptRepository,
  MAX_ITEM_BYTES,
} from '../../functions/adapters/dynamodb-receipt-repository.js';
import { createApiService } from '../../functions/api/api-service.js';
import { createCreateReceiptHandler } from '../../functions/api/endpoints/create-receipt.js';
import { createDeleteReceiptHandler } from '../../functions/api/endpoints/delete-receipt.js';
import { createHealthHandler } from '../../functions/api/endpoints/health.js';
import { createListReceiptsHandler } from '../../functions/api/endpoints/list-receipts.js';
import { createReadReceiptHandler } from '../../functions/api/endpoints/read-receipt.js';
import { createReprocessReceiptHandler } from '../../functions/api/endpoints/reprocess-receipt.js';
import { createUpdateReceiptHandler } from '../../functions/api/endpoints/update-receipt.js';
import { type AwsClients, createAwsClients } from '../../functions/commons/clients.js';
import { loadApiConfig } from '../../functions/commons/config.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { type LocalSqsEndpoint, startLocalSqsEndpoint } from '../../tools/local/api/sqs-endpoint.js';
import { completedRecord, fullOutput } from '../../tools/samples/receipt-records.js';
import { quietTelemetry } from '../support/api-telemetry.js';
import { type LocalAws, startLocalAws } from '../support/local-aws.js';
import { decodePolicy, policyAllows, signatureIsValid } from '../support/s3-post-policy.js';
import { call, type EventInput, type ProxyHandler } from './events.js';

const ALLOWED_ORIGIN = 'https://app.example.com';
const MAX_UPLOAD_BYTES = 5_000_000;

let aws: LocalAws;
let sqs: LocalSqsEndpoint;
let repository: DynamoDbReceiptRepository;
let clients: AwsClients;
/** The handlers' clock: the system's, unless a test fixes it. */
let fixedNow: Date | undefined;
const clock = (): Date => fixedNow ?? new Date();
const queued: string[] = [];
const handlers = {} as Record<
  'health' | 'create' | 'list' | 'read' | 'update' | 'remove' | 'reprocess',
  ProxyHandler
>;

beforeAll(async () => {
  aws = await startLocalAws({ storage: { maxUploadBytes: MAX_UPLOAD_BYTES } });
  sqs = await startLocalSqsEndpoint({
    sink: {
      send: (body) => {
        queued.push(body);
        return randomUUID();
      },
    },
    queueName: 'ocr-test',
  });
  // The config is validated by the loader Lambda runs, from an environment given to it, not from process.env.
  const config = loadApiConfig({
    ...aws.env,
    OCR_QUEUE_URL: sqs.queueUrl,
    CORS_ALLOWED_ORIGINS: `${ALLOWED_ORIGIN},https://admin.example.com`,
  });
  clients = createAwsClients({ ...aws.endpoints, sqsEndpoint: sqs.endpoint });
  const service = createApiService({ config, clients, clock });
  const dependencies = { config, clock, service, telemetry: quietTelemetry() };
  handlers.health = createHealthHandler({
    config: { ...config, serviceName: 'receipt-ocr-test' },
    telemetry: dependencies.telemetry,
  });
  handlers.create = createCreateReceiptHandler(dependencies);
  handlers.list = createListReceiptsHandler(dependencies);
  handlers.read = createReadReceiptHandler(dependencies);
  handlers.update = createUpdateReceiptHandler(dependencies);
  handlers.remove = createDeleteReceiptHandler(dependencies);
  handlers.reprocess = createReprocessReceiptHandler(dependencies);
  repository = new DynamoDbReceiptRepository(aws.clients.dynamodb, aws.storageConfig.table);
});

afterAll(async () => {
  clients?.s3.destroy();
  clients?.dynamodb.destroy();
  clients?.sqs.destroy();
  await sqs?.close();
  await aws?.stop();
});

let seededAt = Date.UTC(2026, 0, 1);
/** Seeds a settled record plus its image and OCR output objects, like the pipeline leaves them. */
async function seed(ownerId: string, options: Partial<Parameters<typeof completedRecord>[0]> = {}) {
  seededAt += 1000;
  const record = completedRecord({
    ownerId,
    createdAt: new Date(seededAt).toISOString(),
    bucket: aws.storageConfig.bucket,
    ...options,
  });
  await repository.put(record, { expectedVersion: undefined });
  await aws.upload(record.source.key, new Uint8Array([137, 80, 78, 71]), 'image/png');
  await aws.upload(record.resultKey ?? '', JSON.stringify(fullOutput(record)), 'application/json');
  return record;
}

async function exists(key: string): Promise<boolean> {
  try {
    await aws.clients.s3.send(new HeadObjectCommand({ Bucket: aws.storageConfig.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

const createReceipt = (user: string, body: unknown, headers?: Record<string, string>) =>
  call(handlers.create, {
    method: 'POST',
    resource: '/receipts',
    user,
    body,
    ...(headers ? { headers } : {}),
  });

const byId = (method: string, resource: string, id: string, extra: Partial<EventInput> = {}): EventInput => ({
  method,
  resource,
  pathParameters: { id },
  ...extra,
});

describe('GET /health', () => {
  it('answers without a user, with the engine version', async () => {
    const response = await call(handlers.health, { method: 'GET', resource: '/health' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', engine: { name: 'tesseract.js' } });
    expect(response.body.engine.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('POST /receipts', () => {
  it('creates a PENDING record owned by the token subject and a presigned POST for exactly its key', async () => {
    const response = await createReceipt('alice', { contentType: 'image/png', fileName: 'lunch.png' });
    expect(response.status).toBe(201);
    const { id, upload } = response.body;
    expect(response.headers.location).toBe(`/receipts/${id}`);
    const key = `uploads/alice/${id}.png`;
    expect(upload.fields.key).toBe(key);
    expect(upload.url).toBe(`${aws.endpoints.s3Endpoint}/${aws.storageConfig.bucket}`);

    const stored = await repository.get(id);
    expect(stored).toMatchObject({ ownerId: 'alice', status: 'PENDING', version: 1, fileName: 'lunch.png' });
    expect(stored?.source).toMatchObject({ key, contentType: 'image/png' });
  });

  it.each([
    ['application/pdf', 'pdf'],
    ['image/heic', 'heic'],
    ['image/heif', 'heif'],
  ])('accepts uploads of %s (key ending .%s), as the engine reads them', async (contentType, extension) => {
    const { status, body } = await createReceipt('alice', { contentType });

    expect(status).toBe(201);
    const policy = decodePolicy(body.upload.fields);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', contentType]);
    expect(policy.conditions).toContainEqual({ key: `uploads/alice/${body.id}.${extension}` });
  });

  it('signs a policy that S3 enforces: size range, exact key, declared type, expiry', async () => {
    // A clock with a fraction of a second: the policy's times are whole seconds.
    fixedNow = new Date('2026-03-01T12:00:00.500Z');
    const { body } = await createReceipt('alice', { contentType: 'image/jpeg' }).finally(() => {
      fixedNow = undefined;
    });
    const fields: Record<string, string> = body.upload.fields;
    const policy = decodePolicy(fields);
    expect(policy.conditions).toContainEqual(['content-length-range', 1, MAX_UPLOAD_BYTES]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/jpeg']);
    expect(policy.conditions).toContainEqual({ key: `uploads/alice/${body.id}.jpg` });
    // The fields are what was signed (with the local credentials' secret).
    expect(signatureIsValid(fields, 'S3RVER')).toBe(true);
    expect(signatureIsValid({ ...fields, Policy: Buffer.from('{}').toString('base64') }, 'S3RVER')).toBe(
      false,
    );
    // Signed at the clock's time; the default UPLOAD_URL_TTL_SECONDS is 900.
    expect(fields['X-Amz-Date']).toBe('20260301T120000Z');
    expect(policy.expiration).toBe('2026-03-01T12:15:00Z');
    expect(body.upload.expiresAt).toBe('2026-03-01T12:15:00.500Z');
    const stored = await repository.get(body.id);
    expect(stored?.createdAt).toBe('2026-03-01T12:00:00.500Z');

    const inTime = new Date('2026-03-01T12:14:59Z');
    expect(policyAllows(policy, fields, 1024, inTime)).toBe(true);
    expect(policyAllows(policy, fields, MAX_UPLOAD_BYTES, inTime)).toBe(true);
    expect(policyAllows(policy, fields, MAX_UPLOAD_BYTES + 1, inTime)).toBe(false);
    expect(policyAllows(policy, fields, 0, inTime)).toBe(false);
    expect(policyAllows(policy, { ...fields, key: `uploads/bob/${body.id}.jpg` }, 1024, inTime)).toBe(false);
    expect(policyAllows(policy, { ...fields, key: `uploads/alice/${randomUUID()}.jpg` }, 1024, inTime)).toBe(
      false,
    );
    expect(policyAllows(policy, { ...fields, 'Content-Type': 'text/html' }, 1024, inTime)).toBe(false);
    expect(policyAllows(policy, fields, 1024, new Date('2026-03-01T12:15:01Z'))).toBe(false);
  });

  it.each([
    ['no body', undefined, 'VALIDATION_FAILED', 'body'],
    ['no contentType', { fileName: 'a.jpg' }, 'VALIDATION_FAILED', 'body.contentType'],
    ['a type the engine cannot read', { contentType: 'image/avif' }, 'VALIDATION_FAILED', 'body.contentType'],
    ['an owner in the body', { contentType: 'image/png', ownerId: 'bob' }, 'VALIDATION_FAILED', 'body'],
    ['an empty file name', { contentType: 'image/png', fileName: ' ' }, 'VALIDATION_FAILED', 'body.fileName'],
    [
      'a NUL in the file name',
      { contentType: 'image/png', fileName: 'a\u0000.png' },
      'VALIDATION_FAILED',
      'body.fileName',
    ],
    [
      'a CR-LF in the file name',
      { contentType: 'image/png', fileName: 'a\r\nb.png' },
      'VALIDATION_FAILED',
      'body.fileName',
    ],
    [
      'a right-to-left override in the file name',
      { contentType: 'image/png', fileName: 'invoice\u202Egnp.exe' },
      'VALIDATION_FAILED',
      'body.fileName',
    ],
  ])('400 for %s, saying where', async (_name, body, code, path) => {
    const response = await createReceipt('alice', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.details.issues[0].path).toBe(path);
  });

  it('400 INVALID_JSON for a body that is not JSON, 415 for another media type', async () => {
    const invalid = await createReceipt('alice', '{"contentType":', { 'Content-Type': 'application/json' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('INVALID_JSON');
    const form = await createReceipt('alice', 'contentType=image/png', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('401 without authorizer claims', async () => {
    const response = await call(handlers.create, {
      method: 'POST',
      resource: '/receipts',
      body: { contentType: 'image/png' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });
});

describe('GET /receipts', () => {
  it('pages through the caller’s receipts newest first with an opaque cursor', async () => {
    const owner = `pager-${randomUUID().slice(0, 8)}`;
    const seeded: ReceiptRecord[] = [];
    for (let index = 0; index < 5; index += 1) seeded.push(await seed(owner));
    await seed('someone-else');
    const ids: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const response = await call(handlers.list, {
        method: 'GET',
        resource: '/receipts',
        user: owner,
        query: { limit: '2', ...(cursor ? { cursor } : {}) },
      });
      expect(response.status).toBe(200);
      sizes.push(response.body.items.length);
      ids.push(...response.body.items.map((item: { id: string }) => item.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(ids).toEqual(seeded.map((record) => record.receiptId).reverse());
  });

  it('filters by status, transaction date range and merchant (corrections win)', async () => {
    const owner = `filter-${randomUUID().slice(0, 8)}`;
    const march = await seed(owner, { merchant: 'Sunrise Grocery', date: '2024-03-15' });
    const april = await seed(owner, { merchant: 'Moonlight Cafe', date: '2024-04-02' });
    const failed = await seed(owner, { status: 'FAILED', merchant: 'Sunrise Grocery', date: '2024-05-01' });
    const list = async (query: Record<string, string>) => {
      const response = await call(handlers.list, {
        method: 'GET',
        resource: '/receipts',
        user: owner,
        query,
      });
      expect(response.status).toBe(200);
      return response.body.items.map((item: { id: string }) => item.id);
    };
    expect(await list({ status: 'FAILED' })).toEqual([failed.receiptId]);
    expect(await list({ from: '2024-03-01', to: '2024-04-30' })).toEqual([april.receiptId, march.receiptId]);
    expect(await list({ from: '2024-04-01' })).toEqual([failed.receiptId, april.receiptId]);
    expect(await list({ merchant: 'sunrise' })).toEqual([failed.receiptId, march.receiptId]);
    expect(await list({ merchant: 'sunrise', status: 'COMPLETED' })).toEqual([march.receiptId]);

    // A person renames the April merchant: the filter follows the correction.
    const patched = await call(handlers.update, {
      ...byId('PATCH', '/receipts/{id}', april.receiptId),
      user: owner,
      headers: { 'If-Match': '"3"' },
      body: { fields: { merchantName: 'Sunrise Bakery' } },
    });
    expect(patched.status).toBe(200);
    expect(await list({ merchant: 'SUNRISE' })).toEqual([failed.receiptId, april.receiptId, march.receiptId]);
  });

  it.each([
    ['limit 0', { limit: '0' }, 'VALIDATION_FAILED', 'query.limit'],
    ['limit 101', { limit: '101' }, 'VALIDATION_FAILED', 'query.limit'],
    ['an unknown status', { status: 'DONE' }, 'VALIDATION_FAILED', 'query.status'],
    ['a date that is not YYYY-MM-DD', { from: '15/03/2024' }, 'VALIDATION_FAILED', 'query.from'],
    ['from after to', { from: '2024-05-01', to: '2024-04-01' }, 'VALIDATION_FAILED', 'query.from'],
    ['a date that does not exist', { from: '2018-13-45' }, 'VALIDATION_FAILED', 'query.from'],
    ['an unknown parameter', { owner: 'bob' }, 'VALIDATION_FAILED', 'query'],
  ])('400 for %s', async (_name, query, code, path) => {
    const response = await call(handlers.list, {
      method: 'GET',
      resource: '/receipts',
      user: 'alice',
      query,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.details.issues[0].path).toBe(path);
  });

  it.each([
    ['not a cursor', 'bm90LWEtY3Vyc29y'],
    [
      'a forged cursor with a 1,400-character sort key',
      Buffer.from(JSON.stringify({ s: 'x'.repeat(1400), id: randomUUID() })).toString('base64url'),
    ],
    [
      'a cursor whose sort key is not the one of its id',
      Buffer.from(
        JSON.stringify({ s: `2026-01-01T00:00:00.000Z#${randomUUID()}`, id: randomUUID() }),
      ).toString('base64url'),
    ],
  ])('400 INVALID_CURSOR for %s', async (_name, cursor) => {
    const response = await call(handlers.list, {
      method: 'GET',
      resource: '/receipts',
      user: 'alice',
      query: { cursor },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_CURSOR');
  });
});

describe('GET /receipts/export', () => {
  const exportFor = (user: string, query: Record<string, string>) =>
    call(handlers.list, { method: 'GET', resource: '/receipts/export', user, query });

  it('CSV of every receipt of the caller with the effective values (corrections win), newest first', async () => {
    const owner = `export-${randomUUID().slice(0, 8)}`;
    const first = await seed(owner, { merchant: '=HYPERLINK("x")', date: '2024-03-15', total: '12.50' });
    const second = await seed(owner, { merchant: 'Moonlight, "Cafe"', date: '2024-04-02', total: '7.00' });
    await seed('someone-else', { merchant: 'Not Mine' });
    const patched = await call(handlers.update, {
      ...byId('PATCH', '/receipts/{id}', first.receiptId),
      user: owner,
      headers: { 'If-Match': '"3"' },
      body: { fields: { total: '13.75' } },
    });
    expect(patched.status).toBe(200);

    const response = await exportFor(owner, {});

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="receipts-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const csv = response.body as string;
    expect(csv.split('\r\n')[0]).toMatch(/^id,status,createdAt,fileName,merchantName,/);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual([second.receiptId, first.receiptId]);
    expect(rows[0]?.merchantName).toBe('Moonlight, "Cafe"');
    expect(rows[1]).toMatchObject({
      status: 'REVIEWED',
      total: '13.75',
      correctedFields: 'total',
      currency: 'MYR',
    });
    // A merchant name that a spreadsheet would run as a formula is made inert.
    expect(rows[1]?.merchantName).toBe(`'=HYPERLINK("x")`);
    expect(response.body).not.toContain('Not Mine');
  });

  it('JSON with the line items, filtered like the list', async () => {
    const owner = `export-json-${randomUUID().slice(0, 8)}`;
    const march = await seed(owner, { merchant: 'Sunrise Grocery', date: '2024-03-15' });
    await seed(owner, { merchant: 'Moonlight Cafe', date: '2024-04-02' });

    const response = await exportFor(owner, { format: 'json', merchant: 'sunrise', to: '2024-03-31' });

    expect(response.status).toBe(200);
    expect(response.body.receipts).toEqual([
      expect.objectContaining({
        id: march.receiptId,
        status: 'COMPLETED',
        fields: expect.objectContaining({ merchantName: 'Sunrise Grocery', total: '10.00' }),
        items: [expect.objectContaining({ description: 'COFFEE', amount: expect.any(String) })],
        correctedFields: [],
      }),
    ]);
  });

  it.each([
    ['an unknown format', { format: 'xlsx' }, 'query.format'],
    ['paging parameters', { limit: '10' }, 'query'],
    ['from after to', { from: '2024-05-01', to: '2024-04-01' }, 'query.from'],
  ])('400 for %s', async (_name, query, path) => {
    const response = await exportFor('alice', query);
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0].path).toBe(path);
  });
});

describe('GET /receipts/{id}, /text, /image', () => {
  it('returns the record with its version as ETag, the OCR output and a working image URL', async () => {
    const record = await seed('alice', { merchant: 'Sunrise Grocery' });
    const read = await call(handlers.read, {
      ...byId('GET', '/receipts/{id}', record.receiptId),
      user: 'alice',
    });
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"3"');
    expect(read.body).toMatchObject({
      id: record.receiptId,
      status: 'COMPLETED',
      version: 3,
      fields: { merchantName: { value: 'Sunrise Grocery' } },
      effective: { fields: { merchantName: 'Sunrise Grocery', total: '10.00' } },
      correctedFields: [],
    });
    // Pipeline internals stay out of the API.
    expect(read.body).not.toHaveProperty('sourceToken');
    expect(read.body).not.toHaveProperty('ownerId');

    const text = await call(handlers.read, {
      ...byId('GET', '/receipts/{id}/text', record.receiptId),
      user: 'alice',
    });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ receiptId: record.receiptId, text: 'COFFEE 2 3.00 6.00' });
    expect(text.body.lines[0].words[0].bbox).toEqual({ x0: 0, y0: 0, x1: 40, y1: 10 });
    // Its documented shape (ReceiptText): the stored output's owner and S3 location stay internal.
    expect(text.body).not.toHaveProperty('ownerId');
    expect(text.body).not.toHaveProperty('source');

    const image = await call(handlers.read, {
      ...byId('GET', '/receipts/{id}/image', record.receiptId),
      user: 'alice',
    });
    expect(image.status).toBe(200);
    expect(image.body.url).toContain('X-Amz-Expires=300');
    const download = await fetch(image.body.url);
    expect(download.status).toBe(200);
    expect([...new Uint8Array(await download.arrayBuffer())]).toEqual([137, 80, 78, 71]);
  });

  it('410 IMAGE_EXPIRED and TEXT_EXPIRED once the lifecycle rules deleted them; the record still reads', async () => {
    // Prepare: the bucket's retention rules removed the image and the OCR output before the table's TTL ran.
    const record = await seed('alice');
    for (const key of [record.source.key, record.resultKey ?? '']) {
      await aws.clients.s3.send(new DeleteObjectCommand({ Bucket: aws.storageConfig.bucket, Key: key }));
    }

    // Act
    const image = await call(handlers.read, {
      ...byId('GET', '/receipts/{id}/image', record.receiptId),
      user: 'alice',
    });
    const text = await call(handlers.read, {
      ...byId('GET', '/receipts/{id}/text', record.receiptId),
      user: 'alice',
    });
    const read = await call(handlers.read, {
      ...byId('GET', '/receipts/{id}', record.receiptId),
      user: 'alice',
    });

    // Assess
    expect([image.status, image.body.error.code]).toEqual([410, 'IMAGE_EXPIRED']);
    expect(image.body.error.message).toMatch(
      /no longer stored: images are deleted at the end of the retention period/,
    );
    expect([text.status, text.body.error.code]).toEqual([410, 'TEXT_EXPIRED']);
    expect([read.status, read.body.status]).toEqual([200, 'COMPLETED']);
  });

  it('404 with a code for the text and image of a receipt still PENDING', async () => {
    const created = await createReceipt('alice', { contentType: 'image/png' });
    const id = created.body.id;
    const text = await call(handlers.read, { ...byId('GET', '/receipts/{id}/text', id), user: 'alice' });
    expect([text.status, text.body.error.code]).toEqual([404, 'TEXT_NOT_AVAILABLE']);
    const image = await call(handlers.read, { ...byId('GET', '/receipts/{id}/image', id), user: 'alice' });
    expect([image.status, image.body.error.code]).toEqual([404, 'IMAGE_NOT_AVAILABLE']);
  });

  it.each([
    ['an unknown id', randomUUID()],
    ['an id that is not a UUID', 'not-a-receipt'],
  ])('404 NOT_FOUND for %s', async (_name, id) => {
    const response = await call(handlers.read, { ...byId('GET', '/receipts/{id}', id), user: 'alice' });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'receipt not found' } });
  });
});

describe('PATCH /receipts/{id}', () => {
  it('keeps the engine values beside the corrections, marks what changed, REVIEWED, new version', async () => {
    const record = await seed('alice', { merchant: 'Sunrise Grocery', total: '10.00' });
    const first = await call(handlers.update, {
      ...byId('PATCH', '/receipts/{id}', record.receiptId),
      user: 'alice',
      headers: { 'If-Match': '"3"' },
      body: { fields: { total: '12.50', tax: null } },
    });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"4"');
    expect(first.body).toMatchObject({
      status: 'REVIEWED',
      version: 4,
      fields: { total: { value: '10.00' } },
      corrections: { fields: { total: '12.50', tax: null } },
      effective: { fields: { total: '12.50', merchantName: 'Sunrise Grocery' } },
    });
    expect(first.body.correctedFields.sort()).toEqual(['tax', 'total']);

    // A second edit (version in the body this time) merges with the first and replaces the items.
    const second = await call(handlers.update, {
      ...byId('PATCH', '/receipts/{id}', record.receiptId),
      user: 'alice',
      body: {
        version: 4,
        fields: { merchantName: null },
        items: [{ description: 'TEA', quantity: '1', unitPrice: '2.50', amount: '2.50' }],
      },
    });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(5);
    expect(second.body.correctedFields.sort()).toEqual(['items', 'merchantName', 'tax', 'total']);
    expect(second.body.effective.fields).not.toHaveProperty('merchantName');
    expect(second.body.effective.items).toEqual([
      { description: 'TEA', quantity: '1', unitPrice: '2.50', amount: '2.50' },
    ]);
    expect(second.body.items[0].description).toBe('COFFEE');
    const stored = await repository.get(record.receiptId);
    expect(stored?.fields?.merchantName?.value).toBe('Sunrise Grocery');
  });

  it('409 VERSION_CONFLICT when the receipt changed since it was read; nothing is overwritten', async () => {
    const record = await seed('alice');
    const edit = (total: string) =>
      call(handlers.update, {
        ...byId('PATCH', '/receipts/{id}', record.receiptId),
        user: 'alice',
        headers: { 'if-match': 'W/"3"' },
        body: { fields: { total } },
      });
    expect((await edit('11.00')).status).toBe(200);
    const stale = await edit('99.00');
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await repository.get(record.receiptId))?.corrections?.fields.total).toBe('11.00');
  });

  it('two simultaneous edits of the same version: exactly one wins, the other gets 409', async () => {
    const record = await seed('alice');
    const edit = (total: string) =>
      call(handlers.update, {
        ...byId('PATCH', '/receipts/{id}', record.receiptId),
        user: 'alice',
        headers: { 'If-Match': '"3"' },
        body: { fields: { total } },
      });
    const results = await Promise.all([edit('1.00'), edit('2.00')]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const winner = results.find((result) => result.status === 200);
    const stored = await repository.get(record.receiptId);
    expect(stored?.version).toBe(4);
    expect(stored?.corrections?.fields.total).toBe(winner?.body.effective.fields.total);
  });

  it('428 without If-Match or version; 400 when they disagree or If-Match is not a version', async () => {
    const record = await seed('alice');
    const patch = (headers: Record<string, string>, body: unknown) =>
      call(handlers.update, {
        ...byId('PATCH', '/receipts/{id}', record.receiptId),
        user: 'alice',
        headers,
        body,
      });
    const missing = await patch({}, { fields: { total: '1.00' } });
    expect([missing.status, missing.body.error.code]).toEqual([428, 'PRECONDITION_REQUIRED']);
    const disagree = await patch({ 'If-Match': '"3"' }, { version: 2, fields: { total: '1.00' } });
    expect([disagree.status, disagree.body.error.details.issues[0].path]).toEqual([400, 'body.version']);
    const garbage = await patch({ 'If-Match': '*' }, { fields: { total: '1.00' } });
    expect([garbage.status, garbage.body.error.details.issues[0].path]).toEqual([400, 'header.If-Match']);
  });

  it.each([
    ['an amount that is not a decimal string', { fields: { total: '12,50' } }, 'body.fields.total'],
    ['a field that does not exist', { fields: { colour: 'red' } }, 'body.fields'],
    [
      'an item without amount',
      { items: [{ description: 'X', quantity: null, unitPrice: null }] },
      'body.items.0.amount',
    ],
    ['nothing to change', {}, 'body'],
    [
      'a 500,000-character merchant name',
      { fields: { merchantName: 'M'.repeat(500_000) } },
      'body.fields.merchantName',
    ],
    [
      '500 items of 1 KB',
      {
        items: Array.from({ length: 500 }, () => ({
          description: 'D'.repeat(1000),
          quantity: null,
          unitPrice: null,
          amount: '1.00',
        })),
      },
      'body.items',
    ],
    [
      'a description of 1 KB',
      { items: [{ description: 'D'.repeat(1000), quantity: null, unitPrice: null, amount: '1.00' }] },
      'body.items.0.description',
    ],
    ['a 30-digit amount', { fields: { total: '1'.repeat(30) } }, 'body.fields.total'],
    [
      'a date that does not exist',
      { fields: { transactionDate: '2018-02-31' } },
      'body.fields.transactionDate',
    ],
    ['a NUL in the merchant name', { fields: { merchantName: 'ACME\u0000' } }, 'body.fields.merchantName'],
    ['a right-to-left override', { fields: { merchantName: 'ACME \u202E' } }, 'body.fields.merchantName'],
    [
      'a CR-LF in the address',
      { fields: { merchantAddress: '1 Main St\r\nSpringfield' } },
      'body.fields.merchantAddress',
    ],
    [
      'a date in another format',
      { fields: { transactionDate: '15/03/2024' } },
      'body.fields.transactionDate',
    ],
  ])('400 for %s', async (_name, body, path) => {
    const record = await seed('alice');
    const response = await call(handlers.update, {
      ...byId('PATCH', '/receipts/{id}', record.receiptId),
      user: 'alice',
      headers: { 'If-Match': '"3"' },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.issues[0].path).toBe(path);
  });

  it('accepts the largest correction the limits allow, and the record stays storable beside many engine items', async () => {
    // Prepare: an engine result with 1,500 long items (the record is fitted when stored), then every limit at its
    // maximum in 3-byte characters
    const engineItem = {
      description: 'E'.repeat(150),
      quantity: '1',
      unitPrice: '1.00',
      amount: '1.00',
      confidence: 0.9,
      text: 'E'.repeat(150),
      bbox: null,
    };
    const seeded = await seed('alice');
    const record = await repository.put(
      { ...seeded, version: 4, items: Array.from({ length: 1500 }, () => engineItem) },
      { expectedVersion: 3 },
    );
    const euro = (length: number) => '€'.repeat(length);
    const body = {
      fields: {
        merchantName: euro(200),
        merchantAddress: euro(500),
        merchantPhone: euro(50),
        total: '1'.repeat(20),
      },
      items: Array.from({ length: 200 }, () => ({
        description: euro(200),
        quantity: '1'.repeat(20),
        unitPrice: '1'.repeat(20),
        amount: '1'.repeat(20),
      })),
    };

    // Act
    const response = await call(handlers.update, {
      ...byId('PATCH', '/receipts/{id}', record.receiptId),
      user: 'alice',
      headers: { 'If-Match': `"${record.version}"` },
      body,
    });

    // Assess
    expect(response.status).toBe(200);
    const stored = await repository.get(record.receiptId);
    expect(stored?.corrections?.items).toHaveLength(200);
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(MAX_ITEM_BYTES);
  });

  it('409 RECEIPT_NOT_READY while the receipt has not been read yet', async () => {
    const created = await createReceipt('alice', { contentType: 'image/png' });
    const response = await call(handlers.update, {
      ...byId('PATCH', '/receipts/{id}', created.body.id),
      user: 'alice',
      headers: { 'If-Match': '"1"' },
      body: { fields: { total: '1.00' } },
    });
    expect([response.status, response.body.error.code]).toEqual([409, 'RECEIPT_NOT_READY']);
  });
});

describe('DELETE /receipts/{id}', () => {
  it('removes the record, the image and the OCR output', async () => {
    const record = await seed('alice');
    expect(await exists(record.source.key)).toBe(true);
    expect(await exists(record.resultKey ?? '')).toBe(true);
    const response = await call(handlers.remove, {
      ...byId('DELETE', '/receipts/{id}', record.receiptId),
      user: 'alice',
    });
    expect(response.status).toBe(204);
    expect(await repository.get(record.receiptId)).toBeUndefined();
    expect(await exists(record.source.key)).toBe(false);
    expect(await exists(record.resultKey ?? '')).toBe(false);
    const again = await call(handlers.remove, {
      ...byId('DELETE', '/receipts/{id}', record.receiptId),
      user: 'alice',
    });
    expect(again.status).toBe(404);
  });
});

describe('POST /receipts/{id}/reprocess', () => {
  it('sends the reprocess message to the OCR queue through the SQS adapter (202)', async () => {
    const record = await seed('alice');
    const keep = await call(handlers.reprocess, {
      ...byId('POST', '/receipts/{id}/reprocess', record.receiptId),
      user: 'alice',
    });
    expect(keep.status).toBe(202);
    expect(keep.body).toEqual({ id: record.receiptId, status: 'QUEUED', keepCorrections: true });
    const other = await seed('alice');
    const drop = await call(handlers.reprocess, {
      ...byId('POST', '/receipts/{id}/reprocess', other.receiptId),
      user: 'alice',
      body: { keepCorrections: false },
    });
    expect(drop.status).toBe(202);
    expect(queued.slice(-2).map((body) => JSON.parse(body))).toEqual([
      { type: 'receipt.reprocess', receiptId: record.receiptId, ownerId: 'alice', keepCorrections: true },
      { type: 'receipt.reprocess', receiptId: other.receiptId, ownerId: 'alice', keepCorrections: false },
    ]);
  });

  it('410 IMAGE_EXPIRED for a receipt whose image expired: nothing is queued and the record keeps its fields', async () => {
    // Prepare
    const record = await seed('alice');
    await aws.clients.s3.send(
      new DeleteObjectCommand({ Bucket: aws.storageConfig.bucket, Key: record.source.key }),
    );
    const queuedBefore = queued.length;

    // Act
    const response = await call(handlers.reprocess, {
      ...byId('POST', '/receipts/{id}/reprocess', record.receiptId),
      user: 'alice',
    });

    // Assess
    expect([response.status, response.body.error.code]).toEqual([410, 'IMAGE_EXPIRED']);
    expect(queued).toHaveLength(queuedBefore);
    expect(await repository.get(record.receiptId)).toEqual(record);
  });

  it('runs one reprocess at a time: concurrent requests and requests while one is queued or running get 409', async () => {
    // Prepare
    const record = await seed('alice');
    const request = () =>
      call(handlers.reprocess, {
        ...byId('POST', '/receipts/{id}/reprocess', record.receiptId),
        user: 'alice',
      });
    const queuedBefore = queued.length;

    // Act: two at once, then one while the first is queued, then one while it runs
    const concurrent = await Promise.all([request(), request()]);
    const whileQueued = await request();
    const current = await repository.get(record.receiptId);
    if (!current) throw new Error('record gone');
    await repository.put(
      { ...current, status: 'PROCESSING', version: current.version + 1, reprocessRequestedAt: undefined },
      { expectedVersion: current.version },
    );
    const whileRunning = await request();

    // Assess
    expect(concurrent.map((response) => response.status).sort()).toEqual([202, 409]);
    for (const refused of [
      ...concurrent.filter((response) => response.status === 409),
      whileQueued,
      whileRunning,
    ]) {
      expect([refused.status, refused.body.error.code]).toEqual([409, 'REPROCESS_PENDING']);
    }
    expect(queued.length - queuedBefore).toBe(1);
  });

  it('409 NOT_UPLOADED before the image arrived; 400 for a bad body', async () => {
    const created = await createReceipt('alice', { contentType: 'image/png' });
    const early = await call(handlers.reprocess, {
      ...byId('POST', '/receipts/{id}/reprocess', created.body.id),
      user: 'alice',
    });
    expect([early.status, early.body.error.code]).toEqual([409, 'NOT_UPLOADED']);
    const bad = await call(handlers.reprocess, {
      ...byId('POST', '/receipts/{id}/reprocess', created.body.id),
      user: 'alice',
      body: { keepCorrections: 'no' },
    });
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'body.keepCorrections']);
  });
});

describe('owner isolation', () => {
  let record: ReceiptRecord;
  beforeAll(async () => {
    record = await seed('alice', { merchant: 'Private Shop' });
  });

  it.each<[string, keyof typeof handlers, string, string, Partial<EventInput>]>([
    ['read', 'read', 'GET', '/receipts/{id}', {}],
    ['read the text of', 'read', 'GET', '/receipts/{id}/text', {}],
    ['get the image of', 'read', 'GET', '/receipts/{id}/image', {}],
    [
      'patch',
      'update',
      'PATCH',
      '/receipts/{id}',
      { headers: { 'If-Match': '"3"' }, body: { fields: { total: '0.01' } } },
    ],
    ['delete', 'remove', 'DELETE', '/receipts/{id}', {}],
    ['reprocess', 'reprocess', 'POST', '/receipts/{id}/reprocess', {}],
  ])(
    'another user cannot %s a receipt: the same 404 as a missing one',
    async (_name, handler, method, resource, extra) => {
      const before = queued.length;
      const response = await call(handlers[handler], {
        ...byId(method, resource, record.receiptId, extra),
        user: 'bob',
      });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'receipt not found' } });
      expect(queued.length).toBe(before);
      const stored = await repository.get(record.receiptId);
      expect(stored).toMatchObject({ ownerId: 'alice', version: 3 });
      expect(stored?.corrections).toBeUndefined();
      expect(await exists(record.source.key)).toBe(true);
    },
  );

  it('another user does not see it in their list, even filtering for it', async () => {
    const response = await call(handlers.list, {
      method: 'GET',
      resource: '/receipts',
      user: 'bob',
      query: { merchant: 'Private Shop' },
    });
    expect(response.body.items).toEqual([]);
  });

  it('a token subject that could escape the owner prefix is refused (401)', async () => {
    const response = await createReceipt('../alice', { contentType: 'image/png' });
    expect(response.status).toBe(401);
  });
});

describe('CORS', () => {
  it('echoes a configured origin with credentials, and nothing for any other origin', async () => {
    const allowed = await call(handlers.health, {
      method: 'GET',
      resource: '/health',
      headers: { Origin: ALLOWED_ORIGIN },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers.vary).toContain('Origin');
    const other = await call(handlers.health, {
      method: 'GET',
      resource: '/health',
      headers: { Origin: 'https://evil.example.com' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    // Errors carry the CORS headers too, so a browser can read them.
    const error = await call(handlers.read, {
      ...byId('GET', '/receipts/{id}', randomUUID()),
      user: 'alice',
      headers: { origin: ALLOWED_ORIGIN },
    });
    expect(error.status).toBe(404);
    expect(error.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
  });
});

describe('S3 objects the API does not own', () => {
  it('leaves other receipts’ objects alone on delete', async () => {
    const keep = await seed('alice');
    const gone = await seed('alice');
    await aws.clients.s3.send(
      new PutObjectCommand({ Bucket: aws.storageConfig.bucket, Key: 'uploads/alice/notes.txt', Body: 'x' }),
    );
    await call(handlers.remove, { ...byId('DELETE', '/receipts/{id}', gone.receiptId), user: 'alice' });
    expect(await exists(keep.source.key)).toBe(true);
    expect(await exists(keep.resultKey ?? '')).toBe(true);
    expect(await exists('uploads/alice/notes.txt')).toBe(true);
  });
});
