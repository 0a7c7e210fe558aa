/**
 * The outages of fault runs (stack.ts `outage`) are real for a client already connected. A graceful close waits
 * for every open connection to end, and a client that keeps its keep-alive connections busy is served meanwhile:
 * in the fault run the outage then began only once the queue had drained, every receipt was final before the
 * next fault, and the driver waited for one record more than there were uploads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { S3RVER_CREDENTIALS } from '../../tools/local/config.js';
import { LOCAL_REGION, startDynamo, startS3 } from '../../tools/local/servers.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'receipt-ocr-outage-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const client = { region: LOCAL_REGION, credentials: S3RVER_CREDENTIALS, maxAttempts: 1 };

/**
 * Three requests at a time, back to back, until told to stop: a client that never leaves its connections idle, as
 * the OCR handler's SDK clients do when their calls overlap (such a client kept s3rver's graceful close from ending
 * for 15 s and more in one measurement, not in every one: it depends on where the requests are when it begins).
 */
async function busyClient(send: () => Promise<unknown>): Promise<() => Promise<void>> {
  let stopped = false;
  let served = 0;
  const loops = [1, 2, 3].map(async () => {
    while (!stopped)
      await send().then(
        () => (served += 1),
        () => {},
      );
  });
  // Until its connections are open and in turn.
  while (served < 30) await new Promise((done) => setTimeout(done, 10));
  return async () => {
    stopped = true;
    await Promise.all(loops);
  };
}

it('DynamoDB: cuts off a busy client at once, refuses it while down, and serves the same data again', {
  timeout: 15_000,
}, async () => {
  // Prepare
  const dynamo = await startDynamo({ port: 0, directory: join(directory, 'dynamodb') });
  const dynamodb = new DynamoDBClient({ ...client, endpoint: dynamo.endpoint });
  const list = () => dynamodb.send(new ListTablesCommand({}));
  await list();
  const stopBusy = await busyClient(list);

  // Act
  const restore = await dynamo.disconnect();
  const down = await list().catch((error: unknown) => error);
  await restore();
  const up = await list();
  await stopBusy();

  // Assess
  expect(down).toBeInstanceOf(Error);
  expect(up.TableNames).toEqual([]);
  dynamodb.destroy();
  await dynamo.close();
});

it('S3: an abrupt close cuts off a busy client at once', { timeout: 15_000 }, async () => {
  // Prepare
  const s3 = await startS3({ port: 0, directory: join(directory, 's3'), buckets: ['receipts'] });
  const s3Client = new S3Client({ ...client, endpoint: s3.endpoint, forcePathStyle: true });
  const list = () => s3Client.send(new ListObjectsV2Command({ Bucket: 'receipts' }));
  await list();
  const stopBusy = await busyClient(list);

  // Act
  await s3.close({ abrupt: true });
  const down = await list().catch((error: unknown) => error);
  await stopBusy();

  // Assess
  expect(down).toBeInstanceOf(Error);
  s3Client.destroy();
});
