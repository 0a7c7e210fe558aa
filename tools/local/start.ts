/**
 * `pnpm start`: the whole pipeline on this machine — S3 (s3rver), DynamoDB (dynalite), the OCR queue and the OCR
 * handler — in one process. Data stays under .data/ across restarts; Ctrl-C stops it cleanly.
 */
import { join, resolve } from 'node:path';
import { buildWeb } from '../../web/build.js';
import { startLocalApi } from './api/server.js';
import { apiUsage } from './api/usage.js';
import { localWeb } from './api/web.js';
import { loadLocalStackConfig } from './config.js';
import { writeLocalInfo } from './data-dir.js';
import { startLocalStack } from './stack.js';
import { usage } from './usage.js';

const config = loadLocalStackConfig();
console.log('starting the local stack (loading the OCR engine)...');
const stack = await startLocalStack({
  dataDir: config.dataDir,
  s3Port: config.s3Port,
  dynamodbPort: config.dynamodbPort,
  queue: {
    onBatch: (report) => {
      if (report.failed > 0) {
        console.log(
          `queue: ${report.failed}/${report.messages} message(s) will be retried, ${report.deadLettered} dead-lettered`,
        );
      }
    },
  },
});

// Each settled receipt's event, as a rule on the stage's bus would deliver it.
stack.events.subscribe((event) => {
  const detail = event.detail as { receiptId?: string; status?: string; errorCode?: string };
  console.log(
    `event: ${event['detail-type']} ${detail.receiptId} ${detail.status}${detail.errorCode ? ` ${detail.errorCode}` : ''}`,
  );
});

// The review page: built now (esbuild, well under a second), served at / of the API with tokens for these users.
const web = buildWeb();
const apiUser = 'alice';
const webUsers = [apiUser, 'bob'];

// The REST API on the same stack: same handler environment, reprocess requests go to the stack's queue.
const api = await startLocalApi({
  port: config.apiPort,
  dataDir: resolve(config.dataDir),
  env: stack.env,
  queue: stack.queue,
  events: stack.events,
  log: (line) => console.log(`api: ${line}`),
  web: (signer) => localWeb({ dir: web.outDir, users: webUsers, s3Endpoint: stack.s3Endpoint }, signer),
});
const token = await api.signer.sign(apiUser);

const local = {
  webUrl: `${api.url}/`,
  apiUrl: api.url,
  token,
  s3Endpoint: stack.s3Endpoint,
  dynamodbEndpoint: stack.dynamodbEndpoint,
  bucket: stack.bucket,
  table: stack.table,
  region: stack.region,
  // For `pnpm redrive`: the SQS stand-in that feeds the stack's queue.
  sqsEndpoint: api.sqsEndpoint,
  queueUrl: api.queueUrl,
};
await writeLocalInfo(resolve(config.dataDir), local);
console.log(usage(local, config.dataDir));
console.log(apiUsage({ apiUrl: api.url, token, userId: apiUser }, join(config.dataDir, 'local.json')));
console.log(`Review page  ${local.webUrl}   (users: ${webUsers.join(', ')})`);
if (stack.requeued > 0)
  console.log(`queued ${stack.requeued} upload(s) that arrived while the stack was stopped`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: finishing the batch in flight and stopping...`);
  await api.close();
  await stack.stop();
  console.log('stopped; data kept under', resolve(config.dataDir));
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
