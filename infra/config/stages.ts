/**
 * Per-stage settings of the deployment. One validated object per stage; everything a stage may change lives here
 * so the stacks contain no `if (prod)` branches.
 */

import { DEFAULT_LANGUAGES } from '@receipt-ocr/engine/language-models';
import { z } from 'zod';
import { KEY_PREFIX, LANGUAGES } from '../../functions/contract/rules.js';

const positiveInt = z.number().int().positive();

/** Hosts that are placeholders, never a real deployment's origin or callback. */
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|org|net)|localhost)$|^127\.|^\[::1\]$/;

export function isPlaceholderUrl(value: string): boolean {
  try {
    return PLACEHOLDER_HOST.test(new URL(value).hostname);
  } catch {
    return true;
  }
}

const authSchema = z.discriminatedUnion('mode', [
  z.object({
    /** Create a Cognito user pool (and an app client) in the API stack. */
    mode: z.literal('create'),
    /** MFA policy of the created pool: `required` (TOTP) or `optional`. */
    mfa: z.enum(['required', 'optional']),
    /**
     * Sign-up verification and password reset mail sent through SES instead of Cognito's own sender (a small
     * daily quota). The address's domain (or `sesVerifiedDomain`) must be a verified SES identity.
     * @default - Cognito's own sender
     */
    email: z
      .object({
        fromEmail: z.email(),
        /** Verified SES domain identity when the address itself is not verified. */
        sesVerifiedDomain: z.string().min(3).optional(),
        /** SES region (Cognito supports a few; default: the stack's region). */
        sesRegion: z
          .string()
          .regex(/^[a-z]{2}-[a-z]+-\d$/, 'a region such as eu-west-1')
          .optional(),
      })
      .optional(),
    /**
     * Hosted UI / OAuth redirect URLs of the app client (authorization code grant with PKCE). Unset, the client
     * has no OAuth flow at all (SRP sign-in from the apps only).
     * @default - OAuth disabled
     */
    oauthCallbackUrls: z.array(z.url()).min(1).optional(),
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
    /**
     * Days a receipt is kept: its record (DynamoDB TTL), its image and its OCR output (S3 lifecycle) expire on this
     * one horizon, counted from the upload. Receipts hold personal data: keep them no longer than the apps need.
     */
    retentionDays: z.number().int().min(7).max(3650),
    /**
     * Images move to a cheaper storage class after `afterDays` (at least 30, S3's minimum for these classes). Pays
     * only when the saving over the remaining days exceeds the transition request (docs/deploy.md, storage).
     * @default - images stay in S3 Standard
     */
    imageTiering: z
      .object({ storageClass: z.enum(['STANDARD_IA', 'GLACIER_IR']), afterDays: z.number().int().min(30) })
      .optional(),
    /** Overwritten or deleted object versions are purged after this many days. */
    noncurrentVersionExpiryDays: positiveInt,
    uploadPrefix: z.string().regex(KEY_PREFIX.pattern, KEY_PREFIX.description),
    resultsPrefix: z.string().regex(KEY_PREFIX.pattern, KEY_PREFIX.description),
    maxUploadBytes: positiveInt,
    /**
     * A record still PENDING (its upload URL never used) is deleted by DynamoDB TTL this many days after its
     * creation; more than the queue's 4-day retention, so a queued upload always finds its record.
     */
    pendingRecordExpiryDays: z.number().int().min(5).max(365),
  }),
  ocr: z.object({
    architecture: z.enum(['arm64', 'x86_64']),
    memoryMiB: z.number().int().min(512).max(10_240),
    timeoutSeconds: z.number().int().min(10).max(900),
    /**
     * A queued receipt is started only with this much of the invocation left; a later one goes back to the queue
     * (metric `ReceiptsDeferred`). At least the longest receipt the engine accepts takes, so a started receipt is
     * never cut off by the timeout.
     */
    minRemainingSecondsToStart: z.number().int().min(5).max(890),
    /**
     * Timeout of the synchronous `POST /ocr` function: below API Gateway's 29 s, so the function's own timeout
     * error (and its log) comes before the gateway's bare 504.
     */
    syncTimeoutSeconds: z.number().int().min(5).max(26),
    /** SQS messages per invocation; each receipt is reported separately (partial batch failures). */
    batchSize: z.number().int().min(1).max(10),
    maxBatchingWindowSeconds: z.number().int().min(0).max(300),
    /**
     * Upper bound of concurrent OCR functions the queue may drive (SQS event source: 2..1000). Sized by the
     * capacity model in docs/deploy.md.
     */
    maxConcurrency: z.number().int().min(2).max(1000),
    /**
     * Concurrency reserved for the queue-driven OCR function, at least `maxConcurrency`, so a flood elsewhere in
     * the account cannot throttle the pipeline (throttled receives count towards `maxReceiveCount`).
     * @default - none (a new account may have only 10 in total)
     */
    reservedConcurrency: z.number().int().min(1).max(10_000).optional(),
    /** Concurrency cap of the synchronous `POST /ocr` function: it can never starve the pipeline. */
    syncReservedConcurrency: z.number().int().min(1).max(1000),
    /** Deliveries before a message goes to the dead-letter queue (AWS advises at least 5 for Lambda consumers). */
    maxReceiveCount: z.number().int().min(1).max(1000),
    languages: z.string().regex(LANGUAGES.pattern, LANGUAGES.description),
    /** Digest of the Lambda base image (Dockerfile.lambda LAMBDA_BASE_DIGEST); unset, the version tag is used. */
    baseImageDigest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'an image digest like sha256:<64 hex digits>')
      .optional(),
  }),
  api: z.object({
    corsAllowedOrigins: z
      .array(z.url().refine((origin) => !origin.includes('*'), 'no wildcard origins'))
      .min(1, "list the apps' origins: -c corsAllowedOrigins=https://…"),
    /** Steady requests per second of every method without its own limit (reads and polling). */
    throttlingRateLimit: positiveInt,
    throttlingBurstLimit: positiveInt,
    /** Tighter limits per method, keyed `METHOD /path` (the expensive writes and `POST /ocr`). */
    methodThrottles: z.record(
      z.string().regex(/^(GET|POST|PATCH|DELETE) \/[\w/{}-]*$/, 'a route such as "POST /ocr"'),
      z.object({ rateLimit: positiveInt, burstLimit: positiveInt }),
    ),
    /**
     * AWS WAF web ACL on the stage: requests per 5 minutes from one IP address and with one token before WAF
     * answers 429 (and AWS's IP reputation list).
     * @default - no web ACL
     */
    webAcl: z
      .object({
        requestsPerIpPer5Minutes: z.number().int().min(10).max(2_000_000_000),
        requestsPerTokenPer5Minutes: z.number().int().min(10).max(2_000_000_000),
      })
      .optional(),
    uploadUrlTtlSeconds: z.number().int().min(60).max(3600),
    /** New receipts (POST /receipts) one user may create per UTC day; above it the API answers 429. */
    dailyReceiptQuota: positiveInt,
  }),
  auth: authSchema,
  /**
   * AWS account and region the stage deploys to; unset, whatever credentials are active (CDK_DEFAULT_ACCOUNT).
   * @default - the CLI's current account and region
   */
  account: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'a region such as eu-west-1')
    .optional(),
  alarms: z.object({
    /** Receives the alarm notifications by e-mail. */
    email: z.email().optional(),
    /** HTTPS endpoint subscribed to the alarm topic (a pager or chat integration URL). */
    webhookUrl: z.url({ protocol: /^https$/ }).optional(),
    /**
     * Alarm when receipts fail on our side (FAILED with a system code, or retried) above this share of the
     * receipts handled in 5 minutes (at least 20 handled).
     */
    systemFailurePercent: z.number().min(0.1).max(100),
    /** Alarm when uploads are rejected as unreadable input above this share for 15 minutes (a broken client). */
    rejectedPercent: z.number().min(1).max(100),
    /** Alarm when the oldest queued upload waits longer than this (the capacity model clears the peak in seconds). */
    oldestMessageAgeSeconds: positiveInt,
    /** Alarm when this share of API requests in 5 minutes are 5xx (at least 20 requests). */
    api5xxPercent: z.number().min(0.1).max(100),
    /** Alarm when this share of API requests are 4xx for 15 minutes: throttling (429), auth or client bugs. */
    api4xxPercent: z.number().min(1).max(100),
    /** Alarm when the API's p95 latency stays above this for 15 minutes. */
    apiLatencyP95Ms: positiveInt,
    /** Per-method p95 latency targets (15 minutes), keyed `METHOD /path`. */
    methodLatencyP95Ms: z.record(z.string().regex(/^(GET|POST|PATCH|DELETE) \/[\w/{}-]*$/), positiveInt),
    /** Alarm when the account's claimed Lambda concurrency reaches this (80% of the default 1,000 limit). */
    claimedAccountConcurrency: positiveInt,
    /** Alarm when WAF answers more 429s than this in 5 minutes (one client hammering the API). */
    rateLimitedPer5Minutes: positiveInt,
  }),
  /** Powertools log level of every function (POWERTOOLS_LOG_LEVEL). */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
  /**
   * Share of invocations that log at DEBUG whatever `logLevel` says (POWERTOOLS_LOGGER_SAMPLE_RATE, drawn per
   * invocation): a trickle of complete runs next to the warnings and errors.
   */
  logSampleRate: z.number().min(0).max(1),
  /**
   * X-Ray sampling of the API stage (an X-Ray sampling rule; the API's functions follow the stage's decision):
   * `reservoirPerSecond` requests a second, then `fixedRate` of the rest. The queue-driven OCR function keeps
   * Lambda's own sampling (1 a second, then 5 %): Lambda takes no sampling rules.
   * @default - X-Ray's default rule: 1 request a second, then 5 %
   */
  apiTraceSampling: z
    .object({ reservoirPerSecond: z.number().int().min(0).max(100), fixedRate: z.number().min(0).max(1) })
    .optional(),
  /**
   * A production stage: synth refuses placeholders (example.com or local origins and callbacks), an alarm topic
   * nobody is subscribed to and Cognito's own mail sender; stacks get termination protection.
   */
  production: z.boolean(),
});

