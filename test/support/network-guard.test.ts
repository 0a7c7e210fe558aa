import http from 'node:http';
import { describe, expect, it } from 'vitest';

describe('network guard', () => {
  it('refuses a fetch to a public host', async () => {
    await expect(fetch('https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng')).rejects.toThrow(
      /network guard/,
    );
  });

  it('lets loopback through (the connection itself may still be refused)', async () => {
    await expect(fetch('http://127.0.0.1:9/')).rejects.not.toThrow(/network guard/);
  });

  it('refuses an http request to a public address (net.connect path, not fetch)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      try {
        const request = http.get('http://10.0.0.1/', () => resolve('connected'));
        request.on('error', (error) => resolve(error.message));
      } catch (error) {
        resolve(error instanceof Error ? error.message : String(error));
      }
    });
    expect(outcome).toMatch(/network guard/);
  });
});
