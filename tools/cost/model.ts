/**
 * The monthly bill of one stage at a given volume, line by line: traffic (what each receipt costs when it arrives)
 * apart from storage (what each receipt costs while it is kept, until the retention horizon deletes it). Plain
 * arithmetic over the stage settings, the measured seconds per receipt and the per-receipt assumptions below;
 * `pnpm cost` prints it and docs/deploy.md shows its table.
 */
import type { StageConfig } from '../../infra/config/stages.js';
import { PRICES } from './prices.js';

/** What one receipt does besides OCR: requests and bytes counted from the code paths (docs/deploy.md, Cost). */
export interface Assumptions {
  /**
   * API requests per receipt: POST /receipts. Its ReceiptSettled event carries the settled receipt, so an app
   * needs no GET (an app that polls instead sends a GET every 2 s until it settles: about 4 in all).
   */
  readonly apiRequestsPerReceipt: number;
  /** Billed milliseconds of one API handler run (512 MB, warm). */
  readonly apiHandlerMs: number;
  /**
   * DynamoDB write units of the record's three puts: PENDING, the claim, the settled record (1 KB units of the
   * larger of the replaced and the new item; `tools/cost/record-size.ts` measures them on real receipts).
   */
  readonly recordWriteUnits: readonly [number, number, number];
  /** Stored size of a settled record, KB. */
  readonly recordKb: number;
  /** Size of one owner-index entry with the INCLUDE projection (keys, status, search date and merchant), KB. */
  readonly includeIndexEntryKb: number;
  /** Duplicate checks per receipt: a 1-unit conditional put of a fingerprint item each (read only when taken). */
  readonly fingerprintChecks: number;
  /** Size of the OCR output JSON under results/, KB. */
  readonly resultKb: number;
  /**
   * Log KB per receipt of the OCR function (its JSON lines, EMF, Lambda's platform lines per batch) at each log level,
   * measured by tools/cost/log-volume.ts; DEBUG is what a sampled invocation writes.
   */
  readonly ocrLogKb: Readonly<Record<'DEBUG' | 'INFO' | 'WARN', number>>;
  /** Log KB per API request: the access log line and the handler's platform lines (a successful request logs no line of its own). */
  readonly apiLogKbPerRequest: number;
}

/**
 * Log KB per receipt of the OCR function by log level, and per API request: `tools/cost/log-volume.ts` on 12 dev
 * receipts through the local stack, batches of 4. WARN: the EMF document of each batch (420 bytes) and Lambda's
 * platform lines (344 bytes a batch); INFO and DEBUG add the `receipt completed` line (600 bytes). An API request:
 * its access log line (565 bytes) and the platform lines.
 */
export const OCR_LOG_KB = { DEBUG: 0.84, INFO: 0.84, WARN: 0.25 } as const;
export const API_LOG_KB_PER_REQUEST = 0.76;

/**
 * Record and OCR output sizes: `tools/cost/record-size.ts` on the 40 development receipts (PENDING 658 bytes, the
 * claim 987, the settled record median 3,663, p90 3,998, max 5,510: 4.1 write units on average; OCR output median
 * 15,545 bytes). The rest: docs/deploy.md, Cost.
 */
export const DEFAULT_ASSUMPTIONS: Assumptions = {
  apiRequestsPerReceipt: 1,
  apiHandlerMs: 60,
  recordWriteUnits: [1, 1, 4.1],
  recordKb: 3.6,
  includeIndexEntryKb: 0.3,
  fingerprintChecks: 2,
  resultKb: 15.2,
  ocrLogKb: OCR_LOG_KB,
  apiLogKbPerRequest: API_LOG_KB_PER_REQUEST,
};

export type IndexProjection = 'ALL' | 'INCLUDE' | 'KEYS_ONLY';

export interface CostInput {
  readonly config: StageConfig;
  readonly receiptsPerDay: number;
  readonly imageKb: number;
  /** Billed OCR seconds per receipt (engine plus pipeline overhead), from the benchmark. */
  readonly secondsPerReceipt: number;
  /** The owner index's projection: ALL doubles every record write and its storage. */
  readonly ownerIndexProjection: IndexProjection;
  readonly assumptions?: Assumptions;
}

export interface CostLine {
  readonly item: string;
  readonly monthlyUsd: number;
  readonly basis: string;
}

