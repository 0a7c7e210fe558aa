/**
 * An in-process stand-in for the SQS queue in front of the OCR function, so the local stack exercises the same
 * code path as AWS: messages are delivered in SQS-shaped batches, `batchItemFailures` are honoured (only those
 * messages come back, after a visibility delay, with ApproximateReceiveCount + 1), and a message that fails
 * `maxReceiveCount` times moves to a dead-letter list. One batch at a time, like a function with maximum
 * concurrency 1 (the OCR engine reads one image at a time anyway).
 *
 * Hand-written because no maintained library emulates SQS -> Lambda event source mappings in-process; it is kept
 * to delivery, retry and dead-lettering.
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ReprocessMessage } from '../../functions/receipts/messages.js';
import type { ReceiptQueue } from '../../functions/receipts/ports.js';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface LocalQueueOptions {
  handler: SqsHandler;
  /** Builds the context of each invocation. */
  context: () => Context;
  name?: string;
  region?: string;
  /** Messages per invocation (SQS event source mapping BatchSize). Default 10. */
  batchSize?: number;
  /** Deliveries before a message goes to the dead-letter list (redrive policy). Default 3. */
  maxReceiveCount?: number;
  /**
   * Delay before a failed message is visible again. Default 5 s after the first receive, 20 s after the second.
   * In AWS a failed message comes back after the visibility timeout (six function timeouts: minutes); locally it
   * is seconds, but spread enough that a short outage of S3 or DynamoDB does not use up a message's receives.
   */
  retryDelayMs?: (receiveCount: number) => number;
  /**
   * Pause before the next delivery after `failedBatches` consecutive batches in which every message failed (a
   * dependency is down): the consumer backs off instead of cycling every queued message through the outage,
   * each one spending a receive. Default 0.5 s doubling to 30 s; any success resets it.
   */
  backoffMs?: (failedBatches: number) => number;
  /** Told about each invocation's result (the local stack prints it). */
  onBatch?: (report: { messages: number; failed: number; deadLettered: number; error?: unknown }) => void;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  deadLetteredAt: string;
}

/** What the queue holds right now, for a run that waits too long to say why (fault-run.ts). */
export interface QueueSnapshot {
  /** Messages waiting, each with its receives so far and when it is visible again (0: now). */
  waiting: { messageId: string; body: string; receiveCount: number; visibleInMs: number }[];
  /** Messages of the batch being handled, and for how long. */
  inFlight: { messageId: string; body: string; receiveCount: number; forMs: number }[];
  /** Consecutive batches in which every message failed (the consumer backs off after each). */
  failedBatches: number;
  deadLetters: DeadLetter[];
}

interface Message {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

export class LocalQueue implements ReceiptQueue {
  readonly deadLetters: DeadLetter[] = [];
  readonly arn: string;
  readonly #options: Required<Omit<LocalQueueOptions, 'onBatch'>> & Pick<LocalQueueOptions, 'onBatch'>;
  #messages: Message[] = [];
  #inFlight: Message[] = [];
  #deliveredAt = 0;
  #failedBatches = 0;
  #stopped = false;
  #wake: (() => void) | undefined;
  #stopWake: (() => void) | undefined;
  #idleWaiters: (() => void)[] = [];
  readonly #loop: Promise<void>;

  constructor(options: LocalQueueOptions) {
    this.#options = {
      name: 'receipts-ocr-local',
      region: 'us-east-1',
      batchSize: 10,
      maxReceiveCount: 3,
      retryDelayMs: (receives) => 5_000 * 4 ** (receives - 1),
      backoffMs: (failedBatches) => Math.min(30_000, 500 * 2 ** (failedBatches - 1)),
      ...options,
    };
    this.arn = `arn:aws:sqs:${this.#options.region}:000000000000:${this.#options.name}`;
    this.#loop = this.#run();
  }

