import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { TESSERACT_MODEL as MODEL } from '../../functions/contract/models.js';
import { findPackageDir } from './runtime-modules.js';

/** The model set (one home: the contract). */
export { MODEL };

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
