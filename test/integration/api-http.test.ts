/**
 * The REST API over HTTP as `pnpm start` serves it: the local API server (API Gateway stand-in with the local JWT
 * authorizer) in front of the real handler modules, on the local stack (s3rver, dynalite, the in-process queue and
 * the real OCR handler). A client creates a receipt, uploads the image with the presigned POST (a real multipart
 * form to the local S3, whose event feeds the pipeline), waits for the receipt's ReceiptSettled event on the local
 * event stream, then reads, corrects, reprocesses and deletes it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/api/openapi.js';
import { OcrResponseSchema, ReceiptSchema } from '../../functions/api/schemas.js';
import { type AwsClients, createAwsClients } from '../../functions/commons/clients.js';
import { localSigner } from '../../tools/local/api/jwt.js';
import { type LocalApi, startLocalApi } from '../../tools/local/api/server.js';
import { S3RVER_CREDENTIALS } from '../../tools/local/config.js';
import { type LocalStack, startLocalStack } from '../../tools/local/stack.js';
import { passwordPdf, textPdf } from '../../tools/samples/pdf-files.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';
import { twoReceiptPhoto } from '../support/receipt-photos.js';

const ORIGIN = 'https://app.example.com';

let stack: LocalStack;
let api: LocalApi;
let clients: AwsClients;
let dataDir: string;
let alice: string;
let bob: string;
let image: Buffer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-api-'));
  stack = await startLocalStack({
    dataDir,
    s3Port: 0,
    dynamodbPort: 0,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', OCR_LANGUAGES: 'eng', CORS_ALLOWED_ORIGINS: ORIGIN },
  });
  api = await startLocalApi({ port: 0, dataDir, env: stack.env, queue: stack.queue, events: stack.events });
  alice = await api.signer.sign('alice');
  bob = await api.signer.sign('bob');
  clients = createAwsClients({
    region: stack.region,
    s3Endpoint: stack.s3Endpoint,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  image = await renderReceipt(ENGLISH_RECEIPT);
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
  clients?.s3.destroy();
  clients?.dynamodb.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON bodies; schemas check the shapes that matter
  body: any;
}

async function request(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: Uint8Array; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The browser way: the presigned fields first, then the file. */
async function uploadWithForm(
  upload: { url: string; fields: Record<string, string> },
  bytes: Buffer,
  type: string,
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'receipt');
  return fetch(upload.url, { method: 'POST', body: form });
}

