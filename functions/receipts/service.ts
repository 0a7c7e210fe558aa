/**
 * ReceiptService: the pipeline's use cases — an image arrived in the bucket, or a reprocess was asked — on top
 * of the ports. Plain TypeScript: no AWS SDK, no Lambda types; the OCR handler and the local stack both call it.
 *
 * Idempotency is a version-conditional write on the record itself (see lifecycle.ts): the record remembers which
 * object version (versionId, else eTag) it belongs to and which delivery holds it, so a duplicated event finds the
 * work done or taken and runs no OCR, while a new version of the same key is claimed and processed again.
 */
import { createHash } from 'node:crypto';
import { EngineError } from '@receipt-ocr/engine/errors';
import type { EngineResult } from '@receipt-ocr/engine/schema';
import { SETTLED_RECEIPT_MAX_BYTES } from '../contract/events.js';
import {
  ACCEPTED_FORMATS_HINT,
  CONTENT_TYPE_ALIASES,
  UNDECLARED_CONTENT_TYPES,
  UPLOAD_CONTENT_TYPES,
} from '../contract/media-types.js';
import { classifyFailure, ReceiptError, VersionConflictError } from './errors.js';
import { parseUploadKey, partReceiptId, resultKey } from './keys.js';
import {
  awaitsWork,
  type ClaimRequest,
  claimedRecord,
  completedRecord,
  decideClaim,
  failedRecord,
  partRecord,
  type SkipReason,
  stillClaimedBy,
} from './lifecycle.js';
import type { ReprocessMessage } from './messages.js';
import type {
  ObjectHead,
  ObjectRef,
  ObjectStore,
  OcrEngine,
  ReceiptEvents,
  ReceiptRepository,
  ReceiptSettled,
} from './ports.js';
import type { DuplicateOf, ReceiptPart, ReceiptRecord, ReceiptSource } from './record.js';
import { toReceiptView } from './view.js';

export interface PipelineSettings {
  bucket: string;
  uploadPrefix: string;
  resultsPrefix: string;
  maxUploadBytes: number;
  /** Attempts before a transient failure is final (default MAX_ATTEMPTS); the queue's maxReceiveCount. */
  maxAttempts?: number;
}

export interface ReceiptServiceDependencies {
  repository: ReceiptRepository;
  objects: ObjectStore;
  /** Resolves to the warm engine; created once at init by the entry point and reused. */
  engine: () => Promise<OcrEngine>;
  settings: PipelineSettings;
  clock?: () => Date;
  /** Checks undeclared content types from their first bytes before downloading; without it they are downloaded. */
  sniffer?: FormatSniffer;
  /** Told about problems the service swallows on purpose (e.g. it could not record a transient failure). */
  warn?: (message: string, details: Record<string, unknown>) => void;
  /** Told when each receipt settles (COMPLETED or REVIEWED, or FAILED for good), after its record is written. */
  events?: ReceiptEvents;
  /**
   * Told when those events could not be published: the receipts are settled all the same (the record is the source
   * of truth, and apps that missed the event find it with GET /receipts). Default: `warn`.
   */
  onUnannounced?: (receiptIds: readonly string[], error: unknown) => void;
}

/** One S3 "object created" notification, key already URL-decoded. */
export interface ObjectCreated {
  bucket: string;
  key: string;
  versionId?: string;
  eTag?: string;
  /** Identifies this delivery across redeliveries (SQS message id, EventBridge id, Lambda request id). */
  deliveryId: string;
  /** How long the claim protects the run from other deliveries: the time left in the invocation. */
  leaseMs: number;
}

export interface ReprocessRequest {
  message: ReprocessMessage;
  deliveryId: string;
  leaseMs: number;
}

export type IgnoreReason =
  | SkipReason
  /** Not under the upload prefix (e.g. our own results). */
  | 'outside-prefix'
  /**
   * Under the upload prefix but not `{prefix}{ownerId}/{file}` with a valid owner id (`uploads/x.jpg`,
   * `uploads/../x.png`, `uploads/al ice/x.jpg`): someone dropped a file that will never become a receipt.
   */
  | 'invalid-upload-key'
  /** An event from a bucket this function does not serve. */
  | 'other-bucket'
  /** The object was deleted before it could be read. */
  | 'object-missing'
  /** A newer version replaced the object (this event is late), or the record was deleted or taken over while
   * this run worked. */
  | 'superseded';

