import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/config/paths.js';
import { STAGES, type StageConfig } from '../../../infra/config/stages.js';
import { OWNER_INDEX_PROJECTION } from '../../../infra/constructs/receipts-table.js';
import { DEFAULT_SECONDS_PER_RECEIPT } from '../../../tools/cost/cost-defaults.js';
import { type CostInput, costMarkdown, costModel, DEFAULT_ASSUMPTIONS } from '../../../tools/cost/model.js';

const prod = STAGES.prod as StageConfig;
const input: CostInput = {
  config: prod,
  receiptsPerDay: 1_000_000,
  imageKb: 300,
  secondsPerReceipt: 1.5,
  ownerIndexProjection: 'ALL',
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

  it('halves the index writes with a KEYS_ONLY index and scales the API lines with the requests per receipt', () => {
    const all = costModel(input);
    const keysOnly = costModel({ ...input, ownerIndexProjection: 'KEYS_ONLY' });
    // 6 WRU + 6 in the index + 1 quota -> 6 + 3 + 1.
    expect(line(keysOnly.traffic, 'DynamoDB writes') / line(all.traffic, 'DynamoDB writes')).toBeCloseTo(
      10 / 13,
      6,
    );
    const notified = costModel({
      ...input,
      assumptions: { ...DEFAULT_ASSUMPTIONS, apiRequestsPerReceipt: 2 },
    });
    expect(line(notified.traffic, 'API Gateway (REST)')).toBeCloseTo(
      line(all.traffic, 'API Gateway (REST)') / 2,
      6,
    );
  });

  it('caps image storage at the expiry while records and results keep growing', () => {
    const report = costModel(input);
    expect(line(report.storage(12), 'S3 images (uploads/)')).toBeCloseTo(
      line(report.storage(3), 'S3 images (uploads/)'),
      6,
    );
    expect(line(report.storage(12), 'DynamoDB storage + PITR')).toBeCloseTo(
      12 * line(report.storage(1), 'DynamoDB storage + PITR'),
      6,
    );
  });

  it('is the table docs/deploy.md shows (pnpm cost --markdown)', () => {
    const docs = readFileSync(path.join(REPO_ROOT, 'docs/deploy.md'), 'utf8');
    const table = costMarkdown(
      costModel({
        ...input,
        secondsPerReceipt: DEFAULT_SECONDS_PER_RECEIPT,
        ownerIndexProjection: OWNER_INDEX_PROJECTION,
      }),
    );
    expect(docs).toContain(table);
  });
});
