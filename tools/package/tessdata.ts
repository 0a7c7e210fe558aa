import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { findPackageDir } from './runtime-modules.js';

/** The integer LSTM models: same accuracy as `4.0.0` for OEM LSTM_ONLY, faster to load (ENGINE-FACTS.md). */
export const MODEL = '4.0.0_best_int';

/** Copies `<lang>.traineddata.gz` of each language from the @tesseract.js-data packages into `outDir`. */
export function copyTraineddata(languages: readonly string[], repoRoot: string, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return languages.map((language) => {
    const dir = findPackageDir(`@tesseract.js-data/${language}`, repoRoot);
    if (dir === undefined) throw new Error(`No traineddata package @tesseract.js-data/${language} installed`);
    const file = `${language}.traineddata.gz`;
    copyFileSync(path.join(dir, MODEL, file), path.join(outDir, file));
    return file;
  });
}