export type ProcessOutcome =
  /** `parts`: the ids of the upload's other receipts this run wrote, when the image held several. */
  | { outcome: 'completed'; record: ReceiptRecord; result: EngineResult; parts?: string[] }
  | { outcome: 'failed'; record: ReceiptRecord }
  | { outcome: 'ignored'; reason: IgnoreReason; receiptId?: string };

/** Declared content types of the formats the engine reads: downloaded without further checks. */
const IMAGE_CONTENT_TYPES = new Set<string>([...Object.keys(UPLOAD_CONTENT_TYPES), ...CONTENT_TYPE_ALIASES]);
const UNDECLARED = new Set<string>(UNDECLARED_CONTENT_TYPES);
/** Enough for every signature the engine's detector knows (PDF headers may sit anywhere in the first KiB). */
const SNIFF_BYTES = 1024;

function mediaType(contentType: string | undefined): string {
  return (contentType?.split(';')[0] ?? '').trim().toLowerCase();
}

/** Reads the format from the first bytes of a file (the engine's detectImageFormat). */
export interface FormatSniffer {
  detect(firstBytes: Uint8Array): string | undefined;
  accepted: readonly string[];
}

const MAX_WRITE_ATTEMPTS = 5;

export class ReceiptService {
  readonly #repository: ReceiptRepository;
  readonly #objects: ObjectStore;
  readonly #engine: () => Promise<OcrEngine>;
  readonly #settings: PipelineSettings;
  readonly #clock: () => Date;
  readonly #sniffer: FormatSniffer | undefined;
  readonly #warn: (message: string, details: Record<string, unknown>) => void;
  readonly #events: ReceiptEvents | undefined;
  readonly #onUnannounced: (receiptIds: readonly string[], error: unknown) => void;

