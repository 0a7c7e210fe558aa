/**
 * The review page in a real browser (Chromium driven by playwright-core) against the local stack as `pnpm start`
 * runs it, on free ports: the real API handlers, s3rver, dynalite and the real OCR. One receipt goes through the
 * flows a person uses: upload, wait for COMPLETED, boxes on the image, correct the total by clicking its box and by
 * typing, save (REVIEWED), a concurrent change (409), export CSV, delete.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../tools/local/api/server.js';
import { launchChromium } from '../../tools/web/browser.js';
import { type ReviewStack, startReviewStack } from '../../tools/web/review-stack.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../support/receipt-images.js';

let review: ReviewStack;
let api: LocalApi;
let browser: Browser;
let page: Page;
let receiptId: string;

beforeAll(async () => {
  review = await startReviewStack();
  api = review.api;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await review?.close();
});

const totalInput = () => page.locator('#input-total');

describe('the review page', () => {
  it('uploads a receipt and follows it to COMPLETED in the list', async () => {
    await page.goto(`${api.url}/`);
    await expect(page.locator('select').filter({ hasText: 'alice' }).inputValue()).resolves.toBe('alice');

    await page.setInputFiles('input[type=file]', {
      name: 'sunrise.png',
      mimeType: 'image/png',
      buffer: await renderReceipt(ENGLISH_RECEIPT),
    });

    const row = page.locator('tr[data-id]').first();
    await row.locator('[data-status="COMPLETED"]').waitFor({ timeout: 60_000 });
    receiptId = (await row.getAttribute('data-id')) ?? '';
    expect(receiptId).not.toBe('');
    await expect(row.locator('td[data-label="Total"]').textContent()).resolves.toBe('1126.89 MYR');
  });

  it('shows the image with the field boxes, and corrects the total by clicking its box and by typing', async () => {
    await page.locator(`tr[data-id="${receiptId}"] a`).click();
    await page.locator('svg.receipt-image image').waitFor();
    expect(await page.locator('svg.receipt-image rect.box-field').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('svg.receipt-image rect.box-word').count()).toBeGreaterThan(20);
    // The SVG's coordinate system is the read image's pixels.
    const viewBox = await page.locator('svg.receipt-image').getAttribute('viewBox');
    expect(viewBox).toMatch(/^0 0 \d+ \d+$/);

    await totalInput().fill('');
    await totalInput().focus();
    await page.locator('rect.box-field[data-field="total"]').click();
    await expect(totalInput().inputValue()).resolves.toBe('1126.89');

    await totalInput().fill('1126.90');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('h1 [data-status="REVIEWED"]').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Saved');
    await expect(page.locator('.field:has(#input-total) .corrected').count()).resolves.toBe(1);
  });

  it('says "changed elsewhere" when the receipt changed since it was shown (409), and reloads', async () => {
    const token = await api.signer.sign('alice');
    const shown = (await (
      await fetch(`${api.url}/receipts/${receiptId}`, { headers: { Authorization: token } })
    ).json()) as { version: number };
    const elsewhere = await fetch(`${api.url}/receipts/${receiptId}`, {
      method: 'PATCH',
      headers: { Authorization: token, 'Content-Type': 'application/json', 'If-Match': `"${shown.version}"` },
      body: JSON.stringify({ fields: { tip: '5.00' } }),
    });
    expect(elsewhere.status).toBe(200);

    await totalInput().fill('1000.00');
    await page.keyboard.press('Control+s');

    await expect(page.getByRole('alert').textContent()).resolves.toContain('changed elsewhere');
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.locator('#input-tip').inputValue()).toBe('5.00');
    await expect(totalInput().inputValue()).resolves.toBe('1126.90');
  });

  it('exports CSV with the corrected total', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^receipts-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(await readFile((await download.path()) ?? '', 'utf8'), { columns: true });
    expect(rows).toEqual([
      expect.objectContaining({
        id: receiptId,
        status: 'REVIEWED',
        total: '1126.90',
        tip: '5.00',
        currency: 'MYR',
      }),
    ]);
  });

  it('deletes the receipt after confirmation', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/#\/$/);
    await page.getByText('No receipts here yet.').waitFor();
    const token = await api.signer.sign('alice');
    const gone = await fetch(`${api.url}/receipts/${receiptId}`, { headers: { Authorization: token } });
    expect(gone.status).toBe(404);
  });
});
