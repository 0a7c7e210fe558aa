import { describe, expect, it } from 'vitest';
import type { EngineResult } from '../../functions/engine/schema.js';
import {
  isReceiptId,
  parseUploadKey,
  partReceiptId,
  receiptIdForKey,
} from '../../functions/receipts/keys.js';
import {
  attemptsUsedUp,
  awaitsWork,
  type ClaimRequest,
  claimedRecord,
  decideClaim,
  failedRecord,
  partRecord,
  trimmedRecords,
} from '../../functions/receipts/lifecycle.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { RECORD_ID, storedRecord } from '../support/records.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const ID = RECORD_ID;

function request(overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    kind: 'upload',
    receiptId: ID,
    ownerId: 'alice',
    sourceToken: 'etag-1',
    deliveryId: 'message-1',
    now: NOW,
    leaseMs: 60_000,
    keepCorrections: false,
    ...overrides,
  };
}

const stored = storedRecord;

const liveLease = {
  deliveryId: 'message-0',
  startedAt: '2026-03-01T11:59:00.000Z',
  leaseUntil: '2026-03-01T12:05:00.000Z',
  keepCorrections: false,
};
const expiredLease = { ...liveLease, leaseUntil: '2026-03-01T11:59:30.000Z' };

describe('decideClaim for an uploaded object', () => {
  it.each<[string, ReceiptRecord | undefined, ReturnType<typeof decideClaim>]>([
    ['no record yet', undefined, { action: 'claim' }],
    [
      'a PENDING record from the API',
      stored({ status: 'PENDING', sourceToken: undefined }),
      { action: 'claim' },
    ],
    ['the same version, already COMPLETED', stored(), { action: 'skip', reason: 'duplicate' }],
    [
      'the same version, FAILED for good',
      stored({
        status: 'FAILED',
        error: { code: 'CORRUPT_IMAGE', message: '', retryable: false, at: NOW.toISOString() },
      }),
      { action: 'skip', reason: 'duplicate' },
    ],
    [
      'the same version, FAILED but retryable',
      stored({
        status: 'FAILED',
        error: { code: 'DEPENDENCY_ERROR', message: '', retryable: true, at: NOW.toISOString() },
      }),
      { action: 'claim' },
    ],
    ['the same version, REVIEWED', stored({ status: 'REVIEWED' }), { action: 'skip', reason: 'duplicate' }],
    ['a new version of a COMPLETED receipt', stored({ sourceToken: 'etag-0' }), { action: 'claim' }],
    [
      'the same version in progress elsewhere',
      stored({ status: 'PROCESSING', processing: liveLease }),
      { action: 'skip', reason: 'duplicate' },
    ],
    [
      'another version in progress elsewhere',
      stored({ status: 'PROCESSING', processing: liveLease, sourceToken: 'etag-0' }),
      { action: 'busy' },
    ],
    [
      'an expired lease (crashed run)',
      stored({ status: 'PROCESSING', processing: expiredLease }),
      { action: 'claim' },
    ],
    [
      'its own live lease (redelivered message)',
      stored({ status: 'PROCESSING', processing: { ...liveLease, deliveryId: 'message-1' } }),
      { action: 'claim' },
    ],
    ["another owner's record", stored({ ownerId: 'mallory' }), { action: 'skip', reason: 'not-found' }],
  ])('%s', (_name, existing, expected) => {
    expect(decideClaim(existing, request())).toEqual(expected);
  });
});

describe('decideClaim for a reprocess request', () => {
  const reprocess = request({ kind: 'reprocess', deliveryId: 'reprocess-1', keepCorrections: true });
  it.each<[string, ReceiptRecord | undefined, ReturnType<typeof decideClaim>]>([
    ['an unknown receipt', undefined, { action: 'skip', reason: 'not-found' }],
    ["another owner's receipt", stored({ ownerId: 'mallory' }), { action: 'skip', reason: 'not-found' }],
    [
      'a receipt whose image never came',
      stored({ status: 'PENDING', sourceToken: undefined }),
      { action: 'skip', reason: 'not-uploaded' },
    ],
    ['a COMPLETED receipt', stored(), { action: 'claim' }],
    [
      'the same request again',
      stored({ lastReprocessId: 'reprocess-1' }),
      { action: 'skip', reason: 'duplicate' },
    ],
    [
      'a receipt being processed',
      stored({ status: 'PROCESSING', processing: liveLease }),
      { action: 'busy' },
    ],
  ])('%s', (_name, existing, expected) => {
    expect(decideClaim(existing, reprocess)).toEqual(expected);
  });
});

