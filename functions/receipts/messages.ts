/**
 * Messages the OCR queue carries besides S3 notifications. The API's reprocess route sends them; the OCR
 * handler recognises them by `type`.
 */
import * as z from 'zod';

export const REPROCESS_MESSAGE_TYPE = 'receipt.reprocess';

export const ReprocessMessageSchema = z.object({
  type: z.literal(REPROCESS_MESSAGE_TYPE),
  receiptId: z.string().min(1),
  ownerId: z.string().min(1),
  /** Keep a person's corrections beside the new engine values (status REVIEWED), or drop them. */
  keepCorrections: z.boolean().default(true),
});
export type ReprocessMessage = z.infer<typeof ReprocessMessageSchema>;

export function reprocessMessage(
  receiptId: string,
  ownerId: string,
  keepCorrections = true,
): ReprocessMessage {
  return { type: REPROCESS_MESSAGE_TYPE, receiptId, ownerId, keepCorrections };
}
