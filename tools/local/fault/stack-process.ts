/**
 * The local stack in a process of its own, for burst and fault runs (fault-run.ts forks it): the driver can then
 * measure its memory alone, take S3 or DynamoDB down inside it, and kill it outright (SIGKILL) as a crash would.
 * Configured like `pnpm start` (LOCAL_DATA_DIR, S3_PORT, DYNAMODB_PORT); talks to the driver over the IPC channel.
 */
import { loadLocalStackConfig } from '../config.js';
import { startLocalStack } from '../stack.js';
import type { DriverMessage, StackMessage } from './messages.js';

function send(message: StackMessage): void {
  process.send?.(message);
}

const config = loadLocalStackConfig();
let retries = 0;
const stack = await startLocalStack({
  dataDir: config.dataDir,
  s3Port: config.s3Port,
  dynamodbPort: config.dynamodbPort,
  env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  queue: {
    onBatch: (report) => {
      retries += report.failed - report.deadLettered;
    },
  },
});
send({ type: 'ready', requeued: stack.requeued, pid: process.pid });

const status = setInterval(() => {
  send({
    type: 'status',
    rss: process.memoryUsage.rss(),
    depth: stack.queue.depth,
    retries,
    deadLettered: stack.queue.deadLetters.length,
  });
}, 250);

// A driver that died leaves nobody to stop this process: go with it (the data folder is the driver's to remove).
process.on('disconnect', () => process.exit(1));

process.on('message', (message: DriverMessage) => {
  if (message.type === 'outage') {
    void (async () => {
      const restore = await stack.outage(message.service);
      send({ type: 'down', service: message.service });
      await new Promise((resolve) => setTimeout(resolve, message.ms));
      await restore();
      send({ type: 'restored', service: message.service });
    })();
  } else if (message.type === 'stop') {
    void (async () => {
      clearInterval(status);
      await stack.stop();
      process.exit(0);
    })();
  }
});
