/**
 * The fault run in small (the full one, 500 receipts with 10-second outages, is `pnpm bench:burst --faults`):
 * 10 small receipts uploaded at once, 2 of them broken, to the local stack in its own process; DynamoDB down, then
 * S3 down, then the process killed with SIGKILL while most uploads are unsettled, and a spare process (its modules
 * loaded meanwhile) started on the same data. Afterwards every upload has exactly one final record with the
 * outcome it should have. Most of its time is the two stack starts (about 4 s of CPU each: the SDK, s3rver,
 * dynalite, Powertools and the OCR worker), not the receipts.
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
    count: 10,
    brokenShare: 0.2,
    outageMs: 1000,
    // Failed deliveries come back after 1 s, then 4 s: past the outage, without the local queue's 5 s wait.
    retryDelayMs: 1000,
    env: { OCR_LANGUAGES: 'eng' },
    timeoutMs: 120_000,
    pollMs: 250,
  });

  // Assess
  expect(report.faults).toHaveLength(3);
  expect(report).toMatchObject({ uploads: 10, records: 10, lost: 0, duplicated: 0, stuck: 0, wrongCodes: 0 });
  expect(report.outcomes).toEqual({ COMPLETED: 8, 'FAILED CORRUPT_IMAGE': 1, 'FAILED EMPTY_FILE': 1 });
  // The kill cut the burst short: the restarted stack found unsettled uploads and finished them.
  expect(report.requeuedOnRestart).toBeGreaterThan(0);
  // A cap, not the expected time: on a 2-core machine shared with other jobs the full suite ran five times slower
  // than in CI, and this test went past 180 s.
}, 300_000);