describe('transitions', () => {
  it('counts attempts of unfinished work and restarts at 1 for a new version', () => {
    // Prepare
    const retrying = stored({
      status: 'FAILED',
      error: { code: 'DEPENDENCY_ERROR', message: 'throttled', retryable: true, at: NOW.toISOString() },
      attempts: 2,
    });

    // Act
    const again = claimedRecord(retrying, request(), retrying.source, undefined);
    const fresh = claimedRecord(
      stored({ attempts: 4 }),
      request({ sourceToken: 'etag-2' }),
      retrying.source,
      undefined,
    );

    // Assess
    expect(again).toMatchObject({
      status: 'PROCESSING',
      attempts: 3,
      version: 4,
      processing: { deliveryId: 'message-1' },
    });
    expect(again.error).toBeUndefined();
    expect(fresh).toMatchObject({ attempts: 1, sourceToken: 'etag-2' });
  });

  it('keeps what an interrupted run was asked when its own message resumes it', () => {
    // Prepare: a reprocess keeping corrections died mid-run
    const interrupted = stored({
      status: 'PROCESSING',
      processing: { ...liveLease, deliveryId: 'message-1', keepCorrections: true },
    });

    // Act: the same message comes back (as an upload notification, after a local restart)
    const resumed = claimedRecord(interrupted, request(), interrupted.source, undefined);

    // Assess
    expect(resumed.processing).toMatchObject({ deliveryId: 'message-1', keepCorrections: true });
    expect(resumed.attempts).toBe(2);
  });

  it('records why a receipt failed and whether it will be retried', () => {
    const failed = failedRecord(
      stored({ status: 'PROCESSING', processing: liveLease }),
      { code: 'TOO_LARGE', message: 'too big', retryable: false },
      NOW,
    );
    expect(failed).toMatchObject({
      status: 'FAILED',
      version: 4,
      error: { code: 'TOO_LARGE', retryable: false, at: NOW.toISOString() },
    });
    expect(failed.processing).toBeUndefined();
  });

  it.each([
    [1, true, undefined],
    [2, true, undefined],
    [3, false, true],
  ])(
    'a transient failure on attempt %i is retryable: %s (attempts exhausted: %s)',
    (attempts, retryable, exhausted) => {
      const failed = failedRecord(
        stored({ status: 'PROCESSING', processing: liveLease, attempts }),
        { code: 'DEPENDENCY_ERROR', message: 'DynamoDB unavailable', retryable: true },
        NOW,
      );
      expect(failed.error).toMatchObject({ code: 'DEPENDENCY_ERROR', retryable });
      expect(failed.error?.attemptsExhausted).toBe(exhausted);
      // The same version is then never claimed again by a duplicate event or a restart's catch-up.
      expect(decideClaim(failed, request({ deliveryId: 'message-9' })).action).toBe(
        retryable ? 'claim' : 'skip',
      );
    },
  );

  it('counts a record left retryable with its attempts used up (written before the limit) as out of attempts', () => {
    const legacy = stored({
      status: 'FAILED',
      attempts: 3,
      error: { code: 'DEPENDENCY_ERROR', message: '', retryable: true, at: NOW.toISOString() },
    });
    expect(attemptsUsedUp(legacy)).toBe(true);
    expect(awaitsWork(legacy, 'etag-1')).toBe(false);
    expect(awaitsWork(legacy, 'etag-1', 5)).toBe(true);
    expect(decideClaim(legacy, request({ kind: 'reprocess', deliveryId: 'reprocess-1' }))).toEqual({
      action: 'claim',
    });
  });

  it('takes the attempt limit from the settings (the queue may allow more receives)', () => {
    const third = failedRecord(
      stored({ status: 'PROCESSING', processing: liveLease, attempts: 3 }),
      { code: 'DEPENDENCY_ERROR', message: 'DynamoDB unavailable', retryable: true },
      NOW,
      5,
    );
    expect(third.error).toMatchObject({ retryable: true });
    expect(decideClaim(third, request()).action).toBe('claim');
  });

  it("trims the engine's items by halves, then the text summary, never fields or corrections", () => {
    // Prepare
    const item = {
      description: 'X',
      quantity: '1',
      unitPrice: '1.00',
      amount: '1.00',
      confidence: 0.9,
      text: 'X',
      bbox: null,
    };
    const record = stored({
      items: Array.from({ length: 5 }, () => item),
      textSummary: 'T'.repeat(500),
      fields: { total: { value: '1.00', confidence: 0.9, text: '1.00', bbox: null } },
      corrections: { fields: { merchantName: 'Shop' }, correctedAt: NOW.toISOString() },
    });

    // Act
    const versions = [...trimmedRecords(record)];

    // Assess
    expect(versions.map((version) => version.items?.length)).toEqual([2, 1, 0, 0]);
    expect(versions.map((version) => version.textSummary?.length)).toEqual([500, 500, 500, 200]);
    for (const version of versions) {
      expect(version.itemsTruncated).toBe(true);
      expect(version.fields).toEqual(record.fields);
      expect(version.corrections).toEqual(record.corrections);
    }
    expect([...trimmedRecords(stored({ textSummary: 'short' }))]).toEqual([]);
  });
});

