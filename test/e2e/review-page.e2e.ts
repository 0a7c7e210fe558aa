/**
 * The review page in a real browser (Chromium driven by playwright-core) against the local stack as `pnpm start`
 * runs it, on free ports: the real API handlers, s3rver, dynalite and the real OCR. One receipt goes through the
 * flows a person uses: upload, wait for COMPLETED, boxes on the image, correct the total by clicking its box and by
 * typing, save (REVIEWED), a concurrent change (409), export CSV, delete.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../tools/local/api/server.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';
import { launchChromium } from '../../tools/web/browser.js';
import { type ReviewStack, startReviewStack } from '../../tools/web/review-stack.js';

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
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: { target: string[] }[];
}

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

  it.each([
    ['a desktop', { width: 1280, height: 900 }],
    ['a phone', { width: 390, height: 844 }],
  ])(
    'passes axe-core (no serious or critical finding) on %s, without sideways scrolling',
    async (_name, viewport) => {
      // axe is injected as a script, which the page's CSP forbids: this context alone bypasses it.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const audited = await context.newPage();
      const findings: string[] = [];
      for (const route of ['#/', `#/receipts/${receiptId}`]) {
        await audited.goto(`${api.url}/${route}`);
        await audited
          .locator(route === '#/' ? 'tr[data-id]' : 'svg.receipt-image image')
          .first()
          .waitFor();
        await audited.addScriptTag({ path: AXE });
        // Expressions as strings: they run in the page, whose DOM types this Node project does not load.
        const { violations } = (await audited.evaluate('axe.run()')) as { violations: AxeViolation[] };
        findings.push(
          ...violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map(
              (violation) =>
                `${route} ${violation.id}: ${violation.nodes
                  .slice(0, 3)
                  .map((node) => node.target.join(' '))
                  .join(', ')}`,
            ),
        );
        const overflow = (await audited.evaluate(
          'document.documentElement.scrollWidth - window.innerWidth',
        )) as number;
        expect(overflow, `${route} scrolls sideways`).toBeLessThanOrEqual(0);
      }
      await context.close();
      expect(findings).toEqual([]);
    },
  );

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

describe('sign-in through the Cognito hosted UI (as deployed)', () => {
  it('sends the user to the hosted UI with PKCE, redeems the code and calls the API with the ID token', async () => {
    // Cognito cannot run here: its two endpoints are played by route handlers. The ID token they hand out is a
    // local one, so the real local API accepts it as it would accept Cognito's.
    const HOSTED_UI = 'https://receipts.auth.eu-west-1.amazoncognito.com';
    const redirectUri = `${api.url}/`;
    const idToken = await api.signer.sign('carol');
    // The page's CSP admits the hosted UI only as deployed (infra); this context skips it.
    const context = await browser.newContext({ bypassCSP: true });
    const signIn = await context.newPage();
    let challenge = '';
    let tokenRequest: URLSearchParams | undefined;
    await signIn.route(`${api.url}/config.json`, (route) =>
      route.fulfill({
        json: {
          apiUrl: '',
          auth: { mode: 'cognito', domain: HOSTED_UI, clientId: 'web-client', redirectUri },
        },
      }),
    );
    await signIn.route(`${HOSTED_UI}/oauth2/authorize?**`, (route) => {
      const asked = new URL(route.request().url()).searchParams;
      expect(
        Object.fromEntries([...asked].filter(([name]) => !['state', 'code_challenge'].includes(name))),
      ).toEqual({
        response_type: 'code',
        client_id: 'web-client',
        redirect_uri: redirectUri,
        scope: 'openid email',
        code_challenge_method: 'S256',
      });
      challenge = asked.get('code_challenge') ?? '';
      return route.fulfill({
        status: 302,
        headers: { Location: `${redirectUri}?code=the-code&state=${asked.get('state')}` },
      });
    });
    await signIn.route(`${HOSTED_UI}/oauth2/token`, (route) => {
      tokenRequest = new URLSearchParams(route.request().postData() ?? '');
      return route.fulfill({ json: { id_token: idToken, access_token: 'unused', token_type: 'Bearer' } });
    });
    const listed = signIn.waitForRequest((request) => request.url().startsWith(`${api.url}/receipts?`));

    await signIn.goto(redirectUri);

    const request = await listed;
    expect(request.headers().authorization).toBe(idToken);
    expect(tokenRequest?.get('grant_type')).toBe('authorization_code');
    expect(tokenRequest?.get('code')).toBe('the-code');
    const verifier = tokenRequest?.get('code_verifier') ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    await signIn.getByText('No receipts here yet.').waitFor();
    await expect(signIn.locator('.user').textContent()).resolves.toContain('carol');
    // The code is gone from the address bar once redeemed.
    expect(new URL(signIn.url()).search).toBe('');
    await context.close();
  });
});
