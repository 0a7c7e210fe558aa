/**
 * The S3 key layout: `{uploadPrefix}{ownerId}/{receiptId}.{ext}` for images, `{resultsPrefix}{ownerId}/{receiptId}.json`
 * for the full OCR output. Keys here are already URL-decoded (S3 events encode them; the handler decodes).
 */
import { createHash, randomUUID } from 'node:crypto';
import { displaySafe } from './record.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Owner ids are Cognito `sub`s or local user names: no slash, no control characters, and not `.` or `..` (a key
 * `uploads/../results/carol/x.png` would otherwise name owner `..` and put its result outside `results/`).
 */
const OWNER_ID = /^(?!\.{1,2}$)[A-Za-z0-9._@+=:-]{1,128}$/;

export function newReceiptId(): string {
  return randomUUID();
}

export function isReceiptId(value: string): boolean {
  return UUID.test(value);
}

export function isOwnerId(value: string): boolean {
  return OWNER_ID.test(value);
}

/** Lower-case extension without the dot, or undefined. */
export function extensionOf(fileName: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match?.[1]?.toLowerCase();
}

export function uploadKey(
  uploadPrefix: string,
  ownerId: string,
  receiptId: string,
  extension: string,
): string {
  return `${uploadPrefix}${ownerId}/${receiptId}.${extension}`;
}

export function resultKey(resultsPrefix: string, ownerId: string, receiptId: string): string {
  return `${resultsPrefix}${ownerId}/${receiptId}.json`;
}

export interface ParsedUploadKey {
  ownerId: string;
  receiptId: string;
  /** The file name part of the key (after the owner segment). */
  fileName: string;
}

/**
 * Owner and receipt id from an upload key, or undefined when the key is not an upload.
 * Keys the API issued carry the receipt id as the file name; a file dropped into the bucket by hand
 * (`uploads/alice/Lunch receipt.jpg`) gets a receipt id derived from its key, so every delivery and every new
 * version of that key lands on the same record.
 */
export function parseUploadKey(key: string, uploadPrefix: string): ParsedUploadKey | undefined {
  if (!key.startsWith(uploadPrefix)) return undefined;
  const rest = key.slice(uploadPrefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const ownerId = rest.slice(0, slash);
  const fileName = rest.slice(slash + 1);
  if (!isOwnerId(ownerId) || fileName.length === 0 || fileName.endsWith('/')) return undefined;
  const stem = fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '');
  const receiptId = isReceiptId(stem) ? stem : receiptIdForKey(key);
  // S3 keys may hold control characters and bidi overrides; the name shown to people must not.
  return { ownerId, receiptId, fileName: displaySafe(fileName) };
}

/** A stable UUID-shaped id for a key (sha-256 based, version nibble 8 = custom, RFC 9562). */
export function receiptIdForKey(key: string): string {
  return stableUuid(key);
}

/**
 * The id of receipt `part` (1-based) of several found in the upload of receipt `uploadReceiptId`: the first is
 * the upload's own record; the others' ids are derived from it, so every run over the upload writes the same
 * records.
 */
export function partReceiptId(uploadReceiptId: string, part: number): string {
  return part === 1 ? uploadReceiptId : stableUuid(`${uploadReceiptId}#part-${part}`);
}

function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
