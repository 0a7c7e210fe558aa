/**
 * The tessdata_fast models committed in models/tessdata_fast/ are the files PROVENANCE.json names (sha256 of the
 * Debian package's traineddata, before and after gzip), there is one for every default language, and the licence
 * travels with them. That they load with no network is test/engine/offline.test.ts (the CLI reads with them).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGES } from '../../functions/engine/language-models.js';
import { VENDORED_FAST_MODELS } from '../../functions/engine/tessdata.js';

interface ProvenanceEntry {
  language: string;
  package: string;
  version: string;
  bytes: number;
  sha256: string;
  gzSha256: string;
}

const provenance = JSON.parse(readFileSync(path.join(VENDORED_FAST_MODELS, 'PROVENANCE.json'), 'utf8')) as {
  upstreamCommit: string;
  models: ProvenanceEntry[];
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('vendored tessdata_fast models', () => {
  it('cover every default language, from the Debian packages of one upstream commit, with their licence', () => {
    expect(provenance.models.map((model) => model.language).sort()).toEqual([...DEFAULT_LANGUAGES].sort());
    expect(provenance.upstreamCommit).toMatch(/^[0-9a-f]{40}$/);
    for (const model of provenance.models) {
      expect(model).toMatchObject({ package: `tesseract-ocr-${model.language}`, version: '1:4.1.0-2' });
    }
    expect(readFileSync(path.join(VENDORED_FAST_MODELS, 'LICENSE'), 'utf8')).toContain('Apache License');
    expect(existsSync(path.join(VENDORED_FAST_MODELS, 'vendor.sh'))).toBe(true);
  });

  it.each(provenance.models)('$language.traineddata.gz matches its sha256, gzipped and unpacked', (model) => {
    const gz = readFileSync(path.join(VENDORED_FAST_MODELS, `${model.language}.traineddata.gz`));
    const unpacked = gunzipSync(gz);

    expect(sha256(gz)).toBe(model.gzSha256);
    expect(unpacked.length).toBe(model.bytes);
    expect(sha256(unpacked)).toBe(model.sha256);
  });
});
