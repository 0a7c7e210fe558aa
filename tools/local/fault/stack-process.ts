/**
 * The local stack in a process of its own, for burst and fault runs (fault-run.ts forks it): the driver can then
 * measure its memory alone, take S3 or DynamoDB down inside it, and kill it outright (SIGKILL) as a crash would.
 * Configured like `pnpm start` (LOCAL_DATA_DIR, S3_PORT, DYNAMODB_PORT; STACK_RETRY_DELAY_MS shortens the queue's
 * retry delay); talks to the driver over the IPC channel.
 * With STACK_STANDBY=1 it loads its code (and the engine's) and waits for `start` before it touches the data
 * folder: the driver readies the process that replaces a killed one while the first still runs, as a supervisor
 * with a warm spare would, so the restart costs the stack's start and not the loading of its modules.
 */

import { workFromMessageBody } from '../../../functions/ocr/events.js';
import { wasmResident } from '../../bench/memory.js';
import { loadLocalStackConfig } from '../config.js';
import { startLocalStack } from '../stack.js';
import type { DriverMessage, QueuedMessage, StackMessage } from './messages.js';

function send(message: StackMessage): void {
  process.send?.(message);
}

// A driver that died leaves nobody to stop this process: go with it (the data folder is the driver's to remove).
process.on('disconnect', () => process.exit(1));

if (process.env.STACK_STANDBY === '1') {
  // The engine's modules (tesseract.js, sharp) load with the OCR handler at start: load them now.
  await import('@receipt-ocr/engine');
  await new Promise<void>((resolve) => {
    process.on('message', (message: DriverMessage) => {
      if (message.type === 'start') resolve();
      // Never started: nothing to stop but the process.
      else if (message.type === 'stop') process.exit(0);
    });
    send({ type: 'loaded' });
  });
}

const config = loadLocalStackConfig();
// A run with short outages may shorten the queue's retry delay (fault-run.ts retryDelayMs).
const retryDelay = Number(process.env.STACK_RETRY_DELAY_MS);
let retries = 0;
let handled = 0;
const stack = await startLocalStack({
  dataDir: config.dataDir,
  s3Port: config.s3Port,
  dynamodbPort: config.dynamodbPort,
  env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  queue: {
    ...(retryDelay > 0 ? { retryDelayMs: (receives: number) => retryDelay * 4 ** (receives - 1) } : {}),
    onBatch: (report) => {
      retries += report.failed - report.deadLettered;
      handled += report.messages - report.failed + report.deadLettered;
    },
  },
});
send({ type: 'ready', requeued: stack.requeued, pid: process.pid });

// RSS every 250 ms (a peak is short); the WASM breakdown reads /proc/self/smaps, so only every fourth time.
let ticks = 0;
let wasm: number[] = [];
const status = setInterval(() => {
  if (ticks++ % 4 === 0) wasm = wasmResident();
  const { rss, heapUsed } = process.memoryUsage();
  send({
    type: 'status',
    rss,
    heapUsed,
    wasm,
    depth: stack.queue.depth,
    handled,
    retries,
    deadLettered: stack.queue.deadLetters.length,
  });
}, 250);

/** An upload's key, or the receipt a reprocess message names. */
function about(body: string): string {
  try {
    return workFromMessageBody(body)
      .map((work) =>
        work.type === 'object'
          ? work.key
          : work.type === 'reprocess'
            ? `reprocess ${work.message.receiptId}`
            : work.reason,
      )
      .join(', ');
  } catch {
    return 'unreadable message';
  }
}

const queued = (
  message: { messageId: string; body: string; receiveCount: number },
  ms: number,
): QueuedMessage => ({
  messageId: message.messageId,
  about: about(message.body),
  receiveCount: message.receiveCount,
  ms,
});

/** Each outage begun and not over, by service: going down, down or coming back. */
const outages = new Map<string, string>();

process.on('message', (message: DriverMessage) => {
  if (message.type === 'outage') {
    void (async () => {
      outages.set(message.service, 'going down');
      const restore = await stack.outage(message.service);
      outages.set(message.service, 'down');
      send({ type: 'down', service: message.service });
      await new Promise((resolve) => setTimeout(resolve, message.ms));
      outages.set(message.service, 'coming back');
      await restore();
      outages.delete(message.service);
      send({ type: 'restored', service: message.service });
    })();
  } else if (message.type === 'diagnose') {
    const snapshot = stack.queue.snapshot();
    send({
      type: 'queue',
      waiting: snapshot.waiting.map((entry) => queued(entry, entry.visibleInMs)),
      inFlight: snapshot.inFlight.map((entry) => queued(entry, entry.forMs)),
      failedBatches: snapshot.failedBatches,
      deadLetters: snapshot.deadLetters.map(({ messageId, body, receiveCount }) => ({
        messageId,
        about: about(body),
        receiveCount,
      })),
      outages: [...outages].map(([service, state]) => `${service} ${state}`),
    });
  } else if (message.type === 'stop') {
    void (async () => {
      clearInterval(status);
      await stack.stop();
      process.exit(0);
    })();
  }
});
