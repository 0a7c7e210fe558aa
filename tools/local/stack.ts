/**
 * The local stack as a library: s3rver + dynalite + an in-process SQS-like queue feeding the real OCR handler
 * (functions/ocr/handler.ts, loaded exactly as Lambda loads it, configured by environment variables). `pnpm start`
 * (start.ts) is a thin wrapper; the HTTP API server plugs into the same process through the returned object.
 */
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { S3rverEvent } from 's3rver';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { createAwsClients } from '../../functions/commons/clients.js';
import { encodeS3Key } from '../../functions/ocr/events.js';
import { findMissedUploads } from './catch-up.js';
import { S3RVER_CREDENTIALS } from './config.js';
import { lockDataDir } from './data-dir.js';
import { type LocalEventBus, startLocalEventBus } from './event-bus.js';
import { lambdaContext } from './lambda-context.js';
import { LocalQueue, type LocalQueueOptions } from './queue.js';
import { ensureReceiptsTable, LOCAL_HOST, LOCAL_REGION, startDynamo, startS3 } from './servers.js';

export interface LocalStackOptions {
  /** Folder for s3rver files (`s3/`) and dynalite's LevelDB (`dynamodb/`). Default `.data`. */
  dataDir?: string;
  /** 0 picks a free port. Defaults 4568 and 4567. */
  s3Port?: number;
  dynamodbPort?: number;
  bucket?: string;
  table?: string;
  uploadPrefix?: string;
  /** Retry behaviour of the local queue (defaults: 3 receives, 500 ms exponential backoff). */
  queue?: Pick<LocalQueueOptions, 'maxReceiveCount' | 'retryDelayMs' | 'batchSize' | 'onBatch'>;
  /** Environment for the handlers beyond what the stack sets (e.g. POWERTOOLS_LOG_LEVEL, OCR_LANGUAGES). */
  env?: Record<string, string>;
}