  constructor(dependencies: ReceiptServiceDependencies) {
    this.#repository = dependencies.repository;
    this.#objects = dependencies.objects;
    this.#engine = dependencies.engine;
    this.#settings = dependencies.settings;
    this.#clock = dependencies.clock ?? (() => new Date());
    this.#sniffer = dependencies.sniffer;
    this.#warn = dependencies.warn ?? (() => {});
    this.#events = dependencies.events;
    this.#onUnannounced =
      dependencies.onUnannounced ??
      ((receiptIds, error) =>
        this.#warn('could not publish the settled receipts', {
          receiptIds,
          error: classifyFailure(error).message,
        }));
  }

  /** Where the full OCR output of a receipt goes (never under the upload prefix: no trigger loop). */
  resultKeyFor(ownerId: string, receiptId: string): string {
    return resultKey(this.#settings.resultsPrefix, ownerId, receiptId);
  }

  /**
   * An image arrived. Returns what happened; throws (a retryable ReceiptError, EngineError or SDK error) only when
   * the delivery must be retried.
   */
  async processObject(event: ObjectCreated): Promise<ProcessOutcome> {
    if (event.bucket !== this.#settings.bucket) return { outcome: 'ignored', reason: 'other-bucket' };
    if (!event.key.startsWith(this.#settings.uploadPrefix))
      return { outcome: 'ignored', reason: 'outside-prefix' };
    const parsed = parseUploadKey(event.key, this.#settings.uploadPrefix);
    if (!parsed) return { outcome: 'ignored', reason: 'invalid-upload-key' };
    // HEAD the current object, not the event's version: events may arrive out of order, and an older version
    // must not overwrite the record of a newer one (whose own event processes it).
    const head = await this.#objects.head({ bucket: event.bucket, key: event.key });
    if (!head) return { outcome: 'ignored', reason: 'object-missing', receiptId: parsed.receiptId };
    if (event.versionId && head.versionId && event.versionId !== head.versionId) {
      return { outcome: 'ignored', reason: 'superseded', receiptId: parsed.receiptId };
    }
    const ref: ObjectRef = {
      bucket: event.bucket,
      key: event.key,
      ...(head.versionId ? { versionId: head.versionId } : {}),
    };
    const sourceToken = head.versionId ?? head.eTag ?? event.versionId ?? event.eTag;
    if (sourceToken === undefined) {
      throw new ReceiptError(
        'DEPENDENCY_ERROR',
        `S3 returned neither a version id nor an ETag for ${event.key}`,
        true,
      );
    }
    const source = sourceOf(ref, head);
    const claim = await this.#claim(
      {
        kind: 'upload',
        receiptId: parsed.receiptId,
        ownerId: parsed.ownerId,
        sourceToken,
        deliveryId: event.deliveryId,
        now: this.#clock(),
        leaseMs: event.leaseMs,
        keepCorrections: false,
      },
      source,
      parsed.fileName,
    );
    if ('reason' in claim) return { outcome: 'ignored', reason: claim.reason, receiptId: parsed.receiptId };
    return this.#run(claim, head, 'upload');
  }

  /** Runs OCR again on the stored image of a receipt (after an engine upgrade, or on request). */
  async reprocess(request: ReprocessRequest): Promise<ProcessOutcome> {
    const { message } = request;
    const existing = await this.#repository.get(message.receiptId);
    const claim = await this.#claim(
      {
        kind: 'reprocess',
        receiptId: message.receiptId,
        ownerId: message.ownerId,
        sourceToken: existing?.sourceToken ?? '',
        deliveryId: request.deliveryId,
        now: this.#clock(),
        leaseMs: request.leaseMs,
        keepCorrections: message.keepCorrections,
      },
      existing?.source,
      undefined,
    );
    if ('reason' in claim) return { outcome: 'ignored', reason: claim.reason, receiptId: message.receiptId };
    return this.#run(claim, undefined, 'reprocess');
  }

  async #claim(
    request: ClaimRequest,
    source: ReceiptSource | undefined,
    fileName: string | undefined,
  ): Promise<ReceiptRecord | { reason: SkipReason }> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const existing = await this.#repository.get(request.receiptId);
      const decision = decideClaim(existing, request);
      if (decision.action === 'skip') return { reason: decision.reason };
      if (decision.action === 'busy') {
        throw new ReceiptError(
          'RECEIPT_BUSY',
          `receipt ${request.receiptId} is being processed by another run`,
          true,
        );
      }
      const claimSource = source ?? existing?.source;
      if (!claimSource) return { reason: 'not-uploaded' };
      const claimed = claimedRecord(existing, { ...request, now: this.#clock() }, claimSource, fileName);
      try {
        return await this.#repository.put(claimed, { expectedVersion: existing?.version });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    throw new ReceiptError(
      'RECEIPT_BUSY',
      `receipt ${request.receiptId} kept changing while being claimed`,
      true,
    );
  }

  /**
   * Reads, recognises and stores; settles the record as COMPLETED or FAILED. An upload's run reads every receipt
   * in the image: the largest becomes the upload's own record, each other one a record of its own (partOf), written
   * before the upload's so that a failure retries them all. A run on one of those other records reads the image
   * again and keeps its own part.
   */
  async #run(
    claimed: ReceiptRecord,
    knownHead: ObjectHead | undefined,
    kind: ClaimRequest['kind'],
  ): Promise<ProcessOutcome> {
    const started = performance.now();
    const { source } = claimed;
    const ref: ObjectRef = {
      bucket: source.bucket,
      key: source.key,
      ...(source.versionId ? { versionId: source.versionId } : {}),
    };
    const written: string[] = [];
    const settledParts: ReceiptRecord[] = [];
    try {
      const head = knownHead ?? (await this.#objects.head(ref));
      if (!head)
        throw new ReceiptError('SOURCE_NOT_FOUND', `the image ${source.key} no longer exists`, false);
      await this.#checkBeforeDownload(ref, head);
      const downloadStarted = performance.now();
      const bytes = await this.#objects.getBytes({ ...ref, ...(head.eTag ? { eTag: head.eTag } : {}) });
      const downloadMs = performance.now() - downloadStarted;
      const engine = await this.#engine();
      const results = await engine.processAll({
        bytes,
        ...(head.contentType ? { contentType: head.contentType } : {}),
      });
      const contentHash = createHash('sha256').update(bytes).digest('hex');
      const ownPart = claimed.partOf && claimed.partOf.part > 1 ? claimed.partOf : undefined;
      const uploadId = ownPart?.receiptId ?? claimed.receiptId;
      const part = ownPart?.part ?? 1;
      const result = results[part - 1];
      if (result === undefined) {
        throw new ReceiptError(
          'PART_NOT_FOUND',
          `the engine no longer finds receipt ${part} of ${ownPart?.parts} in the image; reprocess receipt ${uploadId}, the upload's own, to read the image again`,
          false,
        );
      }
      const partOf = (n: number): ReceiptPart | undefined =>
        results.length > 1 ? { receiptId: uploadId, part: n, parts: results.length } : undefined;
      const timing = () => ({ downloadMs, totalMs: performance.now() - started, now: this.#clock() });
      if (ownPart === undefined) {
        const parts = { results, contentHash, timing, partOf, written, settled: settledParts };
        await this.#writeParts(claimed, parts, kind === 'upload');
      }
      const key = this.resultKeyFor(claimed.ownerId, claimed.receiptId);
      await this.#objects.putJson({ bucket: this.#settings.bucket, key }, fullOutput(claimed, result));
      const duplicateOf = await this.#duplicateOf(claimed, imageFingerprint(contentHash, part), result);
      const thisPart = partOf(part);
      const record = await this.#settle(claimed, (current) =>
        completedRecord(current, {
          result,
          contentHash,
          ...(duplicateOf ? { duplicateOf } : {}),
          ...(thisPart ? { partOf: thisPart } : {}),
          resultKey: key,
          ...timing(),
        }),
      );
      if (!record) {
        // Deleted while we worked (the API's DELETE): do not leave its OCR output behind, nor the other receipts
        // this run found. Best effort: the receipt is gone either way, and failing here would only retry a
        // message with nothing left to do.
        if (!(await this.#repository.get(claimed.receiptId))) {
          await this.#removeQuietly([key]);
          await this.#removeParts(written);
        }
        return { outcome: 'ignored', reason: 'superseded', receiptId: claimed.receiptId };
      }
      await this.#announce([record, ...settledParts]);
      if (ownPart === undefined) await this.#removeStaleParts(claimed, results.length);
      return { outcome: 'completed', record, result, ...(written.length > 0 ? { parts: written } : {}) };
    } catch (error) {
      return this.#fail(claimed, error);
    }
  }

  /**
   * The upload's other receipts (2, 3...), each its own record. An upload writes them all; a reprocess updates
   * those that still exist and adds any beyond the earlier count, so a receipt the person deleted stays deleted.
   */
  async #writeParts(upload: ReceiptRecord, parts: FoundParts, recreate: boolean): Promise<void> {
    const earlierCount = upload.partOf?.parts ?? 1;
    for (let index = 1; index < parts.results.length; index += 1) {
      const result = parts.results[index] as EngineResult;
      const part = index + 1;
      const partOf = parts.partOf(part) as ReceiptPart;
      const receiptId = partReceiptId(upload.receiptId, part);
      const key = this.resultKeyFor(upload.ownerId, receiptId);
      const write = async (existing: ReceiptRecord | undefined) => {
        const duplicateOf = await this.#duplicateOf(
          { ownerId: upload.ownerId, receiptId },
          imageFingerprint(parts.contentHash, part),
          result,
        );
        return partRecord(existing, upload, receiptId, {
          result,
          contentHash: parts.contentHash,
          ...(duplicateOf ? { duplicateOf } : {}),
          partOf,
          resultKey: key,
          ...parts.timing(),
        });
      };
      const existing = await this.#repository.get(receiptId);
      if (existing === undefined && !recreate && part <= earlierCount) continue;
      await this.#objects.putJson(
        { bucket: this.#settings.bucket, key },
        fullOutput({ ...upload, receiptId }, result),
      );
      parts.settled.push(await this.#upsert(receiptId, existing, write));
      parts.written.push(receiptId);
    }
  }

  /** Writes a record over whatever is stored, re-reading on a conflicting write; returns what it wrote. */
  async #upsert(
    receiptId: string,
    first: ReceiptRecord | undefined,
    make: (existing: ReceiptRecord | undefined) => Promise<ReceiptRecord>,
  ): Promise<ReceiptRecord> {
    let existing = first;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const next = await make(existing);
      try {
        await this.#repository.put(next, { expectedVersion: existing?.version });
        return next;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        existing = await this.#repository.get(receiptId);
      }
    }
    throw new ReceiptError('RECEIPT_BUSY', `receipt ${receiptId} kept changing while being saved`, true);
  }

  /** Receipts an earlier run found in this upload that the image no longer holds (a new version of it). */
  async #removeStaleParts(upload: ReceiptRecord, count: number): Promise<void> {
    const earlierCount = upload.partOf?.parts ?? 1;
    const stale: string[] = [];
    for (let part = Math.max(2, count + 1); part <= earlierCount; part += 1) {
      stale.push(partReceiptId(upload.receiptId, part));
    }
    await this.#removeParts(stale);
  }

  async #removeParts(receiptIds: readonly string[]): Promise<void> {
    for (const receiptId of receiptIds) {
      const record = await this.#repository.get(receiptId);
      if (!record) continue;
      await this.#removeQuietly(record.resultKey ? [record.resultKey] : []);
      await this.#repository
        .delete(receiptId, { expectedVersion: record.version })
        .catch((error: unknown) => {
          this.#warn('could not remove a receipt the image no longer holds', {
            receiptId,
            error: classifyFailure(error).message,
          });
        });
    }
  }

  async #removeQuietly(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.#objects.delete({ bucket: this.#settings.bucket, key }).catch((error: unknown) => {
        this.#warn('could not remove the OCR output of a removed receipt', {
          key,
          error: classifyFailure(error).message,
        });
      });
    }
  }

  /**
   * The earlier receipt of the same owner this one repeats: the same image bytes (and the same part of it), else
   * the same merchant, transaction date and total (another photo of the same receipt).
   */
  async #duplicateOf(
    receipt: Pick<ReceiptRecord, 'ownerId' | 'receiptId'>,
    sameImageFingerprint: string,
    result: EngineResult,
  ): Promise<DuplicateOf | undefined> {
    const claim = (fingerprint: string) =>
      this.#repository.claimFingerprint(receipt.ownerId, fingerprint, receipt.receiptId);
    const sameImage = await claim(sameImageFingerprint);
    if (sameImage) return { receiptId: sameImage, reason: 'same-image' };
    const { merchantName, transactionDate, total } = result.fields;
    if (!merchantName || !transactionDate || !total) return undefined;
    const summary = [merchantName.value.trim().toLowerCase(), transactionDate.value, total.value].join('\n');
    const sameTotal = await claim(`mdt:${createHash('sha256').update(summary).digest('hex')}`);
    return sameTotal ? { receiptId: sameTotal, reason: 'same-merchant-date-total' } : undefined;
  }

  /** Size and type from the HEAD (and, for undeclared types, the first KiB): rejects without a download. */
  async #checkBeforeDownload(ref: ObjectRef, head: ObjectHead): Promise<void> {
    if (head.size === 0) throw new EngineError('EMPTY_FILE', 'the uploaded file is empty');
    if (head.size > this.#settings.maxUploadBytes) {
      throw new EngineError(
        'TOO_LARGE',
        `the file is ${head.size} bytes; the limit is ${this.#settings.maxUploadBytes} bytes`,
      );
    }
    const declared = mediaType(head.contentType);
    if (IMAGE_CONTENT_TYPES.has(declared)) return;
    if (!UNDECLARED.has(declared)) {
      throw new EngineError(
        'UNSUPPORTED_FORMAT',
        `content type ${declared} is not supported; ${ACCEPTED_FORMATS_HINT}`,
      );
    }
    if (!this.#sniffer) return;
    const first = await this.#objects.getBytes({
      ...ref,
      ...(head.eTag ? { eTag: head.eTag } : {}),
      range: { start: 0, length: Math.min(SNIFF_BYTES, head.size) },
    });
    const format = this.#sniffer.detect(first);
    if (!format || !this.#sniffer.accepted.includes(format)) {
      throw new EngineError(
        'UNSUPPORTED_FORMAT',
        `the file is ${format ? `a ${format} file` : 'not an image'}; ${ACCEPTED_FORMATS_HINT}`,
      );
    }
  }

  /** Permanent failure: FAILED record, no retry. Transient: FAILED (retryable) record if possible, then rethrow. */
  async #fail(claimed: ReceiptRecord, error: unknown): Promise<ProcessOutcome> {
    const failure = classifyFailure(error);
    let record: ReceiptRecord | undefined;
    try {
      record = await this.#settle(claimed, (current) =>
        failedRecord(current, failure, this.#clock(), this.#settings.maxAttempts),
      );
    } catch (writeError) {
      // A permanent failure we cannot record must be retried, or the record would stay PROCESSING forever.
      if (!failure.retryable) throw writeError;
      this.#warn('could not record a transient failure', {
        receiptId: claimed.receiptId,
        error: classifyFailure(writeError).message,
      });
    }
    // Final (permanent, or the last attempt): subscribers hear of it now. A retry still to come settles later.
    if (record && !awaitsWork(record, record.sourceToken, this.#settings.maxAttempts)) {
      await this.#announce([record]);
    }
    if (failure.retryable) throw error;
    if (!record) return { outcome: 'ignored', reason: 'superseded', receiptId: claimed.receiptId };
    return { outcome: 'failed', record };
  }

  /** Publishes that these records settled; a failure to publish is reported, never thrown (the records stand). */
  async #announce(records: readonly ReceiptRecord[]): Promise<void> {
    if (this.#events === undefined) return;
    try {
      await this.#events.settled(records.map(settledEvent));
    } catch (error) {
      this.#onUnannounced(
        records.map((record) => record.receiptId),
        error,
      );
    }
  }

  /**
   * Writes the settled record on top of the claim. A conflicting write in between (a person's correction, a
   * lease refresh) is merged by re-reading, as long as the record is still this run's; undefined when it is not.
   */
  async #settle(
    claimed: ReceiptRecord,
    settle: (current: ReceiptRecord) => ReceiptRecord,
  ): Promise<ReceiptRecord | undefined> {
    let current: ReceiptRecord = claimed;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const next = settle(current);
      try {
        return await this.#repository.put(next, { expectedVersion: current.version });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const fresh = await this.#repository.get(claimed.receiptId);
        if (!stillClaimedBy(fresh, claimed)) return undefined;
        current = fresh;
      }
    }
    throw new ReceiptError(
      'RECEIPT_BUSY',
      `receipt ${claimed.receiptId} kept changing while being saved`,
      true,
    );
  }
}

