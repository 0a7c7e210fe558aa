/**
 * The API functions' composition root, evaluated once per cold start: config (validated, throws a clear message
 * when a variable is missing), SDK clients, adapters and the ReceiptApiService. Every route module imports it.
 */
import { DynamoDbQuotaCounter } from '../adapters/dynamodb-quota-counter.js';
import { DynamoDbReceiptRepository } from '../adapters/dynamodb-receipt-repository.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { S3UrlSigner } from '../adapters/s3-url-signer.js';
import { SqsReceiptQueue } from '../adapters/sqs-receipt-queue.js';
import { createAwsClients } from '../commons/clients.js';
import { loadApiConfig } from '../commons/config.js';
import { tracer } from '../commons/powertools.js';
import { ReceiptApiService } from '../receipts/api-service.js';
import { DailyQuota } from '../receipts/quota.js';

/** Long enough to load an image in a browser, short enough that a leaked URL soon stops working. */
export const IMAGE_URL_TTL_SECONDS = 300;

export const config = loadApiConfig();
export const clients = createAwsClients();
tracer.captureAWSv3Client(clients.s3);
tracer.captureAWSv3Client(clients.dynamodb);
tracer.captureAWSv3Client(clients.sqs);

export const service = new ReceiptApiService({
  repository: new DynamoDbReceiptRepository(clients.dynamodb, config.table, {
    pendingTtlSeconds: config.pendingRecordTtlSeconds,
    ...(config.retentionSeconds === undefined ? {} : { retentionSeconds: config.retentionSeconds }),
  }),
  quota: new DailyQuota(new DynamoDbQuotaCounter(clients.dynamodb, config.table), config.dailyReceiptQuota),
  objects: new S3ObjectStore(clients.s3),
  signer: new S3UrlSigner(clients.s3),
  ...(config.ocrQueueUrl ? { queue: new SqsReceiptQueue(clients.sqs, config.ocrQueueUrl) } : {}),
  settings: {
    bucket: config.bucket,
    uploadPrefix: config.uploadPrefix,
    maxUploadBytes: config.maxUploadBytes,
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    imageUrlTtlSeconds: IMAGE_URL_TTL_SECONDS,
  },
});

export const cors = { corsAllowedOrigins: config.corsAllowedOrigins };