export interface CostReport {
  readonly receiptsPerMonth: number;
  readonly traffic: readonly CostLine[];
  readonly trafficMonthlyUsd: number;
  readonly trafficPer1000Usd: number;
  /** Storage in month `month` of this volume (receipts older than the retention are gone). */
  readonly storage: (month: number) => readonly CostLine[];
  /** What storing 1,000 receipts costs over their whole retention, transitions included. */
  readonly lifetimeStoragePer1000Usd: number;
  /** Billed OCR seconds per receipt at which the traffic would cost `per1000Usd` per 1,000 receipts, the rest equal. */
  readonly secondsForTrafficPer1000: (per1000Usd: number) => number;
  readonly fixed: readonly CostLine[];
}

const DAYS_PER_MONTH = 30;
const SECONDS_PER_MONTH = DAYS_PER_MONTH * 86_400;
/** X-Ray's default sampling, which Lambda applies to functions with no traced caller: 1 a second, then 5 %. */
const DEFAULT_SAMPLING = { reservoirPerSecond: 1, fixedRate: 0.05 } as const;

/** Traces recorded in a month of `count` evenly spread requests under a reservoir-then-rate sampling rule. */
function tracesPerMonth(count: number, rule: { reservoirPerSecond: number; fixedRate: number }): number {
  const reservoir = Math.min(count, rule.reservoirPerSecond * SECONDS_PER_MONTH);
  return reservoir + rule.fixedRate * (count - reservoir);
}
const KB_PER_GB = 1024 * 1024;
/** S3 does not transition objects below 128 KB by default (and the IA classes bill them as 128 KB). */
const MIN_TRANSITION_KB = 128;
const million = (count: number) => count / 1_000_000;
const sum = (lines: readonly CostLine[]) => lines.reduce((total, line) => total + line.monthlyUsd, 0);

const TIER_PRICES = {
  STANDARD_IA: {
    gbMonth: PRICES.s3StandardIaGbMonth,
    transitionPer1000: PRICES.s3TransitionToStandardIaPer1000,
  },
  GLACIER_IR: {
    gbMonth: PRICES.s3GlacierIrGbMonth,
    transitionPer1000: PRICES.s3TransitionToGlacierIrPer1000,
  },
} as const;

/** Months of `month` during which a receipt of age `from`..`to` months existed, for a steady monthly volume. */
function monthsInAgeRange(month: number, fromMonths: number, toMonths: number): number {
  return Math.max(0, Math.min(month, toMonths) - fromMonths);
}

