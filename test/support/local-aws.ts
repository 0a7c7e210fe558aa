/**
 * Real s3rver + dynalite for tests, on random ports with throw-away data, and SDK clients wired to them through
 * the production client factory. One per test file (beforeAll/afterAll):
 *
 *   const aws = await startLocalAws();
 *   ... aws.clients.s3 / aws.clients.dynamodb / aws.storageConfig / aws.env ...
 *   await aws.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3rverEvent } from 's3rver';
import { type AwsClients, createAwsClients } from '../../functions/commons/clients.js';
import type { AwsEndpoints, StorageConfig } from '../../functions/commons/config.js';
import { S3RVER_CREDENTIALS } from '../../tools/local/config.js';
import {
  ensureReceiptsTable,
  LOCAL_REGION,
  type RunningDynamo,
  startDynamo,
  startS3,
} from '../../tools/local/servers.js';

export interface LocalAws {
  endpoints: AwsEndpoints & { s3Endpoint: string; dynamodbEndpoint: string };
  clients: AwsClients;
  storageConfig: StorageConfig;
  /** Environment variables a handler module needs to load its config against these servers. */
  env: Record<string, string>;
  /** Every event s3rver emitted so far (keys raw, not URL-encoded). */
  s3Events: S3rverEvent[];
  /** Uploads bytes with the production S3 client. */
  upload(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /** Takes DynamoDB down (a real outage: connections refused), keeping its data on disk. */
  stopDynamo(): Promise<void>;
  /** Brings DynamoDB back on the same port with the same data. */
  restartDynamo(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalAwsOptions {
  bucket?: string;
  table?: string;
  /** Overrides of the storage config (prefixes, size limit). */
  storage?: Partial<StorageConfig>;
}

export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const directory = await mkdtemp(join(tmpdir(), 'receipt-ocr-aws-'));
  const bucket = options.bucket ?? 'receipts-test';
  const table = options.table ?? 'receipts-test';
  const s3 = await startS3({ port: 0, directory: join(directory, 's3'), buckets: [bucket] });
  // On disk (in the throw-away folder), so a test can stop and restart it without losing data.
  const dynamoDirectory = join(directory, 'dynamodb');
  let dynamo: RunningDynamo | undefined = await startDynamo({ port: 0, directory: dynamoDirectory });
  const { port: dynamoPort, endpoint: dynamoEndpoint } = dynamo;
  const endpoints = {
    region: LOCAL_REGION,
    s3Endpoint: s3.endpoint,
    dynamodbEndpoint: dynamoEndpoint,
    credentials: { ...S3RVER_CREDENTIALS },
  };
  const admin = new DynamoDBClient({
    region: LOCAL_REGION,
    endpoint: dynamoEndpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  await ensureReceiptsTable(admin, table);
  admin.destroy();
  const clients = createAwsClients(endpoints);
  const storageConfig: StorageConfig = {
    bucket,
    table,
    uploadPrefix: 'uploads/',
    resultsPrefix: 'results/',
    maxUploadBytes: 15 * 1024 * 1024,
    ...options.storage,
  };
  const s3Events: S3rverEvent[] = [];
  s3.onEvent((event) => s3Events.push(event));
  return {
    endpoints,
    clients,
    storageConfig,
    env: {
      RECEIPTS_BUCKET: bucket,
      RECEIPTS_TABLE: table,
      UPLOAD_PREFIX: storageConfig.uploadPrefix,
      RESULTS_PREFIX: storageConfig.resultsPrefix,
      MAX_UPLOAD_BYTES: String(storageConfig.maxUploadBytes),
      AWS_REGION: LOCAL_REGION,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    s3Events,
    async upload(key, body, contentType) {
      await clients.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ...(contentType ? { ContentType: contentType } : {}),
        }),
      );
    },
    async stopDynamo() {
      await dynamo?.close();
      dynamo = undefined;
    },
    async restartDynamo() {
      dynamo ??= await startDynamo({ port: dynamoPort, directory: dynamoDirectory });
    },
    async stop() {
      clients.s3.destroy();
      clients.dynamodb.destroy();
      clients.sqs.destroy();
      await Promise.allSettled([s3.close(), dynamo?.close()]);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