describe('several receipts in one upload', () => {
  const result: EngineResult = {
    fields: { total: { value: '12.50', confidence: 0.9, text: 'TOTAL 12.50', bbox: null } },
    items: [],
    confidence: 0.8,
    text: 'TOTAL 12.50',
    lines: [],
    language: 'eng',
    timings: { decodeMs: 1, preprocessMs: 1, ocrMs: 1, parseMs: 1 },
    engine: { name: 'tesseract.js', version: '7', languages: ['eng'], model: 'best_int' },
    image: {
      format: 'jpeg',
      width: 400,
      height: 900,
      rotation: 0,
      crop: [
        { x: 900, y: 10 },
        { x: 1300, y: 10 },
        { x: 1300, y: 910 },
        { x: 900, y: 910 },
      ],
    },
  };
  const partOf = { receiptId: ID, part: 2, parts: 2 };
  const completion = {
    result,
    contentHash: 'abc',
    partOf,
    resultKey: 'results/alice/p2.json',
    downloadMs: 1,
    totalMs: 2,
    now: NOW,
  };
  const PART_ID = partReceiptId(ID, 2);

  it('gives each other receipt a stable id of its own; the first is the upload itself', () => {
    expect(partReceiptId(ID, 1)).toBe(ID);
    expect(isReceiptId(PART_ID)).toBe(true);
    expect(partReceiptId(ID, 2)).toBe(PART_ID);
    expect(new Set([ID, PART_ID, partReceiptId(ID, 3), partReceiptId(PART_ID, 2)]).size).toBe(4);
  });

  it("creates a part as the upload run settles, from the upload's image and version", () => {
    // Prepare
    const upload = stored({
      status: 'PROCESSING',
      version: 4,
      attempts: 2,
      processing: { ...liveLease, keepCorrections: false },
    });

    // Act
    const part = partRecord(undefined, upload, PART_ID, completion);

    // Assess
    expect(part).toMatchObject({
      receiptId: PART_ID,
      ownerId: 'alice',
      status: 'COMPLETED',
      version: 1,
      createdAt: NOW.toISOString(),
      source: upload.source,
      sourceToken: 'etag-1',
      partOf,
      fields: result.fields,
      image: { crop: result.image.crop },
      resultKey: 'results/alice/p2.json',
    });
    expect(part.processing).toBeUndefined();
  });

  it('updates an existing part, keeping its corrections only when the upload run keeps them', () => {
    // Prepare: a part a person corrected, then reprocessed by itself
    const corrections = { fields: { total: '13.50' }, correctedAt: NOW.toISOString() };
    const existing = stored({
      receiptId: PART_ID,
      status: 'REVIEWED',
      version: 7,
      corrections,
      lastReprocessId: 'r-1',
      partOf,
    });
    const keeping = stored({
      status: 'PROCESSING',
      processing: { ...liveLease, keepCorrections: true },
      sourceToken: 'etag-2',
    });
    const dropping = stored({
      status: 'PROCESSING',
      processing: { ...liveLease, keepCorrections: false },
      sourceToken: 'etag-2',
    });

    // Act
    const kept = partRecord(existing, keeping, PART_ID, completion);
    const dropped = partRecord(existing, dropping, PART_ID, completion);

    // Assess
    expect(kept).toMatchObject({
      status: 'REVIEWED',
      version: 8,
      corrections,
      sourceToken: 'etag-2',
      createdAt: existing.createdAt,
    });
    expect(kept.lastReprocessId).toBeUndefined();
    expect(dropped.status).toBe('COMPLETED');
    expect(dropped.corrections).toBeUndefined();
  });
});

describe('upload keys', () => {
  it('takes the receipt id from keys the API issued', () => {
    expect(parseUploadKey(`uploads/alice/${ID}.jpg`, 'uploads/')).toEqual({
      ownerId: 'alice',
      receiptId: ID,
      fileName: `${ID}.jpg`,
    });
  });

  it('derives a stable id for a file dropped by hand', () => {
    const parsed = parseUploadKey('uploads/alice/Lunch at café+1.jpg', 'uploads/');
    expect(parsed?.ownerId).toBe('alice');
    expect(parsed?.receiptId).toBe(receiptIdForKey('uploads/alice/Lunch at café+1.jpg'));
    expect(isReceiptId(parsed?.receiptId ?? '')).toBe(true);
    expect(parseUploadKey('uploads/alice/other.jpg', 'uploads/')?.receiptId).not.toBe(parsed?.receiptId);
  });

  it('keeps control characters and bidirectional overrides of a dropped key out of the file name', () => {
    const key = 'uploads/alice/invoice\u202Egnp.exe\r\n.jpg';
    expect(parseUploadKey(key, 'uploads/')).toEqual({
      ownerId: 'alice',
      receiptId: receiptIdForKey(key),
      fileName: 'invoice\uFFFDgnp.exe\uFFFD\uFFFD.jpg',
    });
  });

  it.each([
    'results/alice/x.json',
    'uploads/x.jpg',
    'uploads/alice/',
    'uploads//x.jpg',
    'uploads/al ice/x.jpg',
    'uploads/../results/carol/x.png',
    'uploads/./x.png',
  ])('is not an upload: %s', (key) => {
    expect(parseUploadKey(key, 'uploads/')).toBeUndefined();
  });
});
