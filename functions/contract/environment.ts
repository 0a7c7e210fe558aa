/**
 * The Lambda environment contract: every variable infra sets on a function and functions/commons/config.ts
 * reads. Both sides are typed by `LambdaEnvironment`, so a name written on one side only fails `tsc`.
 */
export const LAMBDA_ENVIRONMENT_NAMES = [
  'RECEIPTS_BUCKET',
  'RECEIPTS_TABLE',
  'UPLOAD_PREFIX',
  'RESULTS_PREFIX',
  'MAX_UPLOAD_BYTES',
  'OCR_LANGUAGES',
  'TESSDATA_PATH',
  'MAX_ATTEMPTS',
  'MIN_REMAINING_SECONDS_TO_START',
  'RECORD_RETENTION_SECONDS',
  'OCR_QUEUE_URL',
  'RECEIPT_EVENT_BUS',
  'UPLOAD_URL_TTL_SECONDS',
  'DAILY_RECEIPT_QUOTA',
  'PENDING_RECORD_TTL_SECONDS',
  'CORS_ALLOWED_ORIGINS',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_LOG_LEVEL',
  'POWERTOOLS_LOGGER_SAMPLE_RATE',
  'STAGE',
] as const;

export type LambdaEnvironmentName = (typeof LAMBDA_ENVIRONMENT_NAMES)[number];

/** What infra writes: any subset of the contract, as strings. */
export type LambdaEnvironment = Partial<Record<LambdaEnvironmentName, string>>;
