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
  /** API requests per receipt: POST /receipts plus the GETs an app sends until the receipt settles. */
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
  /** Duplicate checks per receipt: a strongly consistent read and a 1-unit put of a fingerprint item each. */
  readonly fingerprintChecks: number;
  /** Size of the OCR output JSON under results/, KB. */
  readonly resultKb: number;
  /** Log bytes per receipt: the OCR function's lines and EMF, and per API request (function log + access log). */
  readonly ocrLogKb: number;
  readonly apiLogKbPerRequest: number;
  /** Share of requests X-Ray records (Lambda and API Gateway default sampling: 1/s then 5%). */
  readonly tracedShare: number;
}

/**
 * Record and OCR output sizes: `tools/cost/record-size.ts` on the 40 development receipts (PENDING 658 bytes, the
 * claim 987, the settled record median 3,663, p90 3,998, max 5,510: 4.1 write units on average; OCR output median
 * 15,545 bytes). The rest: docs/deploy.md, Cost.
 */
export const DEFAULT_ASSUMPTIONS: Assumptions = {
  apiRequestsPerReceipt: 4,
  apiHandlerMs: 60,
  recordWriteUnits: [1, 1, 4.1],
  recordKb: 3.6,
  includeIndexEntryKb: 0.3,
  fingerprintChecks: 2,
  resultKb: 15.2,
  ocrLogKb: 1.5,
  apiLogKbPerRequest: 1.2,
  tracedShare: 0.06,
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
  readonly fixed: readonly CostLine[];
}

const DAYS_PER_MONTH = 30;
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
  // The claim reads the record, each duplicate check its fingerprint; every GET of a receipt reads the record
  // (all strongly consistent).
  const reads = 1 + a.fingerprintChecks + (a.apiRequestsPerReceipt - 1) * Math.ceil(a.recordKb / 4);
  const logGb = (n * (a.ocrLogKb + a.apiRequestsPerReceipt * a.apiLogKbPerRequest)) / KB_PER_GB;

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
      basis: `${a.apiRequestsPerReceipt} requests per receipt`,
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
      item: 'DynamoDB writes',
      monthlyUsd: million(n * writeUnits) * PRICES.dynamoDbPerMillionWrites,
      basis: `${recordWriteUnits} WRU record + ${indexWriteUnits} ${input.ownerIndexProjection} index + quota + ${a.fingerprintChecks} fingerprints`,
    },
    {
      item: 'DynamoDB reads',
      monthlyUsd: million(n * reads) * PRICES.dynamoDbPerMillionReads,
      basis: `${reads} strongly consistent reads`,
    },
    {
      item: 'SQS',
      monthlyUsd: million(n * (1 + 2 / config.ocr.batchSize)) * PRICES.sqsPerMillionRequests,
      basis: 'send; receive and delete per batch',
    },
    {
      item: 'CloudWatch Logs ingestion',
      monthlyUsd: logGb * PRICES.logsIngestedGb,
      basis: `${(logGb / (n / 1_000_000)).toFixed(1)} GB per million receipts`,
    },
    {
      item: 'X-Ray traces',
      monthlyUsd: million((n + apiRequests) * a.tracedShare) * PRICES.xrayPerMillionTraces,
      basis: `${a.tracedShare * 100}% of invocations sampled`,
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
