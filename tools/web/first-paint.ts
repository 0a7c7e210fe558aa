/**
 * First paint of the receipts list on the local stack with many receipts (target: ≤ 1 s with 200), and the size of
 * the page's JavaScript (target: ≤ 100 KB gzipped). Receipts are written straight to the local DynamoDB (as the
 * pipeline leaves them); each run opens the page in a fresh browser context (no cache) and times navigation start
 * -> the first page of rows in the table, and the browser's first contentful paint.
 *   pnpm exec tsx tools/web/first-paint.ts [--receipts 200] [--runs 5]
 */
import { parseArgs } from 'node:util';
import { DynamoDbReceiptRepository } from '../../functions/adapters/dynamodb-receipt-repository.js';
import { createAwsClients } from '../../functions/commons/clients.js';
import { S3RVER_CREDENTIALS } from '../local/config.js';
import { completedRecord } from '../samples/receipt-records.js';
import { launchChromium } from './browser.js';
import { startReviewStack } from './review-stack.js';

const { values } = parseArgs({
  options: { receipts: { type: 'string', default: '200' }, runs: { type: 'string', default: '5' } },
});
const count = Number(values.receipts);
const runs = Number(values.runs);

const review = await startReviewStack();
const browser = await launchChromium();
try {
  const clients = createAwsClients({
    region: review.stack.region,
    s3Endpoint: review.stack.s3Endpoint,
    dynamodbEndpoint: review.stack.dynamodbEndpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  const repository = new DynamoDbReceiptRepository(clients.dynamodb, review.stack.table);
  const merchants = ['Sunrise Grocery', 'Moonlight Cafe', 'Petrol Station 24', 'City Pharmacy'];
  for (let index = 0; index < count; index += 1) {
    await repository.put(
      completedRecord({
        ownerId: 'alice',
        createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
        bucket: review.stack.bucket,
        merchant: merchants[index % merchants.length] ?? 'Shop',
        date: `2026-01-${String((index % 28) + 1).padStart(2, '0')}`,
        total: `${(index * 3.7 + 5).toFixed(2)}`,
      }),
      { expectedVersion: undefined },
    );
  }
  clients.dynamodb.destroy();
  clients.s3.destroy();

  const rowsMs: number[] = [];
  const fcpMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${review.api.url}/`);
    await page.locator('tr[data-id]').nth(24).waitFor();
    const timing = await page.evaluate(() => ({
      rows: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    }));
    rowsMs.push(timing.rows);
    fcpMs.push(timing.fcp);
    await context.close();
  }
  const median = (list: number[]) =>
    [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
  console.log(
    `receipts in the table: ${count}; runs: ${runs} (fresh context each, first run includes the API's warm-up)`,
  );
  console.log(
    `first page of 25 rows shown: median ${median(rowsMs).toFixed(0)} ms, max ${Math.max(...rowsMs).toFixed(0)} ms (target ≤ 1000 ms)`,
  );
  console.log(`first contentful paint: median ${median(fcpMs).toFixed(0)} ms`);
  console.log(`app.js gzipped: ${(review.web.scriptGzipBytes / 1024).toFixed(1)} KB (target ≤ 100 KB)`);
} finally {
  await browser.close();
  await review.close();
}
