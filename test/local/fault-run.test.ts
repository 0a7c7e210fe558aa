/**
 * The fault run in small (the full one, 500 receipts with 10-second outages, is `pnpm bench:burst --faults`):
 * 20 receipts uploaded at once, 2 of them broken, to the local stack in its own process; DynamoDB down, then S3
 * down, then the process killed with SIGKILL and started again on its data. Afterwards every upload has exactly
 * one final record with the outcome it should have.
 */
import { expect, it } from 'vitest';
import { runBurst } from '../../tools/local/fault/fault-run.js';
import { renderReceipt } from '../../tools/samples/receipt-images.js';

it('loses, duplicates and strands nothing through outages and a SIGKILL', async () => {
  // Prepare: small receipts, read fast
  const receipts = [
    {
      name: 'small',
      body: await renderReceipt({
        lines: ['CORNER SHOP', 'COFFEE      3.00', 'TOTAL       3.00'],
        format: 'jpeg',
      }),
      contentType: 'image/jpeg',
    },
  ];

  // Act
  const report = await runBurst({
    receipts,
    count: 20,
    brokenShare: 0.1,
    outageMs: 1000,
    env: { OCR_LANGUAGES: 'eng' },
    timeoutMs: 120_000,
    pollMs: 250,
  });

  // Assess
  expect(report.faults).toHaveLength(3);
  expect(report).toMatchObject({ uploads: 20, records: 20, lost: 0, duplicated: 0, stuck: 0, wrongCodes: 0 });
  expect(report.outcomes).toEqual({ COMPLETED: 18, 'FAILED CORRUPT_IMAGE': 1, 'FAILED EMPTY_FILE': 1 });
}, 180_000);
