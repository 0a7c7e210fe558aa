/**
 * ReceiptApiService: what a person does with their receipts through the REST API — ask for an upload URL, list,
 * read, correct, delete, reprocess. Plain TypeScript over the ports (no AWS SDK, no HTTP types); the API handlers
 * parse the request, call one method, and map the result.
 *
 * Owner isolation lives here, once: every use case loads the record through #owned(), which answers "not found"
 * for a record of another owner exactly as for a missing one, so the API never reveals that an id exists.
 */

import { UPLOAD_CONTENT_TYPES, type UploadContentType } from '../contract/media-types.js';
import type { UrlSigner } from './api-ports.js';
import { ReceiptError, ReceiptNotFoundError, RecordTooLargeError, VersionConflictError } from './errors.js';
import { isReceiptId, newReceiptId, partReceiptId, uploadKey } from './keys.js';
import { runPending } from './lifecycle.js';
import { reprocessMessage } from './messages.js';
import type {
  ListReceiptsQuery,
  ObjectRef,
  ObjectStore,
  ReceiptPage,
  ReceiptQueue,
  ReceiptRepository,
} from './ports.js';
import type { DailyQuota } from './quota.js';
import type { CorrectedFields, CorrectedItem, ReceiptRecord } from './record.js';

export { UPLOAD_CONTENT_TYPES, type UploadContentType };

export interface ApiSettings {
  bucket: string;
  uploadPrefix: string;
  maxUploadBytes: number;
  uploadUrlTtlSeconds: number;
  /** Lifetime of a presigned image GET: long enough to load an image, short enough not to be shared. */
  imageUrlTtlSeconds: number;
}

export interface ReceiptApiDependencies {
  repository: ReceiptRepository;
  objects: ObjectStore;
  signer: UrlSigner;
  /** Only the reprocess use case needs it. */
  queue?: ReceiptQueue;
  /** Receipts one owner may create per day; unset, no limit. */
  quota?: DailyQuota;
  settings: ApiSettings;
  clock?: () => Date;
}

export interface CreatedUpload {
  record: ReceiptRecord;
  upload: { url: string; fields: Record<string, string>; expiresAt: string };
}

export interface Correction {
  /** The version the person edited; a record changed since then is a conflict, not a silent overwrite. */
  expectedVersion: number;
  fields?: CorrectedFields;
  items?: CorrectedItem[];
}

/** A request that is well-formed but not possible in the receipt's current state (API: 409). */
export class ReceiptStateError extends ReceiptError {
  override readonly name = 'ReceiptStateError';
  constructor(code: string, message: string) {
    super(code, message, false);
  }
}

/** An export that would not fit one response: the caller narrows it with filters (API: 413). */
export class ExportTooLargeError extends ReceiptError {
  override readonly name = 'ExportTooLargeError';
  constructor(readonly limit: number) {
    super(
      'EXPORT_TOO_LARGE',
      `more than ${limit} receipts match: narrow the export with from/to, status or merchant`,
      false,
    );
  }
}

/** Receipts one export may hold: a Lambda response is at most 6 MB, and a CSV row of a receipt ~300 bytes. */
export const MAX_EXPORT_RECEIPTS = 5000;
const EXPORT_PAGE_SIZE = 100;

/** Something the receipt does not have (yet): its OCR output, its image (API: 404 with this code). */
export class ReceiptPartNotFoundError extends ReceiptError {
  override readonly name = 'ReceiptPartNotFoundError';
  constructor(code: string, message: string) {
    super(code, message, false);
  }
}

/**
 * A part of the receipt that existed and is gone: its image or OCR output expired at the end of the retention
 * period (or was removed) while the record remains, until its own TTL deletes it (API: 410).
 */
export class ReceiptPartExpiredError extends ReceiptError {
  override readonly name = 'ReceiptPartExpiredError';
  constructor(code: 'IMAGE_EXPIRED' | 'TEXT_EXPIRED', message: string) {
    super(code, message, false);
  }
}

function imageExpired(receiptId: string): ReceiptPartExpiredError {
  return new ReceiptPartExpiredError(
    'IMAGE_EXPIRED',
    `the image of receipt ${receiptId} is no longer stored: images are deleted at the end of the retention period. The record keeps its fields until it expires too`,
  );
}

/** A request that would make the record too large to store (API: 413). */
export class ReceiptTooLargeError extends ReceiptError {
  override readonly name = 'ReceiptTooLargeError';
  constructor(message: string) {
    super('RECEIPT_TOO_LARGE', message, false);
  }
}

function reprocessPending(receiptId: string): ReceiptStateError {
  return new ReceiptStateError(
    'REPROCESS_PENDING',
    `receipt ${receiptId} is already being read (or queued to be): wait until it is COMPLETED, REVIEWED or FAILED, then ask again`,
  );
}

/** The exact object version a record was read from. */
function sourceRef(record: ReceiptRecord): ObjectRef {
  return {
    bucket: record.source.bucket,
    key: record.source.key,
    ...(record.source.versionId ? { versionId: record.source.versionId } : {}),
  };
}

