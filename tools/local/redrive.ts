/**
 * Redrive on purpose: a receipt whose attempts ran out stays FAILED (nothing retries it by itself, not even a
 * restart), until someone who fixed the cause asks for it again. This queues a reprocess of each such receipt
 * (every one, or the ids given), keeping its corrections, exactly as `POST /receipts/{id}/reprocess` would; the run
 * starts again at attempt 1.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { attemptsUsedUp } from '../../functions/receipts/lifecycle.js';
import { reprocessMessage } from '../../functions/receipts/messages.js';
import type { ReceiptQueue, ReceiptRepository } from '../../functions/receipts/ports.js';
import { type ReceiptRecord, ReceiptRecordSchema } from '../../functions/receipts/record.js';

export interface RedriveOptions {
  dynamodb: DynamoDBDocumentClient;
  table: string;
  repository: ReceiptRepository;
  queue: ReceiptQueue;
  /** Only these receipts (each must have used up its attempts); default: every one that has. */
  receiptIds?: string[];
}

export interface RedriveResult {
  queued: string[];
  /** Ids given that do not exist or did not run out of attempts, with why. */
  skipped: { receiptId: string; reason: string }[];
}

async function exhaustedRecords(dynamodb: DynamoDBDocumentClient, table: string): Promise<ReceiptRecord[]> {
  const found: ReceiptRecord[] = [];
  const pages = paginateScan(
    { client: dynamodb },
    {
      TableName: table,
      FilterExpression: '#status = :failed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':failed': 'FAILED' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const record = ReceiptRecordSchema.safeParse(item);
      if (record.success && attemptsUsedUp(record.data)) found.push(record.data);
    }
  }
  return found;
}

export async function redrive(options: RedriveOptions): Promise<RedriveResult> {
  const skipped: RedriveResult['skipped'] = [];
  let records: ReceiptRecord[];
  if (options.receiptIds) {
    records = [];
    for (const receiptId of options.receiptIds) {
      const record = await options.repository.get(receiptId);
      if (!record) skipped.push({ receiptId, reason: 'no such receipt' });
      else if (!attemptsUsedUp(record))
        skipped.push({ receiptId, reason: `it is ${record.status}, not out of attempts` });
      else records.push(record);
    }
  } else {
    records = await exhaustedRecords(options.dynamodb, options.table);
  }
  for (const record of records) {
    await options.queue.sendReprocess(reprocessMessage(record.receiptId, record.ownerId, true));
  }
  return { queued: records.map((record) => record.receiptId), skipped };
}