export function costModel(input: CostInput): CostReport {
  const { config } = input;
  const a = input.assumptions ?? DEFAULT_ASSUMPTIONS;
  const n = input.receiptsPerDay * DAYS_PER_MONTH;
  const gb = config.ocr.memoryMiB / 1024;
  const gbSecond = PRICES.lambdaGbSecond[config.ocr.architecture];
  const apiRequests = n * a.apiRequestsPerReceipt;
  const recordWriteUnits = a.recordWriteUnits.reduce((total, units) => total + units, 0);
  // An index is written when a put changes its keys or projected attributes: ALL copies every put in full;
  // INCLUDE gets one small write per status change (PENDING, PROCESSING, COMPLETED); KEYS_ONLY only the first.
  const indexWriteUnits = { ALL: recordWriteUnits, INCLUDE: 3, KEYS_ONLY: 1 }[input.ownerIndexProjection];
  const indexKb = { ALL: a.recordKb, INCLUDE: a.includeIndexEntryKb, KEYS_ONLY: 0.2 }[
    input.ownerIndexProjection
  ];
  const quotaWrites = 1;
  const writeUnits = recordWriteUnits + indexWriteUnits + quotaWrites + a.fingerprintChecks;
  // The claim reads the record, and every GET of a receipt (all strongly consistent); a fingerprint is read only
  // when its put finds it taken, a duplicate.
  const reads = 1 + (a.apiRequestsPerReceipt - 1) * Math.ceil(a.recordKb / 4);
  // At WARN a completed receipt writes no line; the sampled invocations write everything (DEBUG).
  const level = config.logLevel === 'ERROR' ? 'WARN' : config.logLevel;
  const ocrLogKb = a.ocrLogKb[level] + config.logSampleRate * (a.ocrLogKb.DEBUG - a.ocrLogKb[level]);
  const logGb = (n * (ocrLogKb + a.apiRequestsPerReceipt * a.apiLogKbPerRequest)) / KB_PER_GB;
  const ocrInvocations = n / config.ocr.batchSize;
  const apiSampling = config.apiTraceSampling ?? DEFAULT_SAMPLING;
  const traces = tracesPerMonth(ocrInvocations, DEFAULT_SAMPLING) + tracesPerMonth(apiRequests, apiSampling);

  const traffic: CostLine[] = [
    {
      item: 'Lambda: OCR compute',
      monthlyUsd: n * input.secondsPerReceipt * gb * gbSecond,
      basis: `${input.secondsPerReceipt} s x ${config.ocr.memoryMiB} MB ${config.ocr.architecture}`,
    },
    {
      item: 'Lambda: OCR invocations',
      monthlyUsd: million(n / config.ocr.batchSize) * PRICES.lambdaPerMillionRequests,
      basis: `batches of ${config.ocr.batchSize}`,
    },
    {
      item: 'API Gateway (REST)',
      monthlyUsd: million(apiRequests) * PRICES.apiGatewayRestPerMillion,
      basis: `${a.apiRequestsPerReceipt} ${a.apiRequestsPerReceipt === 1 ? 'request' : 'requests'} per receipt`,
    },
    {
      item: 'Lambda: API handlers',
      monthlyUsd:
        apiRequests * (a.apiHandlerMs / 1000) * 0.5 * gbSecond +
        million(apiRequests) * PRICES.lambdaPerMillionRequests,
      basis: `512 MB x ${a.apiHandlerMs} ms per request`,
    },
    {
      item: 'S3 requests',
      monthlyUsd: (n * 2 * PRICES.s3PutPer1000 + n * 2 * PRICES.s3GetPer1000) / 1000,
      basis: 'upload + result PUT, HEAD + GET per receipt',
    },
    {
      item: 'EventBridge events',
      monthlyUsd: million(n) * PRICES.eventBridgeCustomPerMillion,
      basis: 'one ReceiptSettled per receipt',
    },
    {
      item: 'DynamoDB writes',
      monthlyUsd: million(n * writeUnits) * PRICES.dynamoDbPerMillionWrites,
      basis: `${recordWriteUnits} WRU record + ${indexWriteUnits} ${input.ownerIndexProjection} index + quota + ${a.fingerprintChecks} fingerprints`,
    },
    {
      item: 'DynamoDB reads',
      monthlyUsd: million(n * reads) * PRICES.dynamoDbPerMillionReads,
      basis: `${reads} strongly consistent ${reads === 1 ? 'read' : 'reads'}`,
    },
    {
      item: 'SQS',
      monthlyUsd: million(n * (1 + 2 / config.ocr.batchSize)) * PRICES.sqsPerMillionRequests,
      basis: 'send; receive and delete per batch',
    },
    {
      item: 'CloudWatch Logs ingestion',
      monthlyUsd: logGb * PRICES.logsIngestedGb,
      basis: `${(logGb / (n / 1_000_000)).toFixed(1)} GB per million receipts (${config.logLevel})`,
    },
    {
      item: 'X-Ray traces',
      monthlyUsd: million(traces) * PRICES.xrayPerMillionTraces,
      basis: `OCR batches 1/s + 5%, API ${apiSampling.reservoirPerSecond}/s + ${apiSampling.fixedRate * 100}%`,
    },
    ...(config.api.webAcl === undefined
      ? []
      : [
          {
            item: 'WAF requests',
            monthlyUsd: million(apiRequests) * PRICES.wafPerMillionRequests,
            basis: 'every API request',
          },
        ]),
  ];
  const trafficMonthlyUsd = sum(traffic);
  const ocrPerSecond = n * gb * gbSecond;
  const secondsForTrafficPer1000 = (per1000Usd: number) =>
    (per1000Usd * (n / 1000) - (trafficMonthlyUsd - ocrPerSecond * input.secondsPerReceipt)) / ocrPerSecond;

  const { retentionDays, imageTiering } = config.storage;
  const keptMonths = retentionDays / DAYS_PER_MONTH;
  const tier = imageTiering && input.imageKb >= MIN_TRANSITION_KB ? imageTiering : undefined;
  const standardMonths = tier ? tier.afterDays / DAYS_PER_MONTH : keptMonths;
  const imageGb = input.imageKb / KB_PER_GB;
  const logMonths = config.logRetentionDays / DAYS_PER_MONTH;

  const storage = (month: number): CostLine[] => {
    const kept = monthsInAgeRange(month, 0, keptMonths);
    const inStandard = monthsInAgeRange(month, 0, standardMonths);
    const inTier = tier ? monthsInAgeRange(month, standardMonths, keptMonths) : 0;
    // From the month the first images reach the tiering age, every month's images move once.
    const transitioning = tier !== undefined && month > standardMonths;
    return [
      {
        item: 'S3 images (uploads/), Standard',
        monthlyUsd: n * inStandard * imageGb * PRICES.s3StandardGbMonth,
        basis: `${input.imageKb} KB, ${tier ? `first ${tier.afterDays} days` : `${retentionDays} days`}`,
      },
      ...(tier
        ? [
            {
              item: `S3 images (uploads/), ${tier.storageClass}`,
              monthlyUsd: n * inTier * imageGb * TIER_PRICES[tier.storageClass].gbMonth,
              basis: `day ${tier.afterDays} to ${retentionDays}`,
            },
            {
              item: 'S3 lifecycle transitions',
              monthlyUsd: transitioning ? (n / 1000) * TIER_PRICES[tier.storageClass].transitionPer1000 : 0,
              basis: `one per image, on day ${tier.afterDays}`,
            },
          ]
        : []),
      {
        item: 'S3 OCR output (results/)',
        monthlyUsd: n * kept * (a.resultKb / KB_PER_GB) * PRICES.s3StandardGbMonth,
        basis: `${a.resultKb} KB, ${retentionDays} days`,
      },
      {
        item: 'DynamoDB storage + PITR',
        monthlyUsd:
          n *
          kept *
          ((a.recordKb + indexKb) / KB_PER_GB) *
          (PRICES.dynamoDbStorageGbMonth + PRICES.dynamoDbPitrGbMonth),
        basis: `${a.recordKb} KB + ${indexKb} KB ${input.ownerIndexProjection} index, ${retentionDays} days`,
      },
      {
        item: 'CloudWatch Logs storage',
        monthlyUsd: logGb * monthsInAgeRange(month, 0, logMonths) * PRICES.logsStoredGbMonth,
        basis: `${config.logRetentionDays} days retention`,
      },
    ];
  };

  const lifetimeStoragePer1000Usd =
    1000 *
    (imageGb * standardMonths * PRICES.s3StandardGbMonth +
      (tier
        ? imageGb * (keptMonths - standardMonths) * TIER_PRICES[tier.storageClass].gbMonth +
          TIER_PRICES[tier.storageClass].transitionPer1000 / 1000
        : 0) +
      keptMonths * (a.resultKb / KB_PER_GB) * PRICES.s3StandardGbMonth +
      keptMonths *
        ((a.recordKb + indexKb) / KB_PER_GB) *
        (PRICES.dynamoDbStorageGbMonth + PRICES.dynamoDbPitrGbMonth));

  const alarmCount = 20;
  const fixed: CostLine[] = [
    ...(config.api.webAcl === undefined
      ? []
      : [
          {
            item: 'WAF web ACL + 3 rules',
            monthlyUsd: PRICES.wafWebAclMonth + 3 * PRICES.wafRuleMonth,
            basis: '',
          },
        ]),
    { item: 'KMS key (alarm topic)', monthlyUsd: PRICES.kmsKeyMonth, basis: '' },
    {
      item: 'CloudWatch alarms + dashboard',
      monthlyUsd: alarmCount * PRICES.cloudWatchAlarmMonth + PRICES.cloudWatchDashboardMonth,
      basis: `about ${alarmCount} alarms`,
    },
  ];

  return {
    receiptsPerMonth: n,
    traffic,
    trafficMonthlyUsd,
    trafficPer1000Usd: (trafficMonthlyUsd / n) * 1000,
    storage,
    lifetimeStoragePer1000Usd,
    secondsForTrafficPer1000,
    fixed,
  };
}