export class ReceiptApiService {
  readonly #repository: ReceiptRepository;
  readonly #objects: ObjectStore;
  readonly #signer: UrlSigner;
  readonly #queue: ReceiptQueue | undefined;
  readonly #quota: DailyQuota | undefined;
  readonly #settings: ApiSettings;
  readonly #clock: () => Date;

  constructor(dependencies: ReceiptApiDependencies) {
    this.#repository = dependencies.repository;
    this.#objects = dependencies.objects;
    this.#signer = dependencies.signer;
    this.#queue = dependencies.queue;
    this.#quota = dependencies.quota;
    this.#settings = dependencies.settings;
    this.#clock = dependencies.clock ?? (() => new Date());
  }

  /** A PENDING record and a presigned POST that can only write its image, of the declared type and size. */
  async createUpload(input: {
    ownerId: string;
    contentType: UploadContentType;
    fileName?: string;
  }): Promise<CreatedUpload> {
    const now = this.#clock();
    // Counted before anything is signed or written: a refused request leaves nothing behind.
    await this.#quota?.consume(input.ownerId, now);
    const receiptId = newReceiptId();
    const key = uploadKey(
      this.#settings.uploadPrefix,
      input.ownerId,
      receiptId,
      UPLOAD_CONTENT_TYPES[input.contentType],
    );
    const record: ReceiptRecord = {
      receiptId,
      ownerId: input.ownerId,
      status: 'PENDING',
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...(input.fileName ? { fileName: input.fileName } : {}),
      source: { bucket: this.#settings.bucket, key, contentType: input.contentType },
      attempts: 0,
    };
    const expiresInSeconds = this.#settings.uploadUrlTtlSeconds;
    // Sign first: signing is local and cannot half-fail, so a record is only written when its URL exists.
    const upload = await this.#signer.presignUpload({
      bucket: this.#settings.bucket,
      key,
      contentType: input.contentType,
      maxBytes: this.#settings.maxUploadBytes,
      expiresInSeconds,
    });
    await this.#repository.put(record, { expectedVersion: undefined });
    return {
      record,
      upload: { ...upload, expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString() },
    };
  }

  list(query: ListReceiptsQuery): Promise<ReceiptPage> {
    return this.#repository.listByOwner(query);
  }

  /**
   * Every receipt of the owner that matches the filters, newest first, read page by page. More than
   * MAX_EXPORT_RECEIPTS is refused rather than cut short: a silently partial export would lose receipts.
   */
  async exportAll(query: Omit<ListReceiptsQuery, 'limit' | 'cursor'>): Promise<ReceiptRecord[]> {
    const records: ReceiptRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#repository.listByOwner({
        ...query,
        limit: EXPORT_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      records.push(...page.items);
      if (records.length > MAX_EXPORT_RECEIPTS) throw new ExportTooLargeError(MAX_EXPORT_RECEIPTS);
      cursor = page.nextCursor;
    } while (cursor);
    return records;
  }

  get(ownerId: string, receiptId: string): Promise<ReceiptRecord> {
    return this.#owned(ownerId, receiptId);
  }

  /** The full OCR output (text, lines, words with boxes) the pipeline stored in S3. */
  async getText(ownerId: string, receiptId: string): Promise<unknown> {
    const record = await this.#owned(ownerId, receiptId);
    const output = record.resultKey
      ? await this.#objects.getJson({ bucket: this.#settings.bucket, key: record.resultKey })
      : undefined;
    if (record.resultKey && output === undefined) {
      throw new ReceiptPartExpiredError(
        'TEXT_EXPIRED',
        `the OCR output of receipt ${receiptId} is no longer stored: it is deleted at the end of the retention period. The record keeps its fields until it expires too`,
      );
    }
    if (typeof output !== 'object' || output === null) {
      throw new ReceiptPartNotFoundError(
        'TEXT_NOT_AVAILABLE',
        `receipt ${receiptId} has no OCR output (status ${record.status}); poll GET /receipts/${receiptId} until it is COMPLETED`,
      );
    }
    // The stored output names its owner and S3 location for operators; the API shows the OCR output only.
    const { ownerId: _owner, source: _source, ...text } = output as Record<string, unknown>;
    return text;
  }

  /**
   * A short-lived GET URL for the uploaded image. The image is looked up first: a URL signed for an expired image
   * would only answer 404 from S3, while the API can say why.
   */
  async getImageUrl(ownerId: string, receiptId: string): Promise<{ url: string; expiresAt: string }> {
    const record = await this.#owned(ownerId, receiptId);
    if (record.sourceToken === undefined) {
      throw new ReceiptPartNotFoundError(
        'IMAGE_NOT_AVAILABLE',
        `receipt ${receiptId} has no image yet: upload it with the URL from POST /receipts`,
      );
    }
    const image = sourceRef(record);
    if (!(await this.#objects.head(image))) throw imageExpired(receiptId);
    const ttl = this.#settings.imageUrlTtlSeconds;
    const url = await this.#signer.presignDownload(image, ttl);
    return { url, expiresAt: new Date(this.#clock().getTime() + ttl * 1000).toISOString() };
  }

  /**
   * The review step: a person's values are stored beside the engine's (never over them) and merged with earlier
   * corrections; the record becomes REVIEWED. Conditional on the version the person saw.
   */
  async correct(ownerId: string, receiptId: string, correction: Correction): Promise<ReceiptRecord> {
    const record = await this.#owned(ownerId, receiptId);
    if (record.version !== correction.expectedVersion) {
      throw new VersionConflictError(receiptId, correction.expectedVersion);
    }
    if (record.status === 'PENDING' || record.status === 'PROCESSING') {
      throw new ReceiptStateError(
        'RECEIPT_NOT_READY',
        `receipt ${receiptId} is ${record.status}; correct it once it is COMPLETED or FAILED`,
      );
    }
    const now = this.#clock().toISOString();
    const items = correction.items ?? record.corrections?.items;
    const updated: ReceiptRecord = {
      ...record,
      status: 'REVIEWED',
      version: record.version + 1,
      updatedAt: now,
      corrections: {
        fields: { ...record.corrections?.fields, ...correction.fields },
        ...(items ? { items } : {}),
        correctedAt: now,
      },
    };
    try {
      return await this.#repository.put(updated, { expectedVersion: record.version });
    } catch (error) {
      // The schema's limits keep a correction far below the store's; this keeps the answer clear whatever they are.
      if (!(error instanceof RecordTooLargeError)) throw error;
      throw new ReceiptTooLargeError(
        `the corrections make receipt ${receiptId} larger than a receipt can be stored: send fewer or shorter items`,
      );
    }
  }

  /**
   * Removes the image, the OCR output, then the record. Objects go first so that a failure half-way leaves the
   * record in place and the same DELETE can simply be retried (deleting a missing object is not an error). The
   * image stays while another receipt found in it (partOf) still has a record.
   */
  async delete(ownerId: string, receiptId: string): Promise<void> {
    const record = await this.#owned(ownerId, receiptId);
    const bucket = record.source.bucket;
    const keys = new Set(record.resultKey ? [record.resultKey] : []);
    if (!(await this.#imageSharedWithOtherParts(record))) keys.add(record.source.key);
    await Promise.all([...keys].map((key) => this.#objects.delete({ bucket, key })));
    await this.#repository.delete(receiptId);
  }

  async #imageSharedWithOtherParts(record: ReceiptRecord): Promise<boolean> {
    const { partOf } = record;
    if (!partOf) return false;
    for (let part = 1; part <= partOf.parts; part += 1) {
      const receiptId = partReceiptId(partOf.receiptId, part);
      if (receiptId === record.receiptId) continue;
      const other = await this.#repository.get(receiptId);
      if (other?.source.key === record.source.key) return true;
    }
    return false;
  }

  /**
   * Queues another OCR run of the stored image; the OCR function keeps or drops the corrections as asked. One run
   * at a time: the request is marked on the record with a conditional write first, so of two concurrent requests
   * one wins and the other (like any request while a run is queued or running) is refused.
   */
  async reprocess(ownerId: string, receiptId: string, keepCorrections: boolean): Promise<ReceiptRecord> {
    const queue = this.#queue;
    if (!queue) throw new Error('ReceiptApiService: reprocess needs a queue');
    const record = await this.#owned(ownerId, receiptId);
    if (record.sourceToken === undefined) {
      throw new ReceiptStateError(
        'NOT_UPLOADED',
        `receipt ${receiptId} has no image yet: upload it before asking for a reprocess`,
      );
    }
    const now = this.#clock();
    if (runPending(record, now)) throw reprocessPending(receiptId);
    // Without its image a run could only turn the receipt FAILED (SOURCE_NOT_FOUND) and lose its fields.
    if (!(await this.#objects.head(sourceRef(record)))) throw imageExpired(receiptId);
    const marked: ReceiptRecord = {
      ...record,
      version: record.version + 1,
      updatedAt: now.toISOString(),
      reprocessRequestedAt: now.toISOString(),
    };
    try {
      await this.#repository.put(marked, { expectedVersion: record.version });
    } catch (error) {
      // Someone else wrote first: most likely a concurrent reprocess request, else ask again on the new version.
      if (error instanceof VersionConflictError) {
        const fresh = await this.#owned(ownerId, receiptId);
        if (runPending(fresh, this.#clock())) throw reprocessPending(receiptId);
      }
      throw error;
    }
    try {
      await queue.sendReprocess(reprocessMessage(receiptId, ownerId, keepCorrections));
    } catch (error) {
      // Nothing was queued: take the mark back (best effort; it expires anyway) so the user can ask again.
      const { reprocessRequestedAt: _mark, ...unmarked } = marked;
      await this.#repository
        .put({ ...unmarked, version: marked.version + 1 }, { expectedVersion: marked.version })
        .catch(() => undefined);
      throw error;
    }
    return marked;
  }

  async #owned(ownerId: string, receiptId: string): Promise<ReceiptRecord> {
    const record = isReceiptId(receiptId) ? await this.#repository.get(receiptId) : undefined;
    if (!record || record.ownerId !== ownerId) throw new ReceiptNotFoundError(receiptId);
    return record;
  }
}
