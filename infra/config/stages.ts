/**
 * Per-stage settings of the deployment. One validated object per stage; everything a stage may change lives here
 * so the stacks contain no `if (prod)` branches.
 */
import { z } from 'zod';
import { DEFAULT_LANGUAGES } from '../../functions/engine/language-models.js';

const positiveInt = z.number().int().positive();

const authSchema = z.discriminatedUnion('mode', [
  z.object({
    /** Create a Cognito user pool (and an app client) in the API stack. */
    mode: z.literal('create'),
    /** MFA policy of the created pool: `required` (TOTP) or `optional`. */
    mfa: z.enum(['required', 'optional']),
  }),
  z.object({
    /** Use an existing user pool: its id and the app client the apps already use. */
    mode: z.literal('import'),
    userPoolId: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'a Cognito user pool id like eu-west-1_AbC123'),
    userPoolClientId: z.string().min(1),
  }),
]);

export const stageConfigSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  /** `retain` keeps the bucket, table and user pool when a stack is deleted (prod); `destroy` removes them. */
  removalPolicy: z.enum(['retain', 'destroy']),
  /** CloudWatch Logs retention of every function and of the API access log, in days. */
  logRetentionDays: positiveInt,
  storage: z.object({
    /** Raw uploaded images under `uploads/` expire after this many days (receipts hold personal data). */
    rawImageExpiryDays: positiveInt,
    /** Overwritten or deleted object versions are purged after this many days. */
    noncurrentVersionExpiryDays: positiveInt,
    uploadPrefix: z.string().regex(/^[\w-]+\/$/, 'a prefix ending in "/"'),
    resultsPrefix: z.string().regex(/^[\w-]+\/$/, 'a prefix ending in "/"'),
    maxUploadBytes: positiveInt,
  }),
  ocr: z.object({
    architecture: z.enum(['arm64', 'x86_64']),
    memoryMiB: z.number().int().min(512).max(10_240),
    timeoutSeconds: z.number().int().min(10).max(900),
    /** Timeout of the synchronous `POST /ocr` function (API Gateway cuts requests at 29 s). */
    syncTimeoutSeconds: z.number().int().min(5).max(29),
    /** SQS messages per invocation; each receipt is reported separately (partial batch failures). */
    batchSize: z.number().int().min(1).max(10),
    maxBatchingWindowSeconds: z.number().int().min(0).max(300),
    /** Upper bound of concurrent OCR functions the queue may drive (SQS event source: 2..1000). */
    maxConcurrency: z.number().int().min(2).max(1000),
    /** Deliveries before a message goes to the dead-letter queue. */
    maxReceiveCount: z.number().int().min(1).max(1000),
    languages: z.string().regex(/^[a-z_]{3,}(\+[a-z_]{3,})*$/, 'tesseract languages joined by "+"'),
    /** Digest of the Lambda base image (Dockerfile.lambda LAMBDA_BASE_DIGEST); unset, the version tag is used. */
    baseImageDigest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'an image digest like sha256:<64 hex digits>')
      .optional(),
  }),
  api: z.object({
    corsAllowedOrigins: z
      .array(z.url().refine((origin) => !origin.includes('*'), 'no wildcard origins'))
      .min(1),
    throttlingRateLimit: positiveInt,
    throttlingBurstLimit: positiveInt,
    uploadUrlTtlSeconds: z.number().int().min(60).max(3600),
  }),
  auth: authSchema,
  alarms: z.object({
    /** Receives the alarm notifications; left out, subscribe to the SNS topic by hand. */
    email: z.email().optional(),
    failedReceiptsPer5Minutes: positiveInt,
    oldestMessageAgeSeconds: positiveInt,
    api5xxPer5Minutes: positiveInt,
    apiLatencyP95Ms: positiveInt,
  }),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
});

export type StageConfig = z.infer<typeof stageConfigSchema>;
export type OcrArchitecture = StageConfig['ocr']['architecture'];

