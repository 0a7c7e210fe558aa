/**
 * The status lifecycle as pure functions: whether a delivery may take a record, and the record each transition
 * produces. The service writes the results with version-conditional puts, so two deliveries racing for the same
 * object version cannot both win: the loser re-reads and this code tells it the work is taken.
 */
import type { EngineResult } from '@receipt-ocr/engine/schema';
import type { DuplicateOf, ReceiptPart, ReceiptRecord, ReceiptSource } from './record.js';

export interface ClaimRequest {
  kind: 'upload' | 'reprocess';
  receiptId: string;
  ownerId: string;
  /** Object version identity (versionId, else eTag) of the image to read. */
  sourceToken: string;
  deliveryId: string;
  now: Date;
  leaseMs: number;
  keepCorrections: boolean;
}

export type SkipReason =
  /** This object version (or this reprocess request) was already handled. */
  | 'duplicate'
  /** The record belongs to another owner, or a reprocess names a receipt that does not exist. */
  | 'not-found'
  /** A reprocess of a receipt whose image never arrived. */
  | 'not-uploaded';

export type ClaimDecision =
  | { action: 'claim' }
  | { action: 'skip'; reason: SkipReason }
  /** Another delivery holds a live lease on another version: try again later (the message is retried). */
  | { action: 'busy' };

/**
 * Attempts on one piece of work (an object version, a reprocess request) before a transient failure counts as
 * permanent, by default. Keep it equal to the queue's maxReceiveCount (the OCR function reads MAX_ATTEMPTS), so
 * the record turns permanent when its message is dead-lettered; attempts also count across restarts and
 * catch-ups, which a receive count does not.
 */
export const MAX_ATTEMPTS = 3;

function leaseIsLive(record: ReceiptRecord, request: ClaimRequest): boolean {
  const lease = record.processing;
  return (
    record.status === 'PROCESSING' &&
    lease !== undefined &&
    lease.deliveryId !== request.deliveryId &&
    Date.parse(lease.leaseUntil) > request.now.getTime()
  );
}

/** A FAILED run that said it would be retried may be taken again by the same work. */
function awaitsRetry(record: ReceiptRecord): boolean {
  return record.status === 'FAILED' && record.error?.retryable === true;
}

/** How long a queued reprocess blocks further requests when its run never starts (a message lost on the way). */
export const REPROCESS_PENDING_MS = 15 * 60 * 1000;

/** Whether an OCR run is queued or running on the record: a reprocess request now would only run it twice. */
export function runPending(record: ReceiptRecord, now: Date): boolean {
  if (record.status === 'PROCESSING') return true;
  const requested = record.reprocessRequestedAt;
  return requested !== undefined && now.getTime() - Date.parse(requested) < REPROCESS_PENDING_MS;
}

/**
 * FAILED because its attempts ran out: only a person revives it. A record written before the limit existed may
 * still say retryable with its attempts used up; it counts too.
 */
export function attemptsUsedUp(record: ReceiptRecord, maxAttempts = MAX_ATTEMPTS): boolean {
  return (
    record.status === 'FAILED' &&
    (record.error?.attemptsExhausted === true || (awaitsRetry(record) && record.attempts >= maxAttempts))
  );
}

/** Whether the record of this object version still has work to do: none yet, unsettled, or waiting for a retry. */
export function awaitsWork(
  record: ReceiptRecord | undefined,
  sourceToken: string | undefined,
  maxAttempts = MAX_ATTEMPTS,
): boolean {
  if (!record || record.sourceToken !== sourceToken) return true;
  if (record.status === 'PENDING' || record.status === 'PROCESSING') return true;
  return awaitsRetry(record) && !attemptsUsedUp(record, maxAttempts);
}