  /**
   * Enqueues a message body; returns its message id. `messageId` re-sends a message that was in flight when the
   * process died, as SQS would redeliver it: the same id lets its interrupted run resume.
   */
  send(body: string, messageId: string = randomUUID()): string {
    if (this.#stopped) throw new Error('the local queue is stopped');
    this.#messages.push({ messageId, body, sentAt: Date.now(), receiveCount: 0, visibleAt: 0 });
    this.#wake?.();
    return messageId;
  }

  async sendReprocess(message: ReprocessMessage): Promise<void> {
    this.send(JSON.stringify(message));
  }

  /** Messages waiting or being processed. */
  get depth(): number {
    return this.#messages.length + this.#inFlight.length;
  }

  snapshot(): QueueSnapshot {
    const now = Date.now();
    return {
      waiting: this.#messages.map(({ messageId, body, receiveCount, visibleAt }) => ({
        messageId,
        body,
        receiveCount,
        visibleInMs: Math.max(0, visibleAt - now),
      })),
      inFlight: this.#inFlight.map(({ messageId, body, receiveCount }) => ({
        messageId,
        body,
        receiveCount,
        forMs: now - this.#deliveredAt,
      })),
      failedBatches: this.#failedBatches,
      deadLetters: [...this.deadLetters],
    };
  }

  /** Resolves when every message was handled or dead-lettered. */
  idle(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Finishes the batch in flight, then stops; undelivered messages are dropped (S3 keeps the objects). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    this.#stopWake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      const now = Date.now();
      const visible = this.#messages
        .filter((message) => message.visibleAt <= now)
        .slice(0, this.#options.batchSize);
      if (visible.length === 0) {
        const next = Math.min(...this.#messages.map((message) => message.visibleAt));
        await this.#sleep(Number.isFinite(next) ? next - now : undefined);
        continue;
      }
      const taken = new Set(visible);
      this.#messages = this.#messages.filter((message) => !taken.has(message));
      this.#inFlight = visible;
      this.#deliveredAt = Date.now();
      const allFailed = await this.#deliver(visible);
      this.#inFlight = [];
      if (this.depth === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
      this.#failedBatches = allFailed ? this.#failedBatches + 1 : 0;
      if (allFailed && this.depth > 0) await this.#backOff(this.#options.backoffMs(this.#failedBatches));
    }
  }

  /** Delivers one batch; true when every message of it failed. */
  async #deliver(batch: Message[]): Promise<boolean> {
    for (const message of batch) message.receiveCount += 1;
    let failedIds: Set<string>;
    let error: unknown;
    try {
      const response = await this.#options.handler(
        { Records: batch.map((message) => this.#record(message)) },
        this.#options.context(),
      );
      failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (thrown) {
      // A thrown invocation fails the whole batch, as with Lambda.
      error = thrown;
      failedIds = new Set(batch.map((message) => message.messageId));
    }
    let deadLettered = 0;
    for (const message of batch) {
      if (!failedIds.has(message.messageId)) continue;
      if (message.receiveCount >= this.#options.maxReceiveCount) {
        deadLettered += 1;
        this.deadLetters.push({
          messageId: message.messageId,
          body: message.body,
          receiveCount: message.receiveCount,
          deadLetteredAt: new Date().toISOString(),
        });
      } else {
        message.visibleAt = Date.now() + this.#options.retryDelayMs(message.receiveCount);
        this.#messages.push(message);
      }
    }
    this.#options.onBatch?.({
      messages: batch.length,
      failed: failedIds.size,
      deadLettered,
      ...(error ? { error } : {}),
    });
    return batch.every((message) => failedIds.has(message.messageId));
  }

  #record(message: Message): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: this.#options.region,
    };
  }

  /** Like #sleep, but new messages do not cut it short (only stop() does): a burst must not end the backoff. */
  #backOff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const stopWake = () => done();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#stopWake = stopWake;
    });
  }

  #sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, Math.max(ms, 1));
      function done() {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}
