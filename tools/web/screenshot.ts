/**
 * The README's screenshot of the receipt view: a receipt rendered by the tests' generator goes through the local
 * stack (real OCR), then Chromium shows it with the total's input focused.
 *   pnpm exec tsx tools/web/screenshot.ts [docs/images/review-page.png]
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ENGLISH_RECEIPT, renderReceipt } from '../samples/receipt-images.js';
import { launchChromium } from './browser.js';
import { startReviewStack } from './review-stack.js';
import { uploadAndSettle } from './upload.js';

const output = resolve(process.argv[2] ?? 'docs/images/review-page.png');
const review = await startReviewStack();
const browser = await launchChromium();
try {
  const token = await review.api.signer.sign('alice');
  const bytes = await renderReceipt(ENGLISH_RECEIPT);
  const { id } = await uploadAndSettle(review.api.url, token, {
    bytes,
    name: 'sunrise-grocery.png',
    contentType: 'image/png',
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
  await page.goto(`${review.api.url}/#/receipts/${id}`);
  await page.locator('svg.receipt-image image').waitFor();
  await page.locator('#input-total').focus();
  await page.locator('rect.box-field[data-field="total"]').hover();
  await mkdir(dirname(output), { recursive: true });
  await page.screenshot({ path: output, fullPage: false });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await review.close();
}
