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
});
