/**
 * ReceiptRepository on one DynamoDB table (single-table design):
 *   PK = RECEIPT#{receiptId}, SK = RECEIPT                      -> the record by id
 *   GSI1PK = OWNER#{ownerId}, GSI1SK = {createdAt}#{receiptId}  -> one owner's receipts, newest first
 *   PK = FINGERPRINT#{ownerId}#{fingerprint}, SK = FINGERPRINT  -> the first receipt with that image or total
 * plus two derived attributes for list filters (lower-cased merchant, effective transaction date).
 * Every write is conditional on the record's version, which is what makes the pipeline idempotent.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { RECEIPTS_TABLE_KEYS } from '../contract/table.js';
import { VersionConflictError } from '../receipts/errors.js';
import type { ListReceiptsQuery, PutOptions, ReceiptPage, ReceiptRepository } from '../receipts/ports.js';
import { effectiveSearchFields, type ReceiptRecord, ReceiptRecordSchema } from '../receipts/record.js';
import { decodeCursor, encodeCursor, ownerSortKey } from './cursor.js';
import { fitRecord } from './fit-record.js';

const {
  ownerIndex,
  ownerPartitionKey,
  ownerSortKey: ownerSortKeyName,
  ttl: TTL_ATTRIBUTE,
} = RECEIPTS_TABLE_KEYS;
const RECORD_SK = 'RECEIPT';
const FINGERPRINT_SK = 'FINGERPRINT';

export function receiptKey(receiptId: string): { PK: string; SK: string } {
  return { PK: `RECEIPT#${receiptId}`, SK: RECORD_SK };
}

function ownerPartition(ownerId: string): string {
  return `OWNER#${ownerId}`;
}

/** Epoch seconds at which DynamoDB's TTL may delete the record, or undefined when it is kept. */
function expiresAtEpoch(
  record: ReceiptRecord,
  options: DynamoDbReceiptRepositoryOptions,
): number | undefined {
  // A PENDING record (an upload URL nobody used) goes after days; every later write replaces the whole item, so
  // the claim that starts processing moves the expiry to the retention horizon, counted from the same creation
  // time as the bucket's lifecycle rules count the image's age (the upload follows within the URL's lifetime).
  const ttl = record.status === 'PENDING' ? options.pendingTtlSeconds : options.retentionSeconds;
  return ttl === undefined ? undefined : Math.floor(Date.parse(record.createdAt) / 1000) + ttl;
}

/** The DynamoDB item of a record: its keys, the owner index keys, list filter attributes and the TTL. */
export function toItem(
  record: ReceiptRecord,
  options: DynamoDbReceiptRepositoryOptions,
): Record<string, unknown> {
  const search = effectiveSearchFields(record);
  const expiresAt = expiresAtEpoch(record, options);
  const expiry = expiresAt === undefined ? {} : { [TTL_ATTRIBUTE]: expiresAt };
  return {
    ...expiry,
    ...receiptKey(record.receiptId),
    [ownerPartitionKey]: ownerPartition(record.ownerId),
    [ownerSortKeyName]: ownerSortKey(record.createdAt, record.receiptId),
    ...(search.merchant ? { searchMerchant: search.merchant.toLowerCase() } : {}),
    ...(search.transactionDate ? { searchDate: search.transactionDate } : {}),
    ...record,
  };
}

/**
 * DynamoDB refuses items above 400 KB (names and values, UTF-8). An item is measured as its JSON, which counts
 * a little more than DynamoDB does (quotes, braces, commas), and kept under this, leaving room besides.
 */
export const MAX_ITEM_BYTES = 350_000;

export function itemBytes(item: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(item));
}

/** The record as the table stores it: trimmed (lifecycle.ts `trimmedRecords`) when its item would be too large. */
export function storedRecord(
  record: ReceiptRecord,
  options: DynamoDbReceiptRepositoryOptions,
): ReceiptRecord {
  return fitRecord(record, (candidate) => itemBytes(toItem(candidate, options)), MAX_ITEM_BYTES);
}

/** The optimistic-concurrency condition every write of an existing record carries. */
function versionIs(expected: number) {
  return {
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expected },
  };
}

/** Parsing drops the key attributes and checks what was stored is still a record. */
function fromItem(item: Record<string, unknown>): ReceiptRecord {
  return ReceiptRecordSchema.parse(item);
}

export interface DynamoDbReceiptRepositoryOptions {
  /**
   * Seconds after its creation when a record still PENDING is deleted by DynamoDB's TTL (its upload URL expired
   * unused). Longer than the upload URL's lifetime plus the queue's retention, so a queued upload always finds it.
   * @default - PENDING records never expire
   */
  readonly pendingTtlSeconds?: number;
  /**
   * Seconds after its creation when any other record, and a duplicate fingerprint, is deleted by DynamoDB's TTL:
   * the stage's retention, the same horizon as the bucket's lifecycle rules for its image and OCR output.
   * @default - kept until deleted
   */
  readonly retentionSeconds?: number;
}

