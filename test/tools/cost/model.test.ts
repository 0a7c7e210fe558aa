import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/config/paths.js';
import { STAGES, type StageConfig } from '../../../infra/config/stages.js';
import { OWNER_INDEX_PROJECTION } from '../../../infra/constructs/receipts-table.js';
import { DEFAULT_SECONDS_PER_RECEIPT } from '../../../tools/cost/cost-defaults.js';
import {
  type CostInput,
  costMarkdown,
  costModel,
  DEFAULT_ASSUMPTIONS,
  OCR_LOG_KB,
} from '../../../tools/cost/model.js';
import { runTool } from '../../support/run-tool.js';

const prod = STAGES.prod as StageConfig;
const input: CostInput = {
  config: prod,
  receiptsPerDay: 1_000_000,
  imageKb: 300,
  secondsPerReceipt: 1.5,
  ownerIndexProjection: 'INCLUDE',
};
const line = (lines: ReadonlyArray<{ item: string; monthlyUsd: number }>, item: string) => {
  const found = lines.find((each) => each.item === item);
  if (found === undefined) throw new Error(`no line ${item}`);
  return found.monthlyUsd;
};

describe('cost model', () => {
  it('prices OCR compute from the stage memory, architecture and the seconds per receipt', () => {
    const report = costModel(input);
    expect(report.receiptsPerMonth).toBe(30_000_000);
    expect(line(report.traffic, 'Lambda: OCR compute')).toBeCloseTo(
      30_000_000 * 1.5 * (1769 / 1024) * 0.0000133334,
      6,
    );
    const x86 = costModel({ ...input, config: { ...prod, ocr: { ...prod.ocr, architecture: 'x86_64' } } });
    expect(
      line(x86.traffic, 'Lambda: OCR compute') / line(report.traffic, 'Lambda: OCR compute'),
    ).toBeCloseTo(1.25, 2);
  });

  it('sums the lines into the total and the price per 1,000 receipts', () => {
    const report = costModel(input);
    const total = report.traffic.reduce((sum, each) => sum + each.monthlyUsd, 0);
    expect(report.trafficMonthlyUsd).toBeCloseTo(total, 6);
    expect(report.trafficPer1000Usd).toBeCloseTo((total / 30_000_000) * 1000, 9);
  });

  it('counts an index write per status change with INCLUDE, every put in full with ALL', () => {
    const units = DEFAULT_ASSUMPTIONS.recordWriteUnits.reduce((total, each) => total + each, 0);
    const others = 1 + DEFAULT_ASSUMPTIONS.fingerprintChecks;
    const all = costModel({ ...input, ownerIndexProjection: 'ALL' });
    const include = costModel(input);
    expect(line(include.traffic, 'DynamoDB writes')).toBeCloseTo(30 * (units + 3 + others) * 0.625, 6);
    expect(line(all.traffic, 'DynamoDB writes')).toBeCloseTo(30 * (units + units + others) * 0.625, 6);
  });

  it('counts 1 API request per receipt (the upload URL: the event carries the receipt); polling quadruples the API lines', () => {
    const notified = costModel(input);
    const polling = costModel({
      ...input,
      assumptions: { ...DEFAULT_ASSUMPTIONS, apiRequestsPerReceipt: 4 },
    });
    expect(line(notified.traffic, 'API Gateway (REST)')).toBeCloseTo(30 * 3.5, 6);
    for (const item of ['API Gateway (REST)', 'Lambda: API handlers', 'WAF requests']) {
      expect(line(polling.traffic, item)).toBeCloseTo(4 * line(notified.traffic, item), 6);
    }
    expect(line(notified.traffic, 'EventBridge events')).toBeCloseTo(30 * 1, 6);
    // The claim's read alone; each GET of a polling app reads the record once more.
    expect(line(notified.traffic, 'DynamoDB reads')).toBeCloseTo(30 * 1 * 0.125, 6);
    expect(line(polling.traffic, 'DynamoDB reads')).toBeCloseTo(30 * 4 * 0.125, 6);
  });

  it('traces the OCR batches at Lambda default sampling and the API at the stage rule (1 %, no reservoir)', () => {
    const report = costModel(input);
    const month = 30 * 86_400;
    const ocrBatches = 30_000_000 / 4;
    const ocrTraces = month + 0.05 * (ocrBatches - month);
    const apiTraces = 0.01 * 30_000_000;
    expect(line(report.traffic, 'X-Ray traces')).toBeCloseTo(((ocrTraces + apiTraces) / 1e6) * 5, 6);
    const defaultRule = costModel({ ...input, config: { ...prod, apiTraceSampling: undefined } });
    expect(line(defaultRule.traffic, 'X-Ray traces')).toBeCloseTo(
      ((ocrTraces + month + 0.05 * (30_000_000 - month)) / 1e6) * 5,
      6,
    );
  });

  it("prices logs at the stage's level: WARN plus the DEBUG sample in prod, INFO when asked", () => {
    const gb = (kb: number) => (30_000_000 * kb) / 1024 ** 2;
    const api = DEFAULT_ASSUMPTIONS.apiLogKbPerRequest;
    const warn = OCR_LOG_KB.WARN + 0.01 * (OCR_LOG_KB.DEBUG - OCR_LOG_KB.WARN);
    expect(line(costModel(input).traffic, 'CloudWatch Logs ingestion')).toBeCloseTo(gb(warn + api) * 0.5, 6);
    const info = costModel({ ...input, config: { ...prod, logLevel: 'INFO', logSampleRate: 0 } });
    expect(line(info.traffic, 'CloudWatch Logs ingestion')).toBeCloseTo(gb(OCR_LOG_KB.INFO + api) * 0.5, 6);
  });

  it('finds the OCR seconds per receipt at which the traffic costs a given price', () => {
    const report = costModel(input);
    const seconds = report.secondsForTrafficPer1000(0.05);
    expect(costModel({ ...input, secondsPerReceipt: seconds }).trafficPer1000Usd).toBeCloseTo(0.05, 9);
    expect(seconds).toBeLessThan(1.5);
  });

  it('pnpm cost prices OCR at a bench mean when given one, and says so', async () => {
    // Prepare: a `pnpm bench --json` report whose slow receipts pull the mean (1,940 ms) above the median
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cost-bench-')), 'bench.json');
    writeFileSync(file, JSON.stringify({ images: 40, latencyMs: { median: 1700, p90: 2600, mean: 1940 } }));

    // Act
    const run = await runTool('tools/cost/cost.ts', ['--bench', file]);

    // Assess: + 60 ms pipeline overhead
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2.00 s OCR each');
    expect(run.stdout).toContain('OCR seconds: measured: engine mean 1940 ms over 40 images');
    expect(run.stdout).toMatch(
      /traffic at \$0\.05 per 1,000 receipts needs billed OCR of \d\.\d\d s per receipt/,
    );
  });

  it('pnpm cost falls back to the median of a bench file written before the mean was recorded', async () => {
    // Prepare
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cost-bench-')), 'bench.json');
    writeFileSync(file, JSON.stringify({ images: 40, latencyMs: { median: 1940, p90: 2600 } }));

    // Act
    const run = await runTool('tools/cost/cost.ts', ['--bench', file]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OCR seconds: measured: engine median 1940 ms over 40 images');
  });

  it('stops growing at the retention horizon: images, OCR output and records expire together', () => {
    // Prepare: prod keeps receipts 365 days and moves images to Standard-IA after 30.
    const report = costModel(input);
    const monthly = (month: number, item: string) => line(report.storage(month), item);

    // Assess
    for (const item of ['S3 OCR output (results/)', 'DynamoDB storage + PITR']) {
      expect(monthly(6, item)).toBeCloseTo(6 * monthly(1, item), 6);
      expect(monthly(13, item)).toBeCloseTo((365 / 30) * monthly(1, item), 6);
      expect(monthly(24, item)).toBeCloseTo(monthly(13, item), 6);
    }
    expect(monthly(24, 'S3 images (uploads/), Standard')).toBeCloseTo(
      monthly(1, 'S3 images (uploads/), Standard'),
      6,
    );
    expect(monthly(1, 'S3 images (uploads/), STANDARD_IA')).toBe(0);
    expect(monthly(24, 'S3 images (uploads/), STANDARD_IA')).toBeCloseTo(
      30_000_000 * ((365 - 30) / 30) * (300 / 1024 ** 2) * 0.0125,
      6,
    );
    expect(monthly(1, 'S3 lifecycle transitions')).toBe(0);
    expect(monthly(2, 'S3 lifecycle transitions')).toBeCloseTo(30_000 * 0.01, 6);
  });

  it('tiers only images S3 transitions (128 KB and more), and only when the stage asks', () => {
    const small = costModel({ ...input, imageKb: 100 });
    expect(small.storage(24).map((each) => each.item)).not.toContain('S3 lifecycle transitions');
    const dev = costModel({ ...input, config: STAGES.dev as StageConfig });
    expect(dev.storage(24).map((each) => each.item)).not.toContain('S3 lifecycle transitions');
  });

  it("prices a receipt's storage over its retention: Standard-IA after 30 days pays at 300 KB kept a year", () => {
    const tiered = costModel(input);
    const untiered = costModel({
      ...input,
      config: { ...prod, storage: { ...prod.storage, imageTiering: undefined } },
    });
    const gb = 300 / 1024 ** 2;
    expect(untiered.lifetimeStoragePer1000Usd - tiered.lifetimeStoragePer1000Usd).toBeCloseTo(
      1000 * (gb * ((365 - 30) / 30) * (0.023 - 0.0125) - 0.01 / 1000),
      9,
    );
    expect(tiered.lifetimeStoragePer1000Usd).toBeLessThan(untiered.lifetimeStoragePer1000Usd);
  });

  it('is the table docs/deploy.md shows (pnpm cost --markdown)', () => {
    const docs = readFileSync(path.join(REPO_ROOT, 'docs/deploy.md'), 'utf8');
    const table = costMarkdown(
      costModel({
        ...input,
        secondsPerReceipt: DEFAULT_SECONDS_PER_RECEIPT,
        ownerIndexProjection: OWNER_INDEX_PROJECTION,
      }),
      prod,
    );
    expect(docs).toContain(table);
  });
});
