/**
 * ReceiptRepository in memory, with the same version and listing semantics as the DynamoDB adapter, for service
 * tests. Records are cloned in and out so callers cannot mutate what is "stored".
 */
import { VersionConflictError } from '../receipts/errors.js';
import type { ListReceiptsQuery, PutOptions, ReceiptPage, ReceiptRepository } from '../receipts/ports.js';
import { effectiveSearchFields, type ReceiptRecord } from '../receipts/record.js';
import { decodeCursor, encodeCursor, ownerSortKey } from './cursor.js';
import { fitRecord } from './fit-record.js';

function matches(record: ReceiptRecord, query: ListReceiptsQuery): boolean {
  const search = effectiveSearchFields(record);
  if (query.status && record.status !== query.status) return false;
  if (query.from && !(search.transactionDate && search.transactionDate >= query.from)) return false;
  if (query.to && !(search.transactionDate && search.transactionDate <= query.to)) return false;
  if (query.merchant && !search.merchant?.toLowerCase().includes(query.merchant.toLowerCase())) return false;
  return true;
}

export interface InMemoryReceiptRepositoryOptions {
  /**
   * An item-size limit like DynamoDB's, measured as the record's JSON, so service tests see trimmed records.
   * @default - no limit
   */
  readonly maxRecordBytes?: number;
}

export class InMemoryReceiptRepository implements ReceiptRepository {
  constructor(private readonly options: InMemoryReceiptRepositoryOptions = {}) {}

  readonly #records = new Map<string, ReceiptRecord>();
  readonly #fingerprints = new Map<string, string>();

  async claimFingerprint(
    ownerId: string,
    fingerprint: string,
    receiptId: string,
  ): Promise<string | undefined> {
    const key = `${ownerId}#${fingerprint}`;
    const holder = this.#fingerprints.get(key);
    if (holder !== undefined && holder !== receiptId && this.#records.has(holder)) return holder;
    this.#fingerprints.set(key, receiptId);
    return undefined;
  }

  async get(receiptId: string): Promise<ReceiptRecord | undefined> {
    const record = this.#records.get(receiptId);
    return record ? structuredClone(record) : undefined;
  }

  async put(record: ReceiptRecord, options: PutOptions): Promise<ReceiptRecord> {
    const current = this.#records.get(record.receiptId);
    if (current?.version !== options.expectedVersion) {
      throw new VersionConflictError(record.receiptId, options.expectedVersion);
    }
    const { maxRecordBytes } = this.options;
    const stored =
      maxRecordBytes === undefined
        ? record
        : fitRecord(record, (candidate) => Buffer.byteLength(JSON.stringify(candidate)), maxRecordBytes);
    this.#records.set(record.receiptId, structuredClone(stored));
    return structuredClone(stored);
  }

  async delete(receiptId: string, options: { expectedVersion?: number } = {}): Promise<void> {
    const current = this.#records.get(receiptId);
    if (options.expectedVersion !== undefined && current?.version !== options.expectedVersion) {
      throw new VersionConflictError(receiptId, options.expectedVersion);
    }
    this.#records.delete(receiptId);
  }

  async listByOwner(query: ListReceiptsQuery): Promise<ReceiptPage> {
    const after = query.cursor ? decodeCursor(query.cursor).s : undefined;
    const sorted = [...this.#records.values()]
      .filter((record) => record.ownerId === query.ownerId)
      .map((record) => ({ record, sortKey: ownerSortKey(record.createdAt, record.receiptId) }))
      .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0))
      .filter(({ sortKey }) => after === undefined || sortKey < after)
      .filter(({ record }) => matches(record, query));
    const page = sorted.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(({ record }) => structuredClone(record)),
      ...(sorted.length > query.limit && last
        ? { nextCursor: encodeCursor({ s: last.sortKey, id: last.record.receiptId }) }
        : {}),
    };
  }
}