export class DynamoDbReceiptRepository implements ReceiptRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: DynamoDbReceiptRepositoryOptions = {},
  ) {}

  /** A fingerprint outlives no receipt: it expires on the retention horizon counted from now. */
  #fingerprintExpiry(): Record<string, number> {
    const ttl = this.options.retentionSeconds;
    return ttl === undefined ? {} : { [TTL_ATTRIBUTE]: Math.floor(Date.now() / 1000) + ttl };
  }

  /**
   * One conditional put, and no read, in the common case: a fingerprint seen for the first time. The holder is
   * read only when the put finds the fingerprint taken (a duplicate, or the same receipt read again).
   */
  async claimFingerprint(
    ownerId: string,
    fingerprint: string,
    receiptId: string,
  ): Promise<string | undefined> {
    const Key = { PK: `FINGERPRINT#${ownerId}#${fingerprint}`, SK: FINGERPRINT_SK };
    if (await this.#putFingerprint(Key, receiptId, undefined)) return undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }),
      );
      const holder = typeof Item?.receiptId === 'string' ? Item.receiptId : undefined;
      if (holder === receiptId) return undefined;
      // A holder that was deleted gives the fingerprint up.
      if (holder !== undefined && (await this.get(holder))) return holder;
      if (await this.#putFingerprint(Key, receiptId, holder)) return undefined;
    }
    throw new VersionConflictError(receiptId, undefined);
  }

  /** Gives the fingerprint to `receiptId` if it is free (`holder` undefined) or still held by `holder`. */
  async #putFingerprint(
    Key: Record<string, string>,
    receiptId: string,
    holder: string | undefined,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...Key, receiptId, ...this.#fingerprintExpiry() },
          ...(holder === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: '#holder = :holder',
                ExpressionAttributeNames: { '#holder': 'receiptId' },
                ExpressionAttributeValues: { ':holder': holder },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(receiptId: string): Promise<ReceiptRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: receiptKey(receiptId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async put(record: ReceiptRecord, options: PutOptions): Promise<ReceiptRecord> {
    const expected = options.expectedVersion;
    const stored = storedRecord(record, this.options);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(stored, this.options),
          ...(expected === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : versionIs(expected)),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new VersionConflictError(record.receiptId, expected);
      }
      throw error;
    }
    return stored;
  }

  async delete(receiptId: string, options: { expectedVersion?: number } = {}): Promise<void> {
    const expected = options.expectedVersion;
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: receiptKey(receiptId),
          ...(expected === undefined ? {} : versionIs(expected)),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new VersionConflictError(receiptId, expected);
      throw error;
    }
  }

  /**
   * DynamoDB applies Limit before the filter, so a filtered page may need several queries; the cursor is the
   * last record returned (not LastEvaluatedKey), so nothing is skipped when a page stops mid-query. The index
   * holds keys and filter attributes only: the page's records are then read from the table in one batch.
   */
  async listByOwner(query: ListReceiptsQuery): Promise<ReceiptPage> {
    const partition = ownerPartition(query.ownerId);
    const filter = buildFilter(query);
    let startKey: Record<string, unknown> | undefined;
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      startKey = {
        ...receiptKey(position.id),
        [ownerPartitionKey]: partition,
        [ownerSortKeyName]: position.s,
      };
    }
    const positions: string[] = [];
    let more = false;
    do {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: ownerIndex,
        KeyConditionExpression: `${ownerPartitionKey} = :owner`,
        ScanIndexForward: false,
        // Read a little ahead when filtering: fewer round trips for sparse matches.
        Limit: filter ? Math.max(query.limit, 50) : query.limit - positions.length,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        ...(filter ? { FilterExpression: filter.expression } : {}),
        ExpressionAttributeValues: { ':owner': partition, ...filter?.values },
        ...(filter && Object.keys(filter.names).length > 0 ? { ExpressionAttributeNames: filter.names } : {}),
      };
      const page = await this.client.send(new QueryCommand(input));
      for (const item of page.Items ?? []) {
        // An index read while its records are rewritten may give a record twice across pages, even under two
        // positions (the fault-run test's outages and restarts showed it), and BatchGetItem refuses a list with a
        // key twice: each record once, where first seen.
        const position = item.GSI1SK;
        if (
          typeof position === 'string' &&
          !positions.some((seen) => receiptIdOfPosition(seen) === receiptIdOfPosition(position))
        )
          positions.push(position);
      }
      startKey = page.LastEvaluatedKey;
      more = startKey !== undefined;
    } while (more && positions.length < query.limit);
    const returned = positions.slice(0, query.limit);
    const last = returned.at(-1);
    const hasNext = positions.length > query.limit || more;
    return {
      items: await this.#getMany(returned.map(receiptIdOfPosition)),
      ...(hasNext && last ? { nextCursor: encodeCursor({ s: last, id: receiptIdOfPosition(last) }) } : {}),
    };
  }

  /** The records in the order asked; one deleted since the index was read is left out. */
  async #getMany(receiptIds: readonly string[]): Promise<ReceiptRecord[]> {
    const found = new Map<string, ReceiptRecord>();
    let keys = [...new Set(receiptIds)].map(receiptKey);
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt >= BATCH_GET_ATTEMPTS) {
        throw new Error(
          `DynamoDB left ${keys.length} records of a list page unread after ${attempt} attempts`,
        );
      }
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) {
        const record = fromItem(item);
        found.set(record.receiptId, record);
      }
      keys = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
    }
    return receiptIds.flatMap((id) => found.get(id) ?? []);
  }
}

/** A list page has at most 100 records, what one BatchGetItem reads; unprocessed keys are asked again. */
const BATCH_GET_ATTEMPTS = 5;

/** The receipt id at the end of an owner sort key (`{createdAt}#{receiptId}`). */
function receiptIdOfPosition(position: string): string {
  return position.slice(position.lastIndexOf('#') + 1);
}

function buildFilter(
  query: ListReceiptsQuery,
): { expression: string; names: Record<string, string>; values: Record<string, unknown> } | undefined {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.status) {
    clauses.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = query.status;
  }
  if (query.from) {
    clauses.push('searchDate >= :from');
    values[':from'] = query.from;
  }
  if (query.to) {
    clauses.push('searchDate <= :to');
    values[':to'] = query.to;
  }
  if (query.merchant) {
    clauses.push('contains(searchMerchant, :merchant)');
    values[':merchant'] = query.merchant.toLowerCase();
  }
  return clauses.length > 0 ? { expression: clauses.join(' AND '), names, values } : undefined;
}
