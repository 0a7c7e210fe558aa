import type { LambdaEnvironment } from '../../functions/contract/environment.js';
import { TELEMETRY } from '../../functions/contract/telemetry.js';
import type { StageConfig } from './stages.js';

export interface EnvironmentResources {
  readonly bucketName: string;
  readonly tableName: string;
  /** Only the functions that send to the OCR queue get its URL. */
  readonly ocrQueueUrl?: string;
  /** Only the OCR function publishes ReceiptSettled events. */
  readonly eventBusName?: string;
}

/** The environment of every function (read only by functions/commons/config.ts; names: the contract's). */
export function functionEnvironment(
  config: StageConfig,
  resources: EnvironmentResources,
): Record<string, string> {
  const environment = {
    RECEIPTS_BUCKET: resources.bucketName,
    RECEIPTS_TABLE: resources.tableName,
    ...(resources.ocrQueueUrl === undefined ? {} : { OCR_QUEUE_URL: resources.ocrQueueUrl }),
    ...(resources.eventBusName === undefined ? {} : { RECEIPT_EVENT_BUS: resources.eventBusName }),
    UPLOAD_PREFIX: config.storage.uploadPrefix,
    RESULTS_PREFIX: config.storage.resultsPrefix,
    MAX_UPLOAD_BYTES: String(config.storage.maxUploadBytes),
    // A retryable failure becomes permanent on the last receive the queue allows, before the dead-letter queue.
    MAX_ATTEMPTS: String(config.ocr.maxReceiveCount),
    MIN_REMAINING_SECONDS_TO_START: String(config.ocr.minRemainingSecondsToStart),
    UPLOAD_URL_TTL_SECONDS: String(config.api.uploadUrlTtlSeconds),
    DAILY_RECEIPT_QUOTA: String(config.api.dailyReceiptQuota),
    PENDING_RECORD_TTL_SECONDS: String(config.storage.pendingRecordExpiryDays * 86_400),
    // The records' TTL; the bucket's lifecycle rules expire the images and OCR output on the same horizon.
    RECORD_RETENTION_SECONDS: String(config.storage.retentionDays * 86_400),
    CORS_ALLOWED_ORIGINS: config.api.corsAllowedOrigins.join(','),
    POWERTOOLS_SERVICE_NAME: TELEMETRY.service,
    POWERTOOLS_METRICS_NAMESPACE: TELEMETRY.namespace,
    POWERTOOLS_LOG_LEVEL: config.logLevel,
    POWERTOOLS_LOGGER_SAMPLE_RATE: String(config.logSampleRate),
    STAGE: config.stage,
  } satisfies LambdaEnvironment;
  return environment;
}