const usd = (value: number) => `$${value.toFixed(value < 10 ? 2 : 0)}`;
const per1000 = (value: number, n: number) => `$${((value / n) * 1000).toFixed(4)}`;

/** The months the report shows storage for: the first, and one past the retention (the steady state). */
export function storageMonths(config: StageConfig): readonly number[] {
  return [1, Math.ceil(config.storage.retentionDays / DAYS_PER_MONTH) + 1];
}

/** The report as the markdown table docs/deploy.md holds. */
export function costMarkdown(report: CostReport, config: StageConfig): string {
  const n = report.receiptsPerMonth;
  const rows = [
    '| line | per month | per 1,000 receipts | basis |',
    '| --- | ---: | ---: | --- |',
    ...report.traffic.map(
      (l) => `| ${l.item} | ${usd(l.monthlyUsd)} | ${per1000(l.monthlyUsd, n)} | ${l.basis} |`,
    ),
    `| **traffic total** | **${usd(report.trafficMonthlyUsd)}** | **${per1000(report.trafficMonthlyUsd, n)}** | |`,
    ...report.fixed.map((l) => `| ${l.item} (fixed) | ${usd(l.monthlyUsd)} | | ${l.basis} |`),
    ...storageMonths(config).flatMap((month) =>
      report.storage(month).map((l) => `| ${l.item}, month ${month} | ${usd(l.monthlyUsd)} | | ${l.basis} |`),
    ),
    `| **storage over a receipt's retention** | | **$${report.lifetimeStoragePer1000Usd.toFixed(4)}** | images, OCR output, record and index until they expire |`,
  ];
  return rows.join('\n');
}