export interface LocalStack {
  s3Endpoint: string;
  dynamodbEndpoint: string;
  bucket: string;
  table: string;
  region: string;
  uploadPrefix: string;
  /** The queue in front of the OCR handler: also the local ReceiptQueue for reprocess requests. */
  queue: LocalQueue;
  /** Where the OCR handler publishes `ReceiptSettled` events (the stand-in for the stage's EventBridge bus). */
  events: LocalEventBus;
  /** The variables the handlers run with (config, endpoints, s3rver credentials). */
  env: Record<string, string>;
  /** Uploads found at start without a settled record (dropped while the stack was stopped), queued again. */
  requeued: number;
  /**
   * Takes S3 or DynamoDB down (a real outage: new connections refused and open ones dropped, so a client busy on a
   * keep-alive connection is cut off too; data kept) until the returned function brings it back on the same port. For fault runs (tools/local/fault/fault-run.ts).
   */
  outage(service: 's3' | 'dynamodb'): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

type S3rverRecord = S3rverEvent['Records'][number];

/** S3 notification as S3 sends it to SQS (key URL-encoded), from s3rver's event for one object. */
function toS3Notification(record: S3rverRecord, region: string) {
  const { bucket, object } = record.s3;
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: record.eventTime,
        eventName: record.eventName,
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'ocr-uploads',
          bucket: {
            name: bucket.name,
            ownerIdentity: { principalId: 'local' },
            arn: `arn:aws:s3:::${bucket.name}`,
          },
          object: {
            key: encodeS3Key(object.key),
            ...(object.size === undefined ? {} : { size: object.size }),
            ...(object.eTag ? { eTag: object.eTag } : {}),
            ...(object.sequencer ? { sequencer: object.sequencer } : {}),
          },
        },
      },
    ],
  };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const bucket = options.bucket ?? 'receipts';
  const table = options.table ?? 'receipts';
  const uploadPrefix = options.uploadPrefix ?? 'uploads/';
  const region = LOCAL_REGION;

  const lock = await lockDataDir(dataDir);
  const s3Options = {
    directory: resolve(dataDir, 's3'),
    buckets: [bucket],
    // The review page is served by the local API on 127.0.0.1 (any port) and uploads straight to the bucket.
    browserOrigins: [`http://${LOCAL_HOST}:*`, 'http://localhost:*'],
  };
  const dynamoOptions = { directory: resolve(dataDir, 'dynamodb') };
  let s3 = await startS3({ port: options.s3Port ?? 4568, ...s3Options }).catch(async (error: unknown) => {
    await lock.release();
    throw error;
  });
  const dynamo = await startDynamo({ port: options.dynamodbPort ?? 4567, ...dynamoOptions }).catch(
    async (error: unknown) => {
      await Promise.allSettled([s3.close(), lock.release()]);
      throw error;
    },
  );
  const events = await startLocalEventBus({ busName: 'receipt-ocr-local', region }).catch(
    async (error: unknown) => {
      await Promise.allSettled([s3.close(), dynamo.close(), lock.release()]);
      throw error;
    },
  );
  const admin = new DynamoDBClient({ region, endpoint: dynamo.endpoint, credentials: S3RVER_CREDENTIALS });
  await ensureReceiptsTable(admin, table);
  admin.destroy();

  const env: Record<string, string> = {
    POWERTOOLS_SERVICE_NAME: 'receipt-ocr',
    // EMF lines mean nothing without CloudWatch; logs stay on.
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...options.env,
    RECEIPTS_BUCKET: bucket,
    RECEIPTS_TABLE: table,
    UPLOAD_PREFIX: uploadPrefix,
    AWS_REGION: region,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    RECEIPT_EVENT_BUS: events.busName,
    AWS_ENDPOINT_URL_EVENTBRIDGE: events.endpoint,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
  };
  // The handler module reads its configuration at import, as in Lambda: set the environment first.
  Object.assign(process.env, env);
  const ocr = await import('../../functions/ocr/handler.js');

  const queue = new LocalQueue({
    ...options.queue,
    region,
    context: () => lambdaContext('receipt-ocr-local'),
    handler: (event: SQSEvent, context) =>
      ocr.handler(event, context) as Promise<SQSBatchResponse | undefined>,
  });

  // Like the bucket notification in the cloud: ObjectCreated under the upload prefix only.
  const notify = (event: S3rverEvent) => {
    for (const record of event.Records) {
      if (record.eventName.startsWith('ObjectCreated:') && record.s3.object.key.startsWith(uploadPrefix)) {
        queue.send(JSON.stringify(toS3Notification(record, region)));
      }
    }
  };
  s3.onEvent(notify);

  const clients = createAwsClients({
    region,
    s3Endpoint: s3.endpoint,
    dynamodbEndpoint: dynamo.endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  const missed = await findMissedUploads({
    s3: clients.s3,
    repository: new DynamoDbReceiptRepository(clients.dynamodb, table),
    bucket,
    uploadPrefix,
  });
  clients.s3.destroy();
  clients.dynamodb.destroy();
  for (const upload of missed) {
    const record: S3rverRecord = {
      eventName: 'ObjectCreated:Put',
      eventTime: new Date().toISOString(),
      s3: {
        bucket: { name: bucket },
        object: { key: upload.key, size: upload.size, eTag: upload.eTag?.replaceAll('"', '') },
      },
    };
    queue.send(JSON.stringify(toS3Notification(record, region)), upload.interruptedDeliveryId);
  }

  return {
    requeued: missed.length,
    s3Endpoint: s3.endpoint,
    dynamodbEndpoint: dynamo.endpoint,
    bucket,
    table,
    region,
    uploadPrefix,
    queue,
    events,
    env,
    async outage(service) {
      if (service === 's3') {
        const { port } = s3;
        await s3.close({ abrupt: true });
        return async () => {
          s3 = await startS3({ port, ...s3Options });
          s3.onEvent(notify);
        };
      }
      return dynamo.disconnect();
    },
    async stop() {
      await queue.stop();
      await ocr.shutdown();
      await Promise.allSettled([s3.close(), dynamo.close(), events.close()]);
      await lock.release();
    },
  };
}
