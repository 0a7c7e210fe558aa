import { describe, expect, it } from 'vitest';
import {
  decodeS3Key,
  EventBridgeObjectCreatedSchema,
  encodeS3Key,
  InvalidMessageError,
  S3NotificationSchema,
  workFromEventBridge,
  workFromMessageBody,
  workFromS3Notification,
} from '../../functions/ocr/events.js';
import { reprocessMessage } from '../../functions/receipts/messages.js';
import { eventBridgeObjectCreated, s3PutEvent } from '../../tools/samples/aws-events.js';

describe('S3 key decoding', () => {
  it.each([
    ['red+flower.jpg', 'red flower.jpg'],
    ['uploads/alice/a%2Bb.jpg', 'uploads/alice/a+b.jpg'],
    ['uploads/alice/caf%C3%A9+%E2%98%95.png', 'uploads/alice/café ☕.png'],
    ['uploads/alice/100%25+real.jpg', 'uploads/alice/100% real.jpg'],
    ['uploads/alice/plain.jpg', 'uploads/alice/plain.jpg'],
  ])('decodes %s as %s', (encoded, decoded) => {
    expect(decodeS3Key(encoded)).toBe(decoded);
  });

  it.each(['uploads/alice/lunch receipt.jpg', 'uploads/bob/a+b=c&d.png', 'uploads/carol/日本 ☕ 100%.webp'])(
    'round-trips %s through the encoding S3 uses',
    (key) => {
      const encoded = encodeS3Key(key);
      expect(encoded).not.toContain(' ');
      expect(decodeS3Key(encoded)).toBe(key);
    },
  );

  it('rejects a malformed escape with a clear error instead of crashing', () => {
    expect(() => decodeS3Key('uploads/alice/%E0%A4%A.jpg')).toThrow(InvalidMessageError);
  });
});

describe('event parsing (AWS documented shapes)', () => {
  it('reads an S3 ObjectCreated notification, key decoded, version and ETag kept', () => {
    // Prepare
    const event = s3PutEvent('receipts', 'uploads/alice/my+lunch%2B1.jpg', { versionId: 'v1', eTag: 'abc' });

    // Act
    const work = workFromS3Notification(S3NotificationSchema.parse(event));

    // Assess
    expect(work).toEqual([
      {
        type: 'object',
        bucket: 'receipts',
        key: 'uploads/alice/my lunch+1.jpg',
        versionId: 'v1',
        eTag: 'abc',
        eventTime: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('ignores ObjectRemoved records', () => {
    const event = s3PutEvent('receipts', 'uploads/alice/x.jpg');
    const removed = {
      Records: event.Records.map((record) => ({ ...record, eventName: 'ObjectRemoved:Delete' })),
    };
    expect(workFromS3Notification(S3NotificationSchema.parse(removed))).toEqual([
      { type: 'ignored', reason: 'event ObjectRemoved:Delete' },
    ]);
  });

  it('reads an EventBridge Object Created event', () => {
    const event = eventBridgeObjectCreated('receipts', 'uploads/bob/scan+1.png', { versionId: 'v9' });
    expect(workFromEventBridge(EventBridgeObjectCreatedSchema.parse(event))).toEqual({
      type: 'object',
      bucket: 'receipts',
      key: 'uploads/bob/scan 1.png',
      versionId: 'v9',
      eTag: 'b1946ac92492d2347c6235b4d2611184',
      eventTime: '2026-01-01T00:00:00Z',
    });
  });

  describe.each([
    ['an S3 notification', JSON.stringify(s3PutEvent('receipts', 'uploads/alice/a.jpg')), 'object'],
    [
      'an EventBridge event',
      JSON.stringify(eventBridgeObjectCreated('receipts', 'uploads/alice/a.jpg')),
      'object',
    ],
    ['a reprocess message', JSON.stringify(reprocessMessage('r-1', 'alice', false)), 'reprocess'],
    [
      "S3's test event",
      JSON.stringify({
        Service: 'Amazon S3',
        Event: 's3:TestEvent',
        Time: '2026-01-01T00:00:00Z',
        Bucket: 'receipts',
      }),
      'ignored',
    ],
  ])('an SQS body holding %s', (_name, body, type) => {
    it(`becomes ${type} work`, () => {
      const [work] = workFromMessageBody(body);
      expect(work?.type).toBe(type);
    });
  });

  it('keeps keepCorrections of a reprocess message, defaulting to true', () => {
    const [explicit] = workFromMessageBody(JSON.stringify(reprocessMessage('r-1', 'alice', false)));
    const [defaulted] = workFromMessageBody('{"type":"receipt.reprocess","receiptId":"r-2","ownerId":"bob"}');
    expect(explicit).toEqual({ type: 'reprocess', message: reprocessMessage('r-1', 'alice', false) });
    expect(defaulted).toEqual({ type: 'reprocess', message: reprocessMessage('r-2', 'bob', true) });
  });

  it.each([
    ['not JSON', 'hello'],
    ['an unknown shape', '{"hello":"world"}'],
    ['a reprocess message without owner', '{"type":"receipt.reprocess","receiptId":"r-1"}'],
  ])('refuses %s with INVALID_MESSAGE', (_name, body) => {
    expect(() => workFromMessageBody(body)).toThrow(InvalidMessageError);
  });
});
