import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../tools/local/lambda-context.js';
import { LocalQueue } from '../../tools/local/queue.js';

function recorder() {
  const batches: { body: string; receiveCount: string | undefined }[][] = [];
  return {
    batches,
    remember(event: SQSEvent) {
      batches.push(
        event.Records.map((record) => ({
          body: record.body,
          receiveCount: record.attributes.ApproximateReceiveCount,
        })),
      );
    },
  };
}

describe('LocalQueue (SQS -> Lambda stand-in)', () => {
  it('delivers SQS-shaped batches no larger than the batch size', async () => {
    // Prepare
    const seen = recorder();
    const queue = new LocalQueue({
      batchSize: 2,
      context: () => lambdaContext('queue-test'),
      handler: async (event) => {
        seen.remember(event);
        expect(event.Records[0]).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: queue.arn });
        return { batchItemFailures: [] };
      },
    });

    // Act
    for (const body of ['a', 'b', 'c', 'd', 'e']) queue.send(body);
    await queue.idle();
    await queue.stop();

    // Assess
    expect(seen.batches.flat().map((record) => record.body)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Math.max(...seen.batches.map((batch) => batch.length))).toBeLessThanOrEqual(2);
    expect(queue.deadLetters).toEqual([]);
  });

  it('redelivers only the reported failures, then dead-letters them after maxReceiveCount', async () => {
    // Prepare: "bad" always fails, "flaky" fails once
    const seen = recorder();
    let flakyFailures = 0;
    const queue = new LocalQueue({
      maxReceiveCount: 3,
      retryDelayMs: () => 5,
      context: () => lambdaContext('queue-test'),
      handler: async (event) => {
        seen.remember(event);
        const failed = event.Records.filter((record) => {
          if (record.body === 'bad') return true;
          if (record.body === 'flaky' && flakyFailures === 0) {
            flakyFailures += 1;
            return true;
          }
          return false;
        });
        return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
      },
    });

    // Act
    queue.send('good');
    queue.send('flaky');
    const badId = queue.send('bad');
    await queue.idle();
    await queue.stop();

    // Assess
    const deliveries = (body: string) =>
      seen.batches
        .flat()
        .filter((record) => record.body === body)
        .map((record) => record.receiveCount);
    expect(deliveries('good')).toEqual(['1']);
    expect(deliveries('flaky')).toEqual(['1', '2']);
    expect(deliveries('bad')).toEqual(['1', '2', '3']);
    expect(queue.deadLetters).toMatchObject([{ messageId: badId, body: 'bad', receiveCount: 3 }]);
  });

  it('backs off while every message fails (a dependency is down) instead of spending every message’s receives', async () => {
    // Prepare: a dependency down for the first 300 ms; 30 messages, batches of 2, retries 10 ms apart
    const started = Date.now();
    const receives: number[] = [];
    const queue = new LocalQueue({
      batchSize: 2,
      retryDelayMs: () => 10,
      backoffMs: (failed) => 50 * 2 ** (failed - 1),
      context: () => lambdaContext('queue-test'),
      handler: async (event) => {
        receives.push(...event.Records.map((record) => Number(record.attributes.ApproximateReceiveCount)));
        const down = Date.now() - started < 300;
        return {
          batchItemFailures: down
            ? event.Records.map((record) => ({ itemIdentifier: record.messageId }))
            : [],
        };
      },
    });

    // Act
    for (let index = 0; index < 30; index += 1) queue.send(`m${index}`);
    await queue.idle();
    await queue.stop();

    // Assess: a few batches failed during the outage (50 + 100 + 200 ms of backoff), nothing was dead-lettered
    expect(queue.deadLetters).toEqual([]);
    expect(receives.length - 30).toBeLessThanOrEqual(10);
  });

  it('treats a thrown invocation as a failure of the whole batch', async () => {
    // Prepare: the first invocation throws, whatever it holds (one message or both, as the batching falls)
    let calls = 0;
    const thrown: string[] = [];
    const handled: string[] = [];
    const queue = new LocalQueue({
      retryDelayMs: () => 5,
      context: () => lambdaContext('queue-test'),
      handler: async (event) => {
        calls += 1;
        const bodies = event.Records.map((record) => record.body);
        if (calls === 1) {
          thrown.push(...bodies);
          throw new Error('init failed');
        }
        handled.push(...bodies);
        return { batchItemFailures: [] };
      },
    });

    // Act
    queue.send('x');
    queue.send('y');
    await queue.idle();
    await queue.stop();

    // Assess: every message of the thrown batch came back, and nothing was lost or dead-lettered
    expect(thrown.length).toBeGreaterThan(0);
    for (const body of thrown) expect(handled).toContain(body);
    expect([...handled].sort()).toEqual(['x', 'y']);
    expect(queue.deadLetters).toEqual([]);
  });

  it('shows what it holds: the batch in flight, and messages waiting with their receives and delays', async () => {
    // Prepare: "a" fails once and waits a minute to come back; "b" is handled until released
    let release = () => {};
    const handling = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = new LocalQueue({
      batchSize: 1,
      retryDelayMs: () => 60_000,
      context: () => lambdaContext('queue-test'),
      handler: async (event) => {
        const [record] = event.Records;
        if (record?.body === 'a') return { batchItemFailures: [{ itemIdentifier: record.messageId }] };
        await handling;
        return { batchItemFailures: [] };
      },
    });

    // Act
    const a = queue.send('a');
    const b = queue.send('b');
    while (queue.snapshot().inFlight[0]?.messageId !== b) await new Promise((done) => setTimeout(done, 5));
    const snapshot = queue.snapshot();
    release();
    await queue.stop();

    // Assess
    expect(snapshot.inFlight).toEqual([
      { messageId: b, body: 'b', receiveCount: 1, forMs: expect.any(Number) },
    ]);
    expect(snapshot.waiting).toEqual([
      { messageId: a, body: 'a', receiveCount: 1, visibleInMs: expect.any(Number) },
    ]);
    expect(snapshot.waiting[0]?.visibleInMs).toBeGreaterThan(50_000);
    expect(snapshot.deadLetters).toEqual([]);
  });
});
