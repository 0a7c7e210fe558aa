import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveLangSource } from '../../../functions/engine/tessdata.js';
import { bestIntTessdata } from '../../../tools/bench/native.js';

describe('bestIntTessdata: the native yardstick reading with the engine’s model', () => {
  it("holds the engine's English best_int model, unzipped, under the name the CLI reads", () => {
    // Act
    const folder = bestIntTessdata();

    // Assess: byte for byte the model the engine reads pages with, not Debian's fast one.
    const source = resolveLangSource(['eng'], 'best_int');
    const packaged = gunzipSync(readFileSync(path.join(source.langPath, 'eng.traineddata.gz')));
    const written = readFileSync(path.join(folder, 'eng.traineddata'));
    expect(written.equals(packaged)).toBe(true);
    rmSync(folder, { recursive: true, force: true });
    expect(written.length).not.toBe(
      readFileSync(path.resolve('models/tessdata_fast/eng.traineddata.gz')).length,
    );
  });
});