export type StageConfig = z.infer<typeof stageConfigSchema>;

/** Settings that only make sense together; each problem names the setting. */
function consistencyProblems(config: StageConfig): Array<{ path: string; message: string }> {
  const { storage } = config;
  const problems: Array<{ path: string; message: string }> = [];
  if (storage.imageTiering && storage.imageTiering.afterDays >= storage.retentionDays) {
    problems.push({
      path: 'storage.imageTiering.afterDays',
      message: `must be less than storage.retentionDays (${storage.retentionDays}): images would expire first`,
    });
  }
  if (storage.pendingRecordExpiryDays > storage.retentionDays) {
    problems.push({
      path: 'storage.pendingRecordExpiryDays',
      message: `must not exceed storage.retentionDays (${storage.retentionDays})`,
    });
  }
  if (config.ocr.minRemainingSecondsToStart >= config.ocr.timeoutSeconds) {
    problems.push({
      path: 'ocr.minRemainingSecondsToStart',
      message: `must be less than ocr.timeoutSeconds (${config.ocr.timeoutSeconds}): no receipt would ever start`,
    });
  }
  return problems;
}

/** What a production stage must set before its first synth; each problem names the setting and the -c override. */
function productionProblems(config: StageConfig): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (config.alarms.email === undefined && config.alarms.webhookUrl === undefined) {
    problems.push({
      path: 'alarms.email',
      message:
        'a production stage needs an alarm subscriber: -c alarmEmail=<address> or -c alarmWebhookUrl=<https pager/chat URL>',
    });
  }
  config.api.corsAllowedOrigins.forEach((origin, index) => {
    if (isPlaceholderUrl(origin) || !origin.startsWith('https://')) {
      problems.push({
        path: `api.corsAllowedOrigins.${index}`,
        message: `"${origin}" is a placeholder or not https: set the apps' origins with -c corsAllowedOrigins=https://…`,
      });
    }
  });
  if (config.auth.mode === 'create') {
    if (config.auth.email === undefined) {
      problems.push({
        path: 'auth.email',
        message:
          "a production pool sends mail through SES, not Cognito's own sender: -c cognitoFromEmail=<address on a verified SES identity>",
      });
    }
    (config.auth.oauthCallbackUrls ?? []).forEach((url, index) => {
      if (isPlaceholderUrl(url) || !url.startsWith('https://')) {
        problems.push({
          path: `auth.oauthCallbackUrls.${index}`,
          message: `"${url}" is a placeholder or not https: set -c oauthCallbackUrls=https://…`,
        });
      }
    });
  }
  for (const key of ['account', 'region'] as const) {
    if (config[key] === undefined) {
      problems.push({ path: key, message: `pin the production ${key}: -c ${key}=…` });
    }
  }
  return problems;
}
export type OcrArchitecture = StageConfig['ocr']['architecture'];

