/**
 * s3rver's events live only in memory: an image dropped while the stack was stopped has no event. On start, the
 * stack lists the upload prefix and queues a notification for every object whose record is missing, unsettled,
 * waiting for a retry or about another version; never one whose attempts are used up (that stays FAILED until
 * someone reprocesses it: `pnpm redrive`). The handler's idempotency makes an unneeded one harmless. A record left
 * PROCESSING by a process that died mid-run is re-sent under its delivery id, as SQS redelivers an unacknowledged
 * message, so the run resumes instead of waiting for its lease.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { parseUploadKey } from '../../functions/receipts/keys.js';
import { awaitsWork } from '../../functions/receipts/lifecycle.js';
import type { ReceiptRepository } from '../../functions/receipts/ports.js';

export interface MissedUpload {
  key: string;
  eTag?: string;
  size?: number;
  /** The delivery that held the record when the process died: re-sent under its id, it resumes the run. */
  interruptedDeliveryId?: string;
}

export async function findMissedUploads(options: {
  s3: S3Client;
  repository: ReceiptRepository;
  bucket: string;
  uploadPrefix: string;
}): Promise<MissedUpload[]> {
  const missed: MissedUpload[] = [];
  let token: string | undefined;
  do {
    const page = await options.s3.send(
      new ListObjectsV2Command({
        Bucket: options.bucket,
        Prefix: options.uploadPrefix,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      const parsed = object.Key ? parseUploadKey(object.Key, options.uploadPrefix) : undefined;
      if (!object.Key || !parsed) continue;
      const record = await options.repository.get(parsed.receiptId);
      // A receipt whose attempts are used up stays FAILED: re-queueing it here ran it again on every start.
      if (awaitsWork(record, object.ETag)) {
        const interrupted = record?.status === 'PROCESSING' ? record.processing?.deliveryId : undefined;
        missed.push({
          ...(interrupted ? { interruptedDeliveryId: interrupted } : {}),
          key: object.Key,
          ...(object.ETag ? { eTag: object.ETag } : {}),
          ...(object.Size === undefined ? {} : { size: object.Size }),
        });
      }
    }
    token = page.NextContinuationToken;
  } while (token);
  return missed;
}
