/**
 * What can arrive at the OCR function, parsed into work items: S3 "ObjectCreated" notifications (direct, or as
 * the body of an SQS message), EventBridge "Object Created" events (direct or through SQS) and reprocess
 * messages. The schemas are deliberately narrow — only the fields the pipeline reads — instead of Powertools
 * Parser's full S3 schema, which rejects real variants (e.g. an IPv6 sourceIPAddress) that we have no reason to
 * refuse.
 */
import * as z from 'zod';
import { type ReprocessMessage, ReprocessMessageSchema } from '../receipts/messages.js';

export interface ObjectWork {
  type: 'object';
  bucket: string;
  /** URL-decoded. */
  key: string;
  versionId?: string;
  eTag?: string;
  /** Event time, when the event has one: lets the pipeline report the queue delay. */
  eventTime?: string;
}

export interface ReprocessWork {
  type: 'reprocess';
  message: ReprocessMessage;
}

/** Something valid that is not work: a deletion, S3's test event. */
export interface IgnoredWork {
  type: 'ignored';
  reason: string;
}

export type Work = ObjectWork | ReprocessWork | IgnoredWork;

/** A message that is none of the shapes above: retrying cannot help, it belongs in the dead-letter queue. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
  readonly code = 'INVALID_MESSAGE';
}

/**
 * S3 notification keys are form-encoded ("red flower.jpg" arrives as "red+flower.jpg", "+" as "%2B").
 * Decoding "+" before the percent escapes keeps an encoded plus a plus.
 */
export function decodeS3Key(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (error) {
    throw new InvalidMessageError(`object key is not URL-encoded as S3 encodes keys: ${encoded}`, {
      cause: error,
    });
  }
}

/** The inverse, as S3 encodes keys in notifications (slashes kept). The local stack uses it to feed the handler. */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}

const S3RecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      versionId: z.string().optional(),
      eTag: z.string().optional(),
    }),
  }),
});

export const S3NotificationSchema = z.object({ Records: z.array(S3RecordSchema).min(1) });
export type S3Notification = z.infer<typeof S3NotificationSchema>;

export const EventBridgeObjectCreatedSchema = z.object({
  'detail-type': z.literal('Object Created'),
  source: z.literal('aws.s3'),
  id: z.string(),
  time: z.string().optional(),
  detail: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      etag: z.string().optional(),
      'version-id': z.string().optional(),
    }),
  }),
});
export type EventBridgeObjectCreated = z.infer<typeof EventBridgeObjectCreatedSchema>;

const S3TestEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

export function workFromS3Notification(notification: S3Notification): Work[] {
  return notification.Records.map((record): Work => {
    if (!record.eventName.startsWith('ObjectCreated:')) {
      return { type: 'ignored', reason: `event ${record.eventName}` };
    }
    const { object } = record.s3;
    return {
      type: 'object',
      bucket: record.s3.bucket.name,
      key: decodeS3Key(object.key),
      ...(object.versionId ? { versionId: object.versionId } : {}),
      ...(object.eTag ? { eTag: object.eTag } : {}),
      ...(record.eventTime ? { eventTime: record.eventTime } : {}),
    };
  });
}

/** EventBridge carries the key encoded the same way as S3 notifications. */
export function workFromEventBridge(event: EventBridgeObjectCreated): ObjectWork {
  const { object } = event.detail;
  return {
    type: 'object',
    bucket: event.detail.bucket.name,
    key: decodeS3Key(object.key),
    ...(object['version-id'] ? { versionId: object['version-id'] } : {}),
    ...(object.etag ? { eTag: object.etag } : {}),
    ...(event.time ? { eventTime: event.time } : {}),
  };
}

/** The body of one SQS message: an S3 notification, an EventBridge event, a reprocess message or S3's test event. */
export function workFromMessageBody(body: string): Work[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InvalidMessageError('the message body is not JSON', { cause: error });
  }
  const reprocess = ReprocessMessageSchema.safeParse(value);
  if (reprocess.success) return [{ type: 'reprocess', message: reprocess.data }];
  const notification = S3NotificationSchema.safeParse(value);
  if (notification.success) return workFromS3Notification(notification.data);
  const eventBridge = EventBridgeObjectCreatedSchema.safeParse(value);
  if (eventBridge.success) return [workFromEventBridge(eventBridge.data)];
  if (S3TestEventSchema.safeParse(value).success) return [{ type: 'ignored', reason: 's3:TestEvent' }];
  throw new InvalidMessageError(
    'the message is neither an S3 notification, an EventBridge Object Created event nor a receipt.reprocess message',
  );
}
