/**
 * Ports: what the receipt domain needs from the outside world. Adapters in functions/adapters implement them
 * (DynamoDB, S3, SQS); tests of the service use the in-memory repository.
 */
import type { EngineInfo, EngineResult } from '@receipt-ocr/engine/schema';
import type { ReprocessMessage } from './messages.js';
import type { ReceiptPart, ReceiptRecord, ReceiptStatus } from './record.js';
import type { ReceiptView } from './view.js';

export interface PutOptions {
  /** The version the stored record must have now; undefined = the record must not exist yet. */
  expectedVersion: number | undefined;
}

export interface ListReceiptsQuery {
  ownerId: string;
  /** Page size, 1..100. */
  limit: number;
  /** nextCursor of the previous page. */
  cursor?: string;
  status?: ReceiptStatus;
  /** Inclusive transaction-date bounds, YYYY-MM-DD (corrected values win). */
  from?: string;
  to?: string;
  /** Case-insensitive substring of the merchant name (corrected value wins). */
  merchant?: string;
}

export interface ReceiptPage {
  /** Newest first (by createdAt). */
  items: ReceiptRecord[];
  /** Present when more records may follow. */
  nextCursor?: string;
}

export interface ReceiptRepository {
  get(receiptId: string): Promise<ReceiptRecord | undefined>;
  /**
   * Writes the whole record if the stored version matches `expectedVersion` (or nothing is stored when it is
   * undefined). The caller sets `record.version` to expectedVersion + 1 (1 for a new record). A store with an
   * item-size limit writes the first of `trimmedRecords(record)` (lifecycle.ts) that fits when the record does not.
   * @returns the record as stored: `record` itself, or a trimmed copy.
   * @throws VersionConflictError when another writer got there first.
   * @throws RecordTooLargeError when not even the most trimmed version fits.
   */
  put(record: ReceiptRecord, options: PutOptions): Promise<ReceiptRecord>;
  /** @throws VersionConflictError when expectedVersion is given and does not match (or the record is gone). */
  delete(receiptId: string, options?: { expectedVersion?: number }): Promise<void>;
  listByOwner(query: ListReceiptsQuery): Promise<ReceiptPage>;
  /**
   * Records that receipt `receiptId` of `ownerId` has `fingerprint` (a content hash, or merchant + date + total),
   * unless another receipt of that owner that still exists had it first: then returns that receipt's id. Asking
   * again for the same receipt returns undefined (a reprocess is not its own duplicate).
   */
  claimFingerprint(ownerId: string, fingerprint: string, receiptId: string): Promise<string | undefined>;
}

export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
}

export interface ByteRange {
  start: number;
  length: number;
}

export interface ObjectHead {
  size: number;
  contentType?: string;
  eTag?: string;
  versionId?: string;
}

export interface ObjectStore {
  /** Metadata without the body; undefined when the object (version) does not exist. */
  head(ref: ObjectRef): Promise<ObjectHead | undefined>;
  /**
   * The object's bytes, or `range.length` bytes from `range.start`. `eTag` makes the read conditional, so the
   * bytes are those of the version that was checked.
   * @throws ReceiptError SOURCE_NOT_FOUND when it is gone, SOURCE_CHANGED when the ETag no longer matches.
   */
  getBytes(ref: ObjectRef & { eTag?: string; range?: ByteRange }): Promise<Uint8Array>;
  putJson(ref: ObjectRef, value: unknown): Promise<void>;
  /** Parsed JSON, or undefined when the object does not exist. */
  getJson(ref: ObjectRef): Promise<unknown>;
  /** Removes the object; a missing object is not an error. */
  delete(ref: ObjectRef): Promise<void>;
}

/** Sends work to the OCR function (SQS in the cloud, the in-process queue locally). */
export interface ReceiptQueue {
  sendReprocess(message: ReprocessMessage): Promise<void>;
}

/** The slice of the engine's ReceiptEngine the pipeline uses (functions/engine/index.ts implements it). */
export interface OcrEngine {
  readonly info: EngineInfo;
  /** Every receipt in the image, largest first (several laid side by side in one photo); at least one. */
  processAll(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult[]>;
}

/**
 * The detail of a `ReceiptSettled` event (functions/contract/events.ts): which receipt settled, whether it worked,
 * and the receipt itself as GET /receipts/{id} returns it, so an app needs no request to show it. The record stays
 * the one source of truth: a person's later correction changes it, not the event.
 */
export interface ReceiptSettled {
  receiptId: string;
  ownerId: string;
  /** REVIEWED: read again (a reprocess) while a person's corrections stand. */
  status: 'COMPLETED' | 'REVIEWED' | 'FAILED';
  /** The FAILED record's error code (e.g. CORRUPT_IMAGE). */
  errorCode?: string;
  /** The record's version after settling: an app that already read this version has nothing new to fetch. */
  version: number;
  /** Set when the upload held several receipts: each settles with its own event. */
  partOf?: ReceiptPart;
  settledAt: string;
  /**
   * The receipt at `version`, as GET /receipts/{id} returns it; absent when its JSON is over
   * SETTLED_RECEIPT_MAX_BYTES (read it with GET then).
   */
  receipt?: ReceiptView;
}

/** Tells subscribers that receipts settled (EventBridge in the cloud, the local stack's event feed on this machine). */
export interface ReceiptEvents {
  /** @throws when any of them could not be published; the caller decides what that means (never a lost receipt). */
  settled(events: readonly ReceiptSettled[]): Promise<void>;
}