/** Polls GET /receipts/{id} like a client until `done` holds (the OCR runs in the local queue). */
async function poll(id: string, done: (receipt: Reply['body']) => boolean): Promise<Reply['body']> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const reply = await request('GET', `/receipts/${id}`, { token: alice });
    if (reply.status === 200 && done(reply.body)) return reply.body;
    if (Date.now() > deadline) throw new Error(`receipt ${id} still ${reply.body?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** GET /local/events as the token's user: the ReceiptSettled details received while it is open. */
async function subscribe(token: string) {
  const controller = new AbortController();
  const response = await fetch(`${api.url}/local/events`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const details: Array<{ receiptId: string; ownerId: string; status: string; version: number }> = [];
  if (response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) details.push(JSON.parse(data.slice('data: '.length)));
        }
      }
    })().catch(() => {});
  }
  return { status: response.status, details, close: () => controller.abort() };
}

/** Resolves when `found` holds, checking every 100 ms for up to 90 s. */
async function until(found: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!found()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '');
}

describe('create -> upload -> event -> correct -> reprocess -> delete', () => {
  let id: string;

  it('uploads through the presigned POST to the local S3; the owner hears the receipt settled, then reads it once', async () => {
    const events = await subscribe(alice);
    const others = await subscribe(bob);
    expect(events.status).toBe(200);
    const created = await request('POST', '/receipts', {
      token: alice,
      json: { contentType: 'image/png', fileName: 'lunch.png' },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body.upload.url.startsWith(stack.s3Endpoint)).toBe(true);

    const uploaded = await uploadWithForm(created.body.upload, image, 'image/png');
    expect(uploaded.status).toBe(204);

    await until(() => events.details.some((detail) => detail.receiptId === id), 'the ReceiptSettled event');
    const reply = await request('GET', `/receipts/${id}`, { token: alice });
    events.close();
    others.close();
    expect(events.details).toEqual([
      expect.objectContaining({
        receiptId: id,
        ownerId: 'alice',
        status: 'COMPLETED',
        version: reply.body.version,
      }),
    ]);
    // Another user's stream carries nothing of alice's.
    expect(others.details).toEqual([]);
    const receipt = reply.body;
    ReceiptSchema.parse(receipt);
    expect(receipt).toMatchObject({ status: 'COMPLETED', fileName: 'lunch.png', contentType: 'image/png' });
    expect(receipt.fields.total.value).toBe('1126.89');
    expect(receipt.effective.fields.merchantName).toBe(receipt.fields.merchantName.value);
  });

  it('serves the full OCR output and a presigned GET of the uploaded bytes', async () => {
    const text = await request('GET', `/receipts/${id}/text`, { token: alice });
    expect(text.status).toBe(200);
    expect(text.body.receiptId).toBe(id);
    expect(text.body.lines.length).toBeGreaterThan(5);
    expect(text.body.text).toContain('TOTAL');

    const link = await request('GET', `/receipts/${id}/image`, { token: alice });
    expect(link.status).toBe(200);
    const download = await fetch(link.body.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(image)).toBe(true);
  });

  it('takes a correction with If-Match, refuses a stale one with 409', async () => {
    const current = await request('GET', `/receipts/${id}`, { token: alice });
    const etag = current.headers.get('etag') ?? '';
    expect(etag).toBe(`"${current.body.version}"`);
    const corrected = await request('PATCH', `/receipts/${id}`, {
      token: alice,
      headers: { 'If-Match': etag },
      json: { fields: { total: '1126.90', category: 'restaurant' } },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      status: 'REVIEWED',
      version: current.body.version + 1,
      fields: { total: { value: '1126.89' } },
      effective: { fields: { total: '1126.90', category: 'restaurant' } },
    });
    expect(corrected.headers.get('etag')).toBe(`"${current.body.version + 1}"`);

    const stale = await request('PATCH', `/receipts/${id}`, {
      token: alice,
      headers: { 'If-Match': etag },
      json: { fields: { total: '1.00' } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('reprocesses through the queue, keeping the corrections unless told not to', async () => {
    const before = (await request('GET', `/receipts/${id}`, { token: alice })).body;
    const kept = await request('POST', `/receipts/${id}/reprocess`, { token: alice });
    expect(kept.status).toBe(202);
    // Queued, then read: the record says so until the run settles (reprocessRequestedAt, then PROCESSING).
    const settledAgain = (body: Reply['body']) => body.status !== 'PROCESSING' && !body.reprocessRequestedAt;
    const afterKeep = await poll(id, (body) => body.version > before.version + 1 && settledAgain(body));
    expect(afterKeep).toMatchObject({ status: 'REVIEWED', effective: { fields: { total: '1126.90' } } });
    expect(afterKeep.correctedFields.sort()).toEqual(['category', 'total']);

    const dropped = await request('POST', `/receipts/${id}/reprocess`, {
      token: alice,
      json: { keepCorrections: false },
    });
    expect(dropped.status).toBe(202);
    const afterDrop = await poll(id, (body) => body.version > afterKeep.version + 1 && settledAgain(body));
    expect(afterDrop.status).toBe('COMPLETED');
    expect(afterDrop.correctedFields).toEqual([]);
    expect(afterDrop.effective.fields.total).toBe('1126.89');
  });

  it('another user cannot read, list, patch, delete or reprocess it', async () => {
    const paths: [string, string, unknown?][] = [
      ['GET', `/receipts/${id}`],
      ['GET', `/receipts/${id}/text`],
      ['GET', `/receipts/${id}/image`],
      ['PATCH', `/receipts/${id}`, { version: 1, fields: { total: '0.01' } }],
      ['DELETE', `/receipts/${id}`],
      ['POST', `/receipts/${id}/reprocess`],
    ];
    for (const [method, path, json] of paths) {
      const reply = await request(method, path, { token: bob, ...(json ? { json } : {}) });
      expect([method, path, reply.status, reply.body]).toEqual([
        method,
        path,
        404,
        { error: { code: 'NOT_FOUND', message: 'receipt not found' } },
      ]);
    }
    const list = await request('GET', '/receipts', { token: bob });
    expect(list.body.items).toEqual([]);
    await stack.queue.idle();
    const mine = await request('GET', `/receipts/${id}`, { token: alice });
    expect(mine.body.status).toBe('COMPLETED');
  });

  it('deletes the record, the image and the OCR output', async () => {
    expect(await keysUnder(`uploads/alice/${id}`)).toHaveLength(1);
    expect(await keysUnder(`results/alice/${id}`)).toHaveLength(1);
    const deleted = await request('DELETE', `/receipts/${id}`, { token: alice });
    expect(deleted.status).toBe(204);
    expect(await keysUnder(`uploads/alice/${id}`)).toEqual([]);
    expect(await keysUnder(`results/alice/${id}`)).toEqual([]);
    expect((await request('GET', `/receipts/${id}`, { token: alice })).status).toBe(404);
  });
});

describe('listing over HTTP', () => {
  it('pages with limit and the opaque cursor, newest first', async () => {
    const carol = await api.signer.sign('carol');
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const created = await request('POST', '/receipts', {
        token: carol,
        json: { contentType: 'image/jpeg' },
      });
      ids.push(created.body.id);
    }
    const first = await request('GET', '/receipts?limit=2', { token: carol });
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await request(
      'GET',
      `/receipts?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      {
        token: carol,
      },
    );
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeUndefined();
    const pending = await request('GET', '/receipts?status=PENDING&limit=1&limit=2', { token: carol });
    expect(pending.status).toBe(400);
  });
});

