import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveLangSource } from '@receipt-ocr/engine/internals';
import type { ModelKind } from '@receipt-ocr/engine/language-models';

/**
 * Copies `<lang>.traineddata.gz` of each language and model kind into `<outDir>/<kind>/` (the layout
 * TESSDATA_PATH names): the fast ones from models/tessdata_fast, the best_int ones from the @tesseract.js-data
 * packages. Returns the files as `<kind>/<file>`.
 */
export function copyTraineddata(
  languages: readonly string[],
  kinds: readonly ModelKind[],
  outDir: string,
): string[] {
  return kinds.flatMap((kind) => {
    const source = resolveLangSource(languages, kind);
    if (!source.gzip) throw new Error(`The ${kind} models in ${source.langPath} are not all gzipped`);
    mkdirSync(path.join(outDir, kind), { recursive: true });
    return languages.map((language) => {
      const file = `${language}.traineddata.gz`;
      copyFileSync(path.join(source.langPath, file), path.join(outDir, kind, file));
      return `${kind}/${file}`;
    });
  });
}
