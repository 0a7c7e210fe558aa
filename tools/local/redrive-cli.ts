/**
 * `pnpm redrive [receiptId...]`: queues a reprocess of every receipt whose attempts ran out (or of the ids given)
 * on the running local stack (`pnpm start`; endpoints from LOCAL_DATA_DIR/local.json). In AWS, the same is
 * `POST /receipts/{id}/reprocess` (docs/pipeline.md).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { SqsReceiptQueue } from '../../functions/adapters/sqs-receipt-queue.js';
import { createAwsClients } from '../../functions/commons/clients.js';
import { parseArgsOrExit } from '../cli/run-main.js';
import { loadLocalStackConfig, S3RVER_CREDENTIALS } from './config.js';
import { LOCAL_INFO_FILE } from './data-dir.js';
import { redrive } from './redrive.js';

const LocalInfoSchema = z.object({
  dynamodbEndpoint: z.string(),
  table: z.string(),
  region: z.string(),
  sqsEndpoint: z.string(),
  queueUrl: z.string(),
});

const { positionals } = parseArgsOrExit('usage: pnpm redrive [receiptId...]', { allowPositionals: true });
const file = join(loadLocalStackConfig().dataDir, LOCAL_INFO_FILE);
let info: z.infer<typeof LocalInfoSchema>;
try {
  info = LocalInfoSchema.parse(JSON.parse(await readFile(file, 'utf8')));
} catch {
  console.error(`pnpm redrive: no running local stack described in ${file}: run pnpm start first`);
  process.exit(1);
}
const clients = createAwsClients({
  region: info.region,
  dynamodbEndpoint: info.dynamodbEndpoint,
  sqsEndpoint: info.sqsEndpoint,
  credentials: S3RVER_CREDENTIALS,
});
try {
  const result = await redrive({
    dynamodb: clients.dynamodb,
    table: info.table,
    repository: new DynamoDbReceiptRepository(clients.dynamodb, info.table),
    queue: new SqsReceiptQueue(clients.sqs, info.queueUrl),
    ...(positionals.length > 0 ? { receiptIds: positionals } : {}),
  });
  console.log(
    `queued ${result.queued.length} receipt(s) for another run${result.queued.length ? `: ${result.queued.join(', ')}` : ''}`,
  );
  for (const { receiptId, reason } of result.skipped) console.log(`skipped ${receiptId}: ${reason}`);
} catch (error) {
  console.error(
    `pnpm redrive: ${error instanceof Error ? error.message : String(error)} (is pnpm start running?)`,
  );
  process.exitCode = 1;
} finally {
  clients.dynamodb.destroy();
  clients.sqs.destroy();
  clients.s3.destroy();
}