/**
 * OCR sizing, from the engine benchmark (ENGINE-FACTS / `pnpm bench`): recognition is single-threaded WASM, about
 * 1 s per receipt warm, peak RSS under 500 MB. 1769 MB is the size at which Lambda grants one full vCPU; more memory
 * adds a second vCPU the single-threaded engine cannot use, less slows it down proportionally.
 */
const ocrDefaults: StageConfig['ocr'] = {
  architecture: 'arm64',
  memoryMiB: 1769,
  // A batch of 4 receipts at a few seconds each plus a cold start (worker init ~0.5 s) fits well inside 60 s.
  timeoutSeconds: 60,
  syncTimeoutSeconds: 29,
  batchSize: 4,
  maxBatchingWindowSeconds: 2,
  maxConcurrency: 10,
  maxReceiveCount: 3,
  languages: DEFAULT_LANGUAGES.join('+'),
};

const shared = {
  storage: {
    rawImageExpiryDays: 90,
    noncurrentVersionExpiryDays: 7,
    uploadPrefix: 'uploads/',
    resultsPrefix: 'results/',
    maxUploadBytes: 15 * 1024 * 1024,
  },
  alarms: {
    failedReceiptsPer5Minutes: 5,
    oldestMessageAgeSeconds: 900,
    api5xxPer5Minutes: 5,
    apiLatencyP95Ms: 3000,
  },
} as const;

export const STAGES: Readonly<Record<string, StageConfig>> = {
  dev: {
    stage: 'dev',
    removalPolicy: 'destroy',
    logRetentionDays: 14,
    storage: { ...shared.storage, rawImageExpiryDays: 30 },
    ocr: { ...ocrDefaults, maxConcurrency: 5 },
    api: {
      corsAllowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:3000'],
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
      uploadUrlTtlSeconds: 900,
    },
    auth: { mode: 'create', mfa: 'optional' },
    alarms: { ...shared.alarms },
    logLevel: 'DEBUG',
  },
  prod: {
    stage: 'prod',
    removalPolicy: 'retain',
    logRetentionDays: 90,
    storage: { ...shared.storage },
    ocr: { ...ocrDefaults, maxConcurrency: 50 },
    api: {
      corsAllowedOrigins: ['https://app.example.com'],
      throttlingRateLimit: 100,
      throttlingBurstLimit: 200,
      uploadUrlTtlSeconds: 900,
    },
    auth: { mode: 'create', mfa: 'required' },
    alarms: { ...shared.alarms },
    logLevel: 'INFO',
  },
};

/** Overrides accepted from the CDK context (`-c key=value`), applied over the stage's settings. */
export interface StageOverrides {
  readonly architecture?: string;
  readonly baseImageDigest?: string;
  readonly alarmEmail?: string;
  readonly corsAllowedOrigins?: string;
}

/**
 * The validated settings of one stage. Throws a message naming the bad setting, so a typo in `-c stage=...` or an
 * override fails `cdk synth` before anything is built.
 */
export function loadStageConfig(stage: string, overrides: StageOverrides = {}): StageConfig {
  const base = STAGES[stage];
  if (base === undefined) {
    throw new Error(`Unknown stage "${stage}": use -c stage=${Object.keys(STAGES).join('|')}`);
  }
  const candidate = {
    ...base,
    ocr: {
      ...base.ocr,
      ...(overrides.architecture === undefined ? {} : { architecture: overrides.architecture }),
      ...(overrides.baseImageDigest === undefined ? {} : { baseImageDigest: overrides.baseImageDigest }),
    },
    api: {
      ...base.api,
      ...(overrides.corsAllowedOrigins === undefined
        ? {}
        : { corsAllowedOrigins: overrides.corsAllowedOrigins.split(',').map((origin) => origin.trim()) }),
    },
    alarms: {
      ...base.alarms,
      ...(overrides.alarmEmail === undefined ? {} : { email: overrides.alarmEmail }),
    },
  };
  const parsed = stageConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid settings for stage "${stage}": ${problems}`);
  }
  return parsed.data;
}
