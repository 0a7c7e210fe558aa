/**
 * Builds the ReceiptApiService from validated config, SDK clients and a clock: the Lambda composition root
 * (runtime.ts) and the tests call the same function, so a test runs exactly the adapters Lambda runs.
 */
import { DynamoDbQuotaCounter } from '../adapters/dynamodb-quota-counter.js';
import { DynamoDbReceiptRepository } from '../adapters/dynamodb-receipt-repository.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { S3UrlSigner } from '../adapters/s3-url-signer.js';
import { SqsReceiptQueue } from '../adapters/sqs-receipt-queue.js';
import type { AwsClients } from '../commons/clients.js';
import type { ApiConfig } from '../commons/config.js';
import { ReceiptApiService } from '../receipts/api-service.js';
import { DailyQuota } from '../receipts/quota.js';

/** Long enough to load an image in a browser, short enough that a leaked URL soon stops working. */
export const IMAGE_URL_TTL_SECONDS = 300;

export interface ApiServiceDependencies {
  readonly config: ApiConfig;
  readonly clients: AwsClients;
  /** The time records are stamped with and URLs are signed at. */
  readonly clock: () => Date;
}

export function createApiService({ config, clients, clock }: ApiServiceDependencies): ReceiptApiService {
  return new ReceiptApiService({
    repository: new DynamoDbReceiptRepository(clients.dynamodb, config.table, {
      pendingTtlSeconds: config.pendingRecordTtlSeconds,
      ...(config.retentionSeconds === undefined ? {} : { retentionSeconds: config.retentionSeconds }),
    }),
    quota: new DailyQuota(new DynamoDbQuotaCounter(clients.dynamodb, config.table), config.dailyReceiptQuota),
    objects: new S3ObjectStore(clients.s3),
    signer: new S3UrlSigner(clients.s3, clock),
    ...(config.ocrQueueUrl ? { queue: new SqsReceiptQueue(clients.sqs, config.ocrQueueUrl) } : {}),
    settings: {
      bucket: config.bucket,
      uploadPrefix: config.uploadPrefix,
      maxUploadBytes: config.maxUploadBytes,
      uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
      imageUrlTtlSeconds: IMAGE_URL_TTL_SECONDS,
    },
    clock,
  });
}