/**
 * OCR sizing, from the engine benchmark (`pnpm bench`; the measured figures are in docs/deploy.md, capacity):
 * recognition is single-threaded WASM. 1769 MB is the size at which Lambda grants one full vCPU; more memory adds a
 * second vCPU the single-threaded engine cannot use, less slows it down proportionally.
 */
const ocrDefaults: StageConfig['ocr'] = {
  architecture: 'arm64',
  memoryMiB: 1769,
  // The longest receipt the engine reads (60,000 rows, TOO_LONG above) takes about 2.2 ms a row on one core: 133 s
  // (a 45,000-row one took 100 s). Started with 150 s left it finishes; the rest of a batch of 4 at a few seconds
  // each starts within the first 30 s. The queue's visibility is 6x this (18 minutes).
  timeoutSeconds: 180,
  minRemainingSecondsToStart: 150,
  syncTimeoutSeconds: 25,
  batchSize: 4,
  maxBatchingWindowSeconds: 2,
  maxConcurrency: 10,
  syncReservedConcurrency: 2,
  maxReceiveCount: 5,
  languages: DEFAULT_LANGUAGES.join('+'),
};

const shared = {
  storage: {
    retentionDays: 90,
    noncurrentVersionExpiryDays: 7,
    uploadPrefix: 'uploads/',
    resultsPrefix: 'results/',
    maxUploadBytes: 15 * 1024 * 1024,
    pendingRecordExpiryDays: 7,
  },
  alarms: {
    systemFailurePercent: 5,
    rejectedPercent: 20,
    // The capacity model keeps the oldest message under a minute at the 5x peak; 5 minutes means it is not keeping up.
    oldestMessageAgeSeconds: 300,
    api5xxPercent: 1,
    api4xxPercent: 10,
    apiLatencyP95Ms: 3000,
    methodLatencyP95Ms: { 'GET /receipts/{id}': 1000, 'GET /receipts': 1500, 'POST /receipts': 1000 },
    claimedAccountConcurrency: 800,
    rateLimitedPer5Minutes: 100,
  },
} as const;

