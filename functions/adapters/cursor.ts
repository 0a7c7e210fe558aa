/**
 * Opaque list cursors: the sort key and id of the last record returned, base64url JSON. The owner is never in
 * the cursor (it comes from the caller's identity), so a cursor cannot reach into another owner's list.
 */
import * as z from 'zod';
import { InvalidCursorError } from '../receipts/errors.js';

const RECEIPT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Exactly what ownerSortKey() writes: a forged cursor (a 1,400-character sort key once reached DynamoDB and came
 * back a 500) is refused here as INVALID_CURSOR.
 */
const CursorSchema = z
  .object({
    s: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z#[0-9a-f-]{36}$/),
    id: z.string().regex(RECEIPT_ID),
  })
  .strict()
  .refine((position) => position.s.endsWith(`#${position.id}`));
export type CursorPosition = z.infer<typeof CursorSchema>;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}

/** GSI1 sort key: creation time then id, so one owner's receipts list newest first. */
export function ownerSortKey(createdAt: string, receiptId: string): string {
  return `${createdAt}#${receiptId}`;
}