/** What an upload's run found, for writing its other receipts. */
interface FoundParts {
  results: readonly EngineResult[];
  contentHash: string;
  timing: () => { downloadMs: number; totalMs: number; now: Date };
  partOf: (part: number) => ReceiptPart | undefined;
  /** Filled with the ids written, so a run whose upload was deleted meanwhile can remove them again. */
  written: string[];
  /** Filled with the records written, announced once the upload's own record has settled. */
  settled: ReceiptRecord[];
}

/** The event of a settled record (COMPLETED, REVIEWED or FAILED), with the receipt when it is not too long. */
export function settledEvent(record: ReceiptRecord): ReceiptSettled {
  const receipt = toReceiptView(record);
  const fits = Buffer.byteLength(JSON.stringify(receipt)) <= SETTLED_RECEIPT_MAX_BYTES;
  return {
    receiptId: record.receiptId,
    ownerId: record.ownerId,
    // Only settled records are announced: PENDING and PROCESSING never reach here.
    status: record.status === 'FAILED' || record.status === 'REVIEWED' ? record.status : 'COMPLETED',
    ...(record.error ? { errorCode: record.error.code } : {}),
    version: record.version,
    ...(record.partOf ? { partOf: record.partOf } : {}),
    settledAt: record.updatedAt,
    ...(fits ? { receipt } : {}),
  };
}

/** The same-image fingerprint of one receipt in an image: the image's hash, and which of its receipts. */
function imageFingerprint(contentHash: string, part: number): string {
  return part === 1 ? `sha256:${contentHash}` : `sha256:${contentHash}#part-${part}`;
}

function sourceOf(ref: ObjectRef, head: ObjectHead): ReceiptSource {
  return {
    bucket: ref.bucket,
    key: ref.key,
    ...(head.versionId ? { versionId: head.versionId } : {}),
    ...(head.eTag ? { eTag: head.eTag } : {}),
    size: head.size,
    ...(head.contentType ? { contentType: head.contentType } : {}),
  };
}

/** What goes to S3: everything the engine returned (text, lines, words with boxes), tied to its record. */
export function fullOutput(record: ReceiptRecord, result: EngineResult) {
  return {
    receiptId: record.receiptId,
    ownerId: record.ownerId,
    source: record.source,
    ...result,
  };
}