export const STAGES: Readonly<Record<string, StageConfig>> = {
  dev: {
    stage: 'dev',
    removalPolicy: 'destroy',
    logRetentionDays: 14,
    storage: { ...shared.storage, retentionDays: 30 },
    ocr: { ...ocrDefaults, maxConcurrency: 5 },
    api: {
      corsAllowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:3000'],
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
      methodThrottles: {
        'POST /ocr': { rateLimit: 1, burstLimit: 2 },
        'POST /receipts': { rateLimit: 5, burstLimit: 10 },
        'POST /receipts/{id}/reprocess': { rateLimit: 2, burstLimit: 4 },
      },
      uploadUrlTtlSeconds: 900,
      dailyReceiptQuota: 200,
    },
    auth: { mode: 'create', mfa: 'optional' },
    alarms: { ...shared.alarms },
    logLevel: 'DEBUG',
    logSampleRate: 0,
    production: false,
  },
  prod: {
    stage: 'prod',
    removalPolicy: 'retain',
    logRetentionDays: 90,
    // A year of receipts (an expense year closes well within it); images older than 30 days are rarely looked at,
    // and at 300 KB moving them to Standard-IA pays for its transition within 3 months (docs/deploy.md, storage).
    storage: {
      ...shared.storage,
      retentionDays: 365,
      imageTiering: { storageClass: 'STANDARD_IA', afterDays: 30 },
    },
    // docs/deploy.md, capacity: the 5x peak of 1M receipts a day is 58 receipts/s; at 1.5 s each that is 87
    // functions busy. 120 clears it with 38% to spare (still 60 receipts/s at 2 s each).
    ocr: { ...ocrDefaults, maxConcurrency: 120, reservedConcurrency: 120, syncReservedConcurrency: 20 },
    api: {
      // No origin is a safe default: the deploy command names the apps' origins (-c corsAllowedOrigins=...).
      corsAllowedOrigins: [],
      // Reads: 2 requests per receipt at the 58/s peak is ~116/s (~230/s if apps poll instead of subscribing).
      throttlingRateLimit: 400,
      throttlingBurstLimit: 800,
      methodThrottles: {
        // 20 reserved sync functions at ~1.5 s each serve ~13 requests/s.
        'POST /ocr': { rateLimit: 12, burstLimit: 20 },
        'POST /receipts': { rateLimit: 100, burstLimit: 200 },
        'POST /receipts/{id}/reprocess': { rateLimit: 10, burstLimit: 20 },
      },
      webAcl: { requestsPerIpPer5Minutes: 3000, requestsPerTokenPer5Minutes: 1500 },
      uploadUrlTtlSeconds: 900,
      // A busy person files a few dozen receipts a day; 500 stops a script without bothering anyone real.
      dailyReceiptQuota: 500,
    },
    auth: { mode: 'create', mfa: 'required' },
    alarms: { ...shared.alarms },
    // docs/deploy.md, cost: warnings and errors, and about 1 % of invocations in full (DEBUG). A completed receipt
    // logs nothing at WARN; metrics and the record carry its figures.
    logLevel: 'WARN',
    logSampleRate: 0.01,
    // 1 % of the API's requests: about 20,000 traces a day at 1M receipts, without the 1-a-second reservoir that
    // alone would trace 86,400 a day.
    apiTraceSampling: { reservoirPerSecond: 0, fixedRate: 0.01 },
    production: true,
  },
};