export function decideClaim(existing: ReceiptRecord | undefined, request: ClaimRequest): ClaimDecision {
  if (request.kind === 'reprocess') {
    if (!existing || existing.ownerId !== request.ownerId) return { action: 'skip', reason: 'not-found' };
    if (existing.sourceToken === undefined) return { action: 'skip', reason: 'not-uploaded' };
    if (leaseIsLive(existing, request)) return { action: 'busy' };
    const sameRequest = existing.lastReprocessId === request.deliveryId;
    if (sameRequest && existing.status !== 'PROCESSING' && !awaitsRetry(existing)) {
      return { action: 'skip', reason: 'duplicate' };
    }
    return { action: 'claim' };
  }
  if (!existing) return { action: 'claim' };
  if (existing.ownerId !== request.ownerId) return { action: 'skip', reason: 'not-found' };
  const sameVersion = existing.sourceToken === request.sourceToken;
  if (leaseIsLive(existing, request))
    return sameVersion ? { action: 'skip', reason: 'duplicate' } : { action: 'busy' };
  if (!sameVersion || existing.status === 'PENDING') return { action: 'claim' };
  // Same version: resume our own crashed run or an expired lease, retry a transient failure, else it is done.
  if (existing.status === 'PROCESSING' || awaitsRetry(existing)) return { action: 'claim' };
  return { action: 'skip', reason: 'duplicate' };
}

/** The PROCESSING record a successful claim writes. */
export function claimedRecord(
  existing: ReceiptRecord | undefined,
  request: ClaimRequest,
  source: ReceiptSource,
  fileName: string | undefined,
): ReceiptRecord {
  const now = request.now.toISOString();
  // A redelivered message resuming its own run keeps what that run was asked (a reprocess keeping corrections).
  const resumed =
    existing?.status === 'PROCESSING' && existing.processing?.deliveryId === request.deliveryId
      ? existing.processing
      : undefined;
  const processing = {
    deliveryId: request.deliveryId,
    startedAt: now,
    leaseUntil: new Date(request.now.getTime() + request.leaseMs).toISOString(),
    keepCorrections: resumed?.keepCorrections ?? request.keepCorrections,
  };
  if (!existing) {
    return {
      receiptId: request.receiptId,
      ownerId: request.ownerId,
      status: 'PROCESSING',
      version: 1,
      createdAt: now,
      updatedAt: now,
      ...(fileName ? { fileName } : {}),
      source,
      sourceToken: request.sourceToken,
      attempts: 1,
      processing,
    };
  }
  // A retry of unfinished work counts as another attempt; new work (a new version, a new request) starts at 1.
  const unfinished = existing.status === 'PROCESSING' || awaitsRetry(existing);
  const sameWork =
    unfinished &&
    existing.sourceToken === request.sourceToken &&
    (request.kind === 'upload' || existing.lastReprocessId === request.deliveryId);
  const { error: _previousError, ...rest } = existing;
  return {
    ...rest,
    status: 'PROCESSING',
    version: existing.version + 1,
    updatedAt: now,
    ...(fileName && !existing.fileName ? { fileName } : {}),
    source,
    sourceToken: request.sourceToken,
    attempts: sameWork ? existing.attempts + 1 : 1,
    processing,
    ...(request.kind === 'reprocess' ? { lastReprocessId: request.deliveryId } : {}),
  } satisfies ReceiptRecord;
}

/** Whether `current` is still the run this delivery claimed (nobody deleted, replaced or re-took it). */
export function stillClaimedBy(
  current: ReceiptRecord | undefined,
  claimed: ReceiptRecord,
): current is ReceiptRecord {
  return (
    current !== undefined &&
    current.status === 'PROCESSING' &&
    current.sourceToken === claimed.sourceToken &&
    current.processing?.deliveryId === claimed.processing?.deliveryId
  );
}

/**
 * A preview of the OCR text (the merchant's header lines); the full text is one GET away (`/text`, stored in S3).
 * 2,000 characters made the text half of a settled record: every write and read of it paid for it.
 */
const TEXT_SUMMARY_CHARS = 500;

export interface Completion {
  result: EngineResult;
  contentHash: string;
  duplicateOf?: DuplicateOf;
  /** Which of several receipts in the upload this is; absent when the upload held one. */
  partOf?: ReceiptPart;
  resultKey: string;
  downloadMs: number;
  totalMs: number;
  now: Date;
}

