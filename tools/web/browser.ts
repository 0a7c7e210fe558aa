/**
 * The Chromium the browser tests and the README screenshot drive with playwright-core. Playwright's own browser
 * download is not used (it fetches from a CDN); a system Chromium is: Debian's `chromium-headless-shell` (what
 * .ci/run installs) or `chromium`, or any Chrome/Chromium named by CHROMIUM_PATH.
 */
import { access } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export async function chromiumPath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const wanted = env.CHROMIUM_PATH;
  if (wanted) {
    await access(wanted).catch(() => {
      throw new Error(`CHROMIUM_PATH=${wanted} does not exist`);
    });
    return wanted;
  }
  for (const candidate of CANDIDATES) {
    if (
      await access(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  throw new Error(
    'no Chromium found: install it (Debian/Ubuntu: apt-get install chromium-headless-shell) or set CHROMIUM_PATH to a Chrome or Chromium executable',
  );
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. The page is our own, on 127.0.0.1.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
}
