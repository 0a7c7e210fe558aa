/**
 * `pnpm exec tsx tools/cost/record-size.ts <folder of receipt images> [--limit N] [--json]`: what the pipeline
 * stores per receipt, measured on real receipts, for the cost model's assumptions (tools/cost/model.ts):
 *   - the DynamoDB item of each record write (PENDING, the claim, the settled record) as the adapter builds it, in
 *     bytes and in write units (1 KB each, rounded up; a replacing put costs the larger of old and new item);
 *   - the OCR output the pipeline puts under results/, in bytes;
 *   - the engine's time per receipt, decode to fields, one warm engine (the billed OCR seconds less the pipeline's
 *     own overhead).
 * The records come from the domain's own lifecycle functions and the DynamoDB adapter's item mapping, with the
 * retention TTL set as a deployed stage sets it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createReceiptEngine } from '@receipt-ocr/engine';
import {
  itemBytes as bytesOfItem,
  storedRecord,
  toItem,
} from '../../functions/adapters/dynamodb-receipt-repository.js';
import { resultKey, uploadKey } from '../../functions/receipts/keys.js';
import { claimedRecord, completedRecord } from '../../functions/receipts/lifecycle.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { fullOutput } from '../../functions/receipts/service.js';
import { receiptImageFiles } from '../cli/inputs.js';

const KB = 1024;
const DAY_SECONDS = 86_400;
const REPOSITORY_OPTIONS = { pendingTtlSeconds: 7 * DAY_SECONDS, retentionSeconds: 365 * DAY_SECONDS };

const itemBytes = (record: ReceiptRecord) => bytesOfItem(toItem(record, REPOSITORY_OPTIONS));
const writeUnits = (...bytes: number[]) => Math.ceil(Math.max(...bytes) / KB);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

const mean = (values: readonly number[]) => values.reduce((total, value) => total + value, 0) / values.length;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  });
  const { files } = await receiptImageFiles(
    positionals[0],
    values.limit,
    'tsx tools/cost/record-size.ts <folder of receipt images> [--limit N] [--json]',
  );
  const engine = await createReceiptEngine({});
  const rows: Array<{ engineMs: number; pending: number; claim: number; settled: number; result: number }> =
    [];
  try {
    for (const file of files) {
      const bytes = readFileSync(file);
      const started = performance.now();
      const result = await engine.process({ bytes });
      const engineMs = performance.now() - started;
      const receiptId = randomUUID();
      const ownerId = randomUUID();
      const now = new Date();
      const key = uploadKey('uploads/', ownerId, receiptId, 'jpg');
      const source = { bucket: 'receipt-ocr-prod-123456789012-eu-west-1', key, contentType: 'image/jpeg' };
      const pending: ReceiptRecord = {
        receiptId,
        ownerId,
        status: 'PENDING',
        version: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        fileName: path.basename(file),
        source,
        attempts: 0,
      };
      const uploaded = {
        ...source,
        versionId: 'Jq3tBmnWqY1uS4w2vX6yZ8aB0cD2eF4g',
        eTag: '"0123456789abcdef0123456789abcdef"',
        size: bytes.length,
      };
      const claim = claimedRecord(
        pending,
        {
          kind: 'upload',
          receiptId,
          ownerId,
          sourceToken: uploaded.versionId,
          deliveryId: randomUUID(),
          now,
          leaseMs: 180_000,
          keepCorrections: false,
        },
        uploaded,
        pending.fileName,
      );
      const results = resultKey('results/', ownerId, receiptId);
      const settled = storedRecord(
        completedRecord(claim, {
          result,
          contentHash: createHash('sha256').update(bytes).digest('hex'),
          resultKey: results,
          downloadMs: 40,
          totalMs: engineMs + 60,
          now,
        }),
        REPOSITORY_OPTIONS,
      );
      rows.push({
        engineMs,
        pending: itemBytes(pending),
        claim: itemBytes(claim),
        settled: itemBytes(settled),
        result: Buffer.byteLength(JSON.stringify(fullOutput(claim, result))),
      });
    }
  } finally {
    await engine.close();
  }
  const summary = {
    receipts: rows.length,
    engineMs: {
      median: Math.round(
        percentile(
          rows.map((row) => row.engineMs),
          50,
        ),
      ),
      p90: Math.round(
        percentile(
          rows.map((row) => row.engineMs),
          90,
        ),
      ),
    },
    itemBytes: Object.fromEntries(
      (['pending', 'claim', 'settled'] as const).map((write) => [
        write,
        {
          median: percentile(
            rows.map((row) => row[write]),
            50,
          ),
          p90: percentile(
            rows.map((row) => row[write]),
            90,
          ),
          max: Math.max(...rows.map((row) => row[write])),
        },
      ]),
    ),
    // Write units of the three puts, each replacing the one before (the larger item counts).
    writeUnits: {
      pending: mean(rows.map((row) => writeUnits(row.pending))),
      claim: mean(rows.map((row) => writeUnits(row.pending, row.claim))),
      settled: mean(rows.map((row) => writeUnits(row.claim, row.settled))),
    },
    resultBytes: {
      median: percentile(
        rows.map((row) => row.result),
        50,
      ),
      mean: Math.round(mean(rows.map((row) => row.result))),
    },
  };
  process.stdout.write(
    values.json ? `${JSON.stringify(summary)}\n` : `${JSON.stringify(summary, null, 2)}\n`,
  );
}

await main();
