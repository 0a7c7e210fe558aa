/**
 * Configuration: the only module that reads process.env. Each entry point calls its loader once at module scope
 * (cold start); a missing or malformed variable throws a ConfigError naming every problem at once, so a bad
 * deployment fails at init with a clear message instead of on the first receipt.
 */

import { DEFAULT_LANGUAGES } from '@receipt-ocr/engine/language-models';
import * as z from 'zod';
import type { LambdaEnvironmentName } from '../contract/environment.js';
import { KEY_PREFIX, LANGUAGES } from '../contract/rules.js';
import { MAX_ATTEMPTS } from '../receipts/lifecycle.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
}

/** Parses `env` with `schema`; every issue is reported as `NAME: what is wrong`. */
export function readConfig<T extends z.ZodType>(schema: T, env: Environment): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return issue.code === 'invalid_type' && env[name] === undefined
      ? `${name} is required but not set`
      : `${name}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

const required = z.string().trim().min(1);
const prefix = (fallback: string) =>
  z.string().regex(KEY_PREFIX.pattern, KEY_PREFIX.description).default(fallback);
/** A schema's keys are names of the Lambda environment contract (infra writes the same names). */
type ContractShape = Partial<Record<LambdaEnvironmentName, z.ZodType>>;
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const url = z.url({ protocol: /^https?$/ });

export const DEFAULT_MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

const StorageEnv = z
  .object({
    RECEIPTS_BUCKET: required,
    RECEIPTS_TABLE: required,
    UPLOAD_PREFIX: prefix('uploads/'),
    RESULTS_PREFIX: prefix('results/'),
    MAX_UPLOAD_BYTES: positiveInt(DEFAULT_MAX_UPLOAD_BYTES),
    /**
     * A record is deleted by DynamoDB's TTL this long after its creation (the stage's retention; the bucket expires
     * its image and OCR output on the same horizon). Unset (the local stack), records are kept until deleted.
     */
    RECORD_RETENTION_SECONDS: z.coerce.number().int().positive().optional(),
  } satisfies ContractShape)
  // Results written under the upload prefix would trigger the OCR function again: a loop.
  .refine(
    (env) =>
      !env.RESULTS_PREFIX.startsWith(env.UPLOAD_PREFIX) && !env.UPLOAD_PREFIX.startsWith(env.RESULTS_PREFIX),
    {
      message:
        'UPLOAD_PREFIX and RESULTS_PREFIX must not contain one another (results would re-trigger the OCR)',
      path: ['RESULTS_PREFIX'],
    },
  );

export interface StorageConfig {
  bucket: string;
  table: string;
  uploadPrefix: string;
  resultsPrefix: string;
  maxUploadBytes: number;
  retentionSeconds?: number;
}

export function loadStorageConfig(env: Environment = process.env): StorageConfig {
  const parsed = readConfig(StorageEnv, env);
  return {
    bucket: parsed.RECEIPTS_BUCKET,
    table: parsed.RECEIPTS_TABLE,
    uploadPrefix: parsed.UPLOAD_PREFIX,
    resultsPrefix: parsed.RESULTS_PREFIX,
    maxUploadBytes: parsed.MAX_UPLOAD_BYTES,
    ...(parsed.RECORD_RETENTION_SECONDS === undefined
      ? {}
      : { retentionSeconds: parsed.RECORD_RETENTION_SECONDS }),
  };
}

const OcrEnv = z.object({
  OCR_LANGUAGES: z
    .string()
    .regex(LANGUAGES.pattern, LANGUAGES.description)
    .default(DEFAULT_LANGUAGES.join('+')),
  /** A folder with a subfolder per model kind (`fast/`, `best_int/`) of traineddata; see functions/engine/tessdata.ts. */
  TESSDATA_PATH: required.optional(),
  /** Attempts before a transient failure is final: the OCR queue's maxReceiveCount. */
  MAX_ATTEMPTS: positiveInt(MAX_ATTEMPTS),
  /**
   * A queued receipt is started only with this much of the invocation left; the stage sizes it with the timeout.
   * Unset, the handler's MIN_REMAINING_MS_TO_START.
   */
  MIN_REMAINING_SECONDS_TO_START: z.coerce.number().int().positive().optional(),
  /**
   * Name of the EventBridge bus that gets a `ReceiptSettled` event per settled receipt. Unset (a host with no bus,
   * such as the payload test), no event is published.
   */
  RECEIPT_EVENT_BUS: required.optional(),
} satisfies ContractShape);

export interface OcrConfig extends StorageConfig {
  languages: string[];
  maxAttempts: number;
  minRemainingMsToStart?: number;
  tessdataPath?: string;
  eventBusName?: string;
}

export function loadOcrConfig(env: Environment = process.env): OcrConfig {
  const storage = loadStorageConfig(env);
  const parsed = readConfig(OcrEnv, env);
  return {
    ...storage,
    languages: parsed.OCR_LANGUAGES.split('+'),
    maxAttempts: parsed.MAX_ATTEMPTS,
    ...(parsed.MIN_REMAINING_SECONDS_TO_START === undefined
      ? {}
      : { minRemainingMsToStart: parsed.MIN_REMAINING_SECONDS_TO_START * 1000 }),
    ...(parsed.TESSDATA_PATH ? { tessdataPath: parsed.TESSDATA_PATH } : {}),
    ...(parsed.RECEIPT_EVENT_BUS ? { eventBusName: parsed.RECEIPT_EVENT_BUS } : {}),
  };
}

const ApiEnv = z.object({
  UPLOAD_URL_TTL_SECONDS: positiveInt(900),
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
    )
    .refine((origins) => !origins.includes('*'), 'list the allowed origins; "*" is not accepted')
    .refine(
      (origins) => origins.every((origin) => url.safeParse(origin).success),
      'origins are URLs such as https://app.example.com',
    ),
  OCR_QUEUE_URL: url.optional(),
  /** New receipts (POST /receipts) one user may create per UTC day; above it the API answers 429. */
  DAILY_RECEIPT_QUOTA: positiveInt(500),
  /** A PENDING record (upload URL never used) is deleted by DynamoDB TTL this long after its creation. */
  PENDING_RECORD_TTL_SECONDS: positiveInt(7 * 86_400),
} satisfies ContractShape);

export interface ApiConfig extends StorageConfig {
  uploadUrlTtlSeconds: number;
  dailyReceiptQuota: number;
  pendingRecordTtlSeconds: number;
  corsAllowedOrigins: string[];
  /** Only the reprocess route needs it: use loadReprocessConfig there. */
  ocrQueueUrl?: string;
}

export function loadApiConfig(env: Environment = process.env): ApiConfig {
  const storage = loadStorageConfig(env);
  const parsed = readConfig(ApiEnv, env);
  return {
    ...storage,
    uploadUrlTtlSeconds: parsed.UPLOAD_URL_TTL_SECONDS,
    corsAllowedOrigins: parsed.CORS_ALLOWED_ORIGINS,
    dailyReceiptQuota: parsed.DAILY_RECEIPT_QUOTA,
    pendingRecordTtlSeconds: parsed.PENDING_RECORD_TTL_SECONDS,
    ...(parsed.OCR_QUEUE_URL ? { ocrQueueUrl: parsed.OCR_QUEUE_URL } : {}),
  };
}

/** The reprocess route cannot work without the queue: fail its cold start, not its first request. */
export function loadReprocessConfig(env: Environment = process.env): ApiConfig & { ocrQueueUrl: string } {
  const config = loadApiConfig(env);
  const { OCR_QUEUE_URL } = readConfig(z.object({ OCR_QUEUE_URL: url }), env);
  return { ...config, ocrQueueUrl: OCR_QUEUE_URL };
}

const ObservabilityEnv = z.object({
  POWERTOOLS_SERVICE_NAME: required.default('receipt-ocr'),
  POWERTOOLS_METRICS_NAMESPACE: required.default('ReceiptOcr'),
  STAGE: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'a stage name such as "prod"')
    .default('local'),
} satisfies ContractShape);

export interface ObservabilityConfig {
  serviceName: string;
  metricsNamespace: string;
  /** The `stage` dimension of every metric: dev and prod in one account never share a metric. */
  stage: string;
}

export function loadObservabilityConfig(env: Environment = process.env): ObservabilityConfig {
  const parsed = readConfig(ObservabilityEnv, env);
  return {
    serviceName: parsed.POWERTOOLS_SERVICE_NAME,
    metricsNamespace: parsed.POWERTOOLS_METRICS_NAMESPACE,
    stage: parsed.STAGE,
  };
}

const AwsEnv = z.object({
  AWS_REGION: required.optional(),
  AWS_ENDPOINT_URL_S3: url.optional(),
  AWS_ENDPOINT_URL_DYNAMODB: url.optional(),
  AWS_ENDPOINT_URL_SQS: url.optional(),
  AWS_ENDPOINT_URL_EVENTBRIDGE: url.optional(),
});

/** Where the SDK clients connect: AWS by default, local servers when an endpoint is set. */
export interface AwsEndpoints {
  region?: string;
  s3Endpoint?: string;
  dynamodbEndpoint?: string;
  sqsEndpoint?: string;
  eventBridgeEndpoint?: string;
  /** Explicit credentials (tests, local stack); otherwise the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function loadAwsEndpoints(env: Environment = process.env): AwsEndpoints {
  const parsed = readConfig(AwsEnv, env);
  return {
    ...(parsed.AWS_REGION ? { region: parsed.AWS_REGION } : {}),
    ...(parsed.AWS_ENDPOINT_URL_S3 ? { s3Endpoint: parsed.AWS_ENDPOINT_URL_S3 } : {}),
    ...(parsed.AWS_ENDPOINT_URL_DYNAMODB ? { dynamodbEndpoint: parsed.AWS_ENDPOINT_URL_DYNAMODB } : {}),
    ...(parsed.AWS_ENDPOINT_URL_SQS ? { sqsEndpoint: parsed.AWS_ENDPOINT_URL_SQS } : {}),
    ...(parsed.AWS_ENDPOINT_URL_EVENTBRIDGE
      ? { eventBridgeEndpoint: parsed.AWS_ENDPOINT_URL_EVENTBRIDGE }
      : {}),
  };
}