/** Overrides accepted from the CDK context (`-c key=value`), applied over the stage's settings. */
export interface StageOverrides {
  readonly architecture?: string;
  readonly baseImageDigest?: string;
  /** Tesseract languages joined by "+": what the OCR image ships and the functions read with. */
  readonly languages?: string;
  readonly alarmEmail?: string;
  readonly alarmWebhookUrl?: string;
  /** Comma-separated. */
  readonly corsAllowedOrigins?: string;
  readonly cognitoFromEmail?: string;
  /** Comma-separated. */
  readonly oauthCallbackUrls?: string;
  readonly account?: string;
  readonly region?: string;
}

/** The context keys `infra/bin/app.ts` reads into StageOverrides. */
export const OVERRIDE_KEYS = [
  'architecture',
  'baseImageDigest',
  'languages',
  'alarmEmail',
  'alarmWebhookUrl',
  'corsAllowedOrigins',
  'cognitoFromEmail',
  'oauthCallbackUrls',
  'account',
  'region',
] as const satisfies ReadonlyArray<keyof StageOverrides>;

const list = (value: string) => value.split(',').map((entry) => entry.trim());
const when = <T>(value: string | undefined, make: (value: string) => T): T | Record<string, never> =>
  value === undefined ? {} : make(value);

function applyOverrides(base: StageConfig, overrides: StageOverrides): unknown {
  const { auth } = base;
  return {
    ...base,
    ...when(overrides.account, (account) => ({ account })),
    ...when(overrides.region, (region) => ({ region })),
    ocr: {
      ...base.ocr,
      ...when(overrides.architecture, (architecture) => ({ architecture })),
      ...when(overrides.baseImageDigest, (baseImageDigest) => ({ baseImageDigest })),
      ...when(overrides.languages, (languages) => ({ languages })),
    },
    api: {
      ...base.api,
      ...when(overrides.corsAllowedOrigins, (origins) => ({ corsAllowedOrigins: list(origins) })),
    },
    auth:
      auth.mode === 'create'
        ? {
            ...auth,
            ...when(overrides.cognitoFromEmail, (fromEmail) => ({ email: { ...auth.email, fromEmail } })),
            ...when(overrides.oauthCallbackUrls, (urls) => ({ oauthCallbackUrls: list(urls) })),
          }
        : auth,
    alarms: {
      ...base.alarms,
      ...when(overrides.alarmEmail, (email) => ({ email })),
      ...when(overrides.alarmWebhookUrl, (webhookUrl) => ({ webhookUrl })),
    },
  };
}

/**
 * The validated settings of one stage. Throws a message naming the bad setting, so a typo in `-c stage=...` or an
 * override, or a production stage still holding placeholders, fails `cdk synth` before anything is built.
 */
export function loadStageConfig(stage: string, overrides: StageOverrides = {}): StageConfig {
  const base = STAGES[stage];
  if (base === undefined) {
    throw new Error(`Unknown stage "${stage}": use -c stage=${Object.keys(STAGES).join('|')}`);
  }
  const parsed = stageConfigSchema.safeParse(applyOverrides(base, overrides));
  const problems = parsed.success
    ? [
        ...consistencyProblems(parsed.data),
        ...(parsed.data.production ? productionProblems(parsed.data) : []),
      ]
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  if (!parsed.success || problems.length > 0) {
    const text = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
    throw new Error(`Invalid settings for stage "${stage}": ${text}`);
  }
  return parsed.data;
}