/** COMPLETED (or REVIEWED when kept corrections remain) with the engine's values. */
export function completedRecord(current: ReceiptRecord, completion: Completion): ReceiptRecord {
  const { result } = completion;
  const keep = current.processing?.keepCorrections ?? true;
  const {
    processing: _lease,
    error: _error,
    corrections,
    itemsTruncated: _truncated,
    reprocessRequestedAt: _requested,
    duplicateOf: _previousDuplicate,
    partOf: _previousPart,
    ...rest
  } = current;
  const now = completion.now.toISOString();
  const keptCorrections = keep ? corrections : undefined;
  return {
    ...rest,
    status: keptCorrections ? 'REVIEWED' : 'COMPLETED',
    version: current.version + 1,
    updatedAt: now,
    processedAt: now,
    fields: result.fields,
    items: result.items,
    confidence: result.confidence,
    textSummary: result.text.slice(0, TEXT_SUMMARY_CHARS),
    language: result.language,
    image: result.image,
    engine: result.engine,
    timings: { ...result.timings, downloadMs: completion.downloadMs, totalMs: completion.totalMs },
    resultKey: completion.resultKey,
    contentHash: completion.contentHash,
    ...(completion.duplicateOf ? { duplicateOf: completion.duplicateOf } : {}),
    ...(completion.partOf ? { partOf: completion.partOf } : {}),
    ...(keptCorrections ? { corrections: keptCorrections } : {}),
  };
}

/**
 * The record of another receipt found in an upload, as the upload's run writes it (it is never PROCESSING on its
 * own account): its earlier record updated, or a new one. Corrections survive as the run was asked for the
 * upload's own record; the part's own lease, if a reprocess of it was running, is replaced.
 */
export function partRecord(
  existing: ReceiptRecord | undefined,
  upload: ReceiptRecord,
  receiptId: string,
  completion: Completion & { partOf: ReceiptPart },
): ReceiptRecord {
  const now = completion.now.toISOString();
  const base: ReceiptRecord = existing ?? {
    receiptId,
    ownerId: upload.ownerId,
    status: 'PROCESSING',
    version: 0,
    createdAt: now,
    updatedAt: now,
    ...(upload.fileName ? { fileName: upload.fileName } : {}),
    source: upload.source,
    attempts: upload.attempts,
  };
  const { lastReprocessId: _ownRequest, ...rest } = base;
  return completedRecord(
    {
      ...rest,
      source: upload.source,
      ...(upload.sourceToken ? { sourceToken: upload.sourceToken } : {}),
      attempts: upload.attempts,
      ...(upload.processing ? { processing: upload.processing } : {}),
    },
    completion,
  );
}

/**
 * FAILED with the reason; a retryable failure keeps the previous values (a retry may still succeed). A transient
 * failure on the last allowed attempt becomes permanent (`attemptsExhausted`): nothing retries it by itself.
 */
export function failedRecord(
  current: ReceiptRecord,
  failure: { code: string; message: string; retryable: boolean },
  now: Date,
  maxAttempts = MAX_ATTEMPTS,
): ReceiptRecord {
  const { processing: _lease, reprocessRequestedAt, ...rest } = current;
  const at = now.toISOString();
  const exhausted = failure.retryable && current.attempts >= maxAttempts;
  const error = exhausted
    ? {
        code: failure.code,
        message: `${failure.message} (gave up after ${current.attempts} attempts; reprocess the receipt to try again)`,
        retryable: false,
        attemptsExhausted: true,
        at,
      }
    : { ...failure, at };
  return {
    ...rest,
    status: 'FAILED',
    version: current.version + 1,
    updatedAt: at,
    processedAt: at,
    error,
    // A reprocess that will be retried is still pending; one that ended is not.
    ...(reprocessRequestedAt && error.retryable ? { reprocessRequestedAt } : {}),
  };
}

/**
 * What a store with an item-size limit may drop from a record, least loss first: the engine's items (the OCR
 * output in S3 keeps them all), halved until none is left and marked `itemsTruncated`, then the text summary cut
 * to its first 200 characters. Fields, corrections and status are never trimmed. The store takes the first
 * version that fits (functions/adapters/dynamodb-receipt-repository.ts) and refuses the record when none does.
 */
export function* trimmedRecords(record: ReceiptRecord): Generator<ReceiptRecord> {
  let trimmed = record;
  const items = [...(record.items ?? [])];
  while (items.length > 0) {
    items.splice(Math.floor(items.length / 2));
    trimmed = { ...record, items: [...items], itemsTruncated: true };
    yield trimmed;
  }
  const summary = trimmed.textSummary ?? '';
  if (summary.length > 200) yield { ...trimmed, textSummary: summary.slice(0, 200) };
}