describe('the API Gateway stand-in', () => {
  it('401 without a token, with a token from another key, and with an expired token', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-key-'));
    const forged = await (await localSigner(otherDir)).sign('alice');
    const expired = await api.signer.sign('alice', {
      ttlSeconds: 60,
      issuedAt: new Date(Date.now() - 3_600_000),
    });
    for (const token of [undefined, 'not-a-jwt', forged, expired]) {
      const reply = await request('GET', '/receipts', { ...(token ? { token } : {}) });
      expect(reply.status).toBe(401);
      // The deployed API's gateway response, not API Gateway's bare {"message": ...}.
      expect(reply.body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } });
      const stream = await request('GET', `/local/events${token ? `?token=${token}` : ''}`);
      expect(stream.status).toBe(401);
    }
    await rm(otherDir, { recursive: true, force: true });
  });

  it('404 for an unknown route, 413 above 10 MB (as the deployed API answers), and /health without a token', async () => {
    for (const [method, path] of [
      ['GET', '/nothing-here'],
      ['PUT', '/receipts'],
    ] as const) {
      const reply = await request(method, path, { token: alice });
      expect([reply.status, reply.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    const huge = await request('POST', '/receipts', {
      token: alice,
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
      headers: { 'Content-Type': 'application/json' },
    });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const health = await request('GET', '/health');
    expect(health.status).toBe(200);
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'treats a query parameter or header named %s as a plain name (400, never a crash)',
    async (name) => {
      const query = await request('GET', `/receipts?${name}=1`, { token: alice });
      expect([query.status, query.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const header = await request('GET', '/receipts', { token: alice, headers: { [name]: 'x' } });
      expect(header.status).toBe(200);
    },
  );

  it('answers a CORS preflight for a configured origin only', async () => {
    const allowed = await fetch(`${api.url}/receipts`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await fetch(`${api.url}/receipts`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the OpenAPI document at /openapi.json', async () => {
    const reply = await request('GET', '/openapi.json');
    expect(reply.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });
});

describe('POST /ocr', () => {
  it('reads an image sent as the binary body or as base64 JSON, storing nothing', async () => {
    const before = await keysUnder('');
    const binary = await request('POST', '/ocr', {
      token: alice,
      body: new Uint8Array(image),
      headers: { 'Content-Type': 'image/png' },
    });
    expect(binary.status).toBe(200);
    OcrResponseSchema.parse(binary.body);
    expect(binary.body.fields.total.value).toBe('1126.89');
    expect(binary.body.otherReceipts).toEqual([]);
    const base64 = await request('POST', '/ocr', { token: alice, json: { image: image.toString('base64') } });
    expect(base64.status).toBe(200);
    expect(base64.body.fields.total.value).toBe('1126.89');
    expect(await keysUnder('')).toEqual(before);
  });

  it('answers every receipt of a photo holding two: the largest at the top level, the other in otherReceipts', async () => {
    // Prepare
    const photo = await twoReceiptPhoto();

    // Act
    const reply = await request('POST', '/ocr', {
      token: alice,
      body: new Uint8Array(photo.bytes),
      headers: { 'Content-Type': 'image/jpeg' },
    });

    // Assess
    expect(reply.status).toBe(200);
    const body = OcrResponseSchema.parse(reply.body);
    expect(body.fields.total?.value).toBe('1126.89');
    expect(body.text).toContain('SUNRISE');
    expect(body.otherReceipts).toHaveLength(1);
    expect(body.otherReceipts[0]?.text).toContain('TOTAL A PAGAR');
    expect(body.otherReceipts[0]?.text).not.toContain('SUNRISE');
    expect(body.otherReceipts[0]?.image?.crop).toHaveLength(4);
  });

  it('415 for bytes that are not an image, 413 above its limit, 400 for bad JSON, 401 without a token', async () => {
    const garbage = await request('POST', '/ocr', {
      token: alice,
      body: new TextEncoder().encode('hello, not an image'),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect([garbage.status, garbage.body.error.code]).toEqual([415, 'UNSUPPORTED_FORMAT']);
    const large = await request('POST', '/ocr', {
      token: alice,
      body: Buffer.alloc(4 * 1024 * 1024 + 1, 1),
      headers: { 'Content-Type': 'image/png' },
    });
    expect([large.status, large.body.error.code]).toEqual([413, 'TOO_LARGE']);
    const badJson = await request('POST', '/ocr', { token: alice, json: { image: '%%%' } });
    expect([badJson.status, badJson.body.error.details.issues[0].path]).toEqual([400, 'body.image']);
    expect((await request('POST', '/ocr', { body: new Uint8Array(image) })).status).toBe(401);
  });

  it('reads a digital PDF, and answers each bad PDF or HEIC file with its status and code', async () => {
    const heic = await readFile(join(import.meta.dirname, '../fixtures/receipt.heic'));
    const post = (bytes: Buffer, type: string) =>
      request('POST', '/ocr', {
        token: alice,
        body: new Uint8Array(bytes),
        headers: { 'Content-Type': type },
      });

    const digital = await post(textPdf([ENGLISH_RECEIPT.lines]), 'application/pdf');
    expect(digital.status).toBe(200);
    expect(digital.body.fields.total).toMatchObject({ value: '1126.89', bbox: { page: 1 } });
    const answers = [
      await post(passwordPdf(), 'application/pdf'),
      await post(textPdf(Array(6).fill(['TOTAL 1.00'])), 'application/pdf'),
      await post(textPdf([ENGLISH_RECEIPT.lines]).subarray(0, 400), 'application/pdf'),
      await post(heic.subarray(0, 3000), 'image/heic'),
    ];
    expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
      [422, 'PDF_ENCRYPTED'],
      [413, 'TOO_MANY_PAGES'],
      [422, 'CORRUPT_FILE'],
      [422, 'CORRUPT_IMAGE'],
    ]);
  });
});
