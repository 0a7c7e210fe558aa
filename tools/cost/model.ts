/**
 * The monthly bill of one stage at a given volume, line by line: traffic (what each receipt costs) apart from
 * storage (what accumulates). Plain arithmetic over the stage settings, the measured seconds per receipt and the
 * per-receipt assumptions below; `pnpm cost` prints it and docs/deploy.md shows its table.
 */
import type { StageConfig } from '../../infra/config/stages.js';
import { PRICES } from './prices.js';

/** What one receipt does besides OCR: requests and bytes counted from the code paths (docs/deploy.md, Cost). */
export interface Assumptions {
  /** API requests per receipt: POST /receipts plus the GETs an app sends until the receipt settles. */
  readonly apiRequestsPerReceipt: number;
  /** Billed milliseconds of one API handler run (512 MB, warm). */
  readonly apiHandlerMs: number;
  /** DynamoDB item sizes in KB rounded up to whole write units: PENDING, the claim, the settled record. */
  readonly recordWritesKb: readonly number[];
  /** Stored size of a settled record, KB. */
  readonly recordKb: number;
  /** Size of the OCR output JSON under results/, KB. */
  readonly resultKb: number;
  /** Log bytes per receipt: the OCR function's lines and EMF, and per API request (function log + access log). */
  readonly ocrLogKb: number;
  readonly apiLogKbPerRequest: number;
  /** Share of requests X-Ray records (Lambda and API Gateway default sampling: 1/s then 5%). */
  readonly tracedShare: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  apiRequestsPerReceipt: 4,
  apiHandlerMs: 60,
  recordWritesKb: [1, 1, 4],
  recordKb: 4,
  resultKb: 20,
  ocrLogKb: 1.5,
  apiLogKbPerRequest: 1.2,
  tracedShare: 0.06,
};

export interface CostInput {
  readonly config: StageConfig;
  readonly receiptsPerDay: number;
  readonly imageKb: number;
  /** Billed OCR seconds per receipt (engine plus pipeline overhead), from the benchmark. */
  readonly secondsPerReceipt: number;
  /** The owner index's projection: ALL doubles every record write and its storage. */
  readonly ownerIndexProjection: 'ALL' | 'KEYS_ONLY';
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
  /** Storage after `months` months of this volume (images expire; records and results do not). */
  readonly storage: (months: number) => readonly CostLine[];
  readonly fixed: readonly CostLine[];
}

const DAYS_PER_MONTH = 30;
const KB_PER_GB = 1024 * 1024;
const million = (count: number) => count / 1_000_000;
const sum = (lines: readonly CostLine[]) => lines.reduce((total, line) => total + line.monthlyUsd, 0);

export function costModel(input: CostInput): CostReport {
  const { config } = input;
  const a = input.assumptions ?? DEFAULT_ASSUMPTIONS;
  const n = input.receiptsPerDay * DAYS_PER_MONTH;
  const gb = config.ocr.memoryMiB / 1024;
  const gbSecond = PRICES.lambdaGbSecond[config.ocr.architecture];
  const apiRequests = n * a.apiRequestsPerReceipt;
  const indexCopies = input.ownerIndexProjection === 'ALL' ? 2 : 1;
  const writeUnits = a.recordWritesKb.reduce((total, kb) => total + Math.ceil(kb), 0);
  // KEYS_ONLY: the index still gets one small write per record write.
  const indexWriteUnits = input.ownerIndexProjection === 'ALL' ? writeUnits : a.recordWritesKb.length;
  const quotaWrites = 1;
  // The pipeline reads the record twice (claim, settle); every GET of a receipt reads it once (strongly consistent).
  const reads = 2 + (a.apiRequestsPerReceipt - 1) * Math.ceil(a.recordKb / 4);
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
      monthlyUsd: million(n * (writeUnits + indexWriteUnits + quotaWrites)) * PRICES.dynamoDbPerMillionWrites,
      basis: `${writeUnits} WRU + ${indexWriteUnits} in the ${input.ownerIndexProjection} index + quota`,
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

  const storage = (months: number): CostLine[] => {
    const imageMonths = Math.min(months, config.storage.rawImageExpiryDays / DAYS_PER_MONTH);
    const recordGb = (n * months * a.recordKb * indexCopies) / KB_PER_GB;
    const logMonths = Math.min(months, config.logRetentionDays / DAYS_PER_MONTH);
    return [
      {
        item: 'S3 images (uploads/)',
        monthlyUsd: ((n * imageMonths * input.imageKb) / KB_PER_GB) * PRICES.s3StandardGbMonth,
        basis: `${input.imageKb} KB, expire after ${config.storage.rawImageExpiryDays} days`,
      },
      {
        item: 'S3 OCR output (results/)',
        monthlyUsd: ((n * months * a.resultKb) / KB_PER_GB) * PRICES.s3StandardGbMonth,
        basis: `${a.resultKb} KB, kept`,
      },
      {
        item: 'DynamoDB storage + PITR',
        monthlyUsd: recordGb * (PRICES.dynamoDbStorageGbMonth + PRICES.dynamoDbPitrGbMonth),
        basis: `${a.recordKb} KB x ${indexCopies} (table${indexCopies === 2 ? ' + ALL index' : ''}), kept`,
      },
      {
        item: 'CloudWatch Logs storage',
        monthlyUsd: logGb * logMonths * PRICES.logsStoredGbMonth,
        basis: `${config.logRetentionDays} days retention`,
      },
    ];
  };

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
    fixed,
  };
}

const usd = (value: number) => `$${value.toFixed(value < 10 ? 2 : 0)}`;
const per1000 = (value: number, n: number) => `$${((value / n) * 1000).toFixed(4)}`;

/** The report as the markdown table docs/deploy.md holds. */
export function costMarkdown(report: CostReport): string {
  const n = report.receiptsPerMonth;
  const rows = [
    '| line | per month | per 1,000 receipts | basis |',
    '| --- | ---: | ---: | --- |',
    ...report.traffic.map(
      (l) => `| ${l.item} | ${usd(l.monthlyUsd)} | ${per1000(l.monthlyUsd, n)} | ${l.basis} |`,
    ),
    `| **traffic total** | **${usd(report.trafficMonthlyUsd)}** | **${per1000(report.trafficMonthlyUsd, n)}** | |`,
    ...report.fixed.map((l) => `| ${l.item} (fixed) | ${usd(l.monthlyUsd)} | | ${l.basis} |`),
    ...[1, 12].flatMap((months) =>
      report
        .storage(months)
        .map((l) => `| ${l.item}, month ${months} | ${usd(l.monthlyUsd)} | | ${l.basis} |`),
    ),
  ];
  return rows.join('\n');
}
