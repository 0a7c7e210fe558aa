/**
 * Where the traineddata comes from. Never a CDN: either a folder the caller names (the Lambda config's
 * TESSDATA_PATH, /opt/tessdata in the image, holding one subfolder per model kind) or the files beside the code:
 * the tessdata_fast models vendored in models/tessdata_fast/ and the best_int ones of the @tesseract.js-data
 * packages. The engine reads no environment: the entry points pass the folder.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TESSERACT_MODELS } from '../contract/models.js';
import { EngineError } from './errors.js';
import type { ModelKind } from './language-models.js';

/** The release of each model kind, as EngineInfo reports it (one home: the contract). */
export const MODEL_NAMES: Readonly<Record<ModelKind, string>> = TESSERACT_MODELS;

/** The vendored fast models, when the engine runs from the repository (the image sets TESSDATA_PATH). */
export const VENDORED_FAST_MODELS = fileURLToPath(new URL('../../models/tessdata_fast', import.meta.url));

const require = createRequire(import.meta.url);

function packageModelFile(language: string): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(`@tesseract.js-data/${language}/package.json`);
  } catch {
    throw new EngineError(
      'OCR_FAILED',
      `No best_int traineddata for language "${language}": install @tesseract.js-data/${language} or set TESSDATA_PATH`,
    );
  }
  return path.join(path.dirname(packageJson), MODEL_NAMES.best_int, `${language}.traineddata.gz`);
}

function hasModel(folder: string, language: string): boolean {
  return (
    existsSync(path.join(folder, `${language}.traineddata.gz`)) ||
    existsSync(path.join(folder, `${language}.traineddata`))
  );
}

export interface LangSource {
  /** Absolute local folder holding every requested <lang>.traineddata(.gz). */
  readonly langPath: string;
  /** Whether the files are gzipped (tesseract.js appends ".gz" to the name it reads). */
  readonly gzip: boolean;
}

/** A folder that must hold every language's model: gzipped when all of them are. */
function folderSource(folder: string, languages: readonly string[]): LangSource {
  const missing = languages.filter((language) => !hasModel(folder, language));
  if (missing.length > 0) {
    throw new EngineError('OCR_FAILED', `No ${missing.join(', ')} traineddata in ${folder}`);
  }
  const gzip = languages.every((language) => existsSync(path.join(folder, `${language}.traineddata.gz`)));
  return { langPath: folder, gzip };
}

/**
 * Resolves one local folder for the languages in one model kind. An explicit folder holds a
 * subfolder per kind: `fast/` and `best_int/`. Without one, the fast models are read from the repository's
 * vendored folder, and the best_int ones from the npm packages, each in its own folder: tesseract.js reads
 * every language from a single langPath, so their files are linked into one folder under the temp dir (the
 * only writable place on Lambda).
 */
export function resolveLangSource(
  languages: readonly string[],
  kind: ModelKind,
  explicitPath?: string,
): LangSource {
  if (explicitPath !== undefined && explicitPath !== '') {
    return folderSource(path.resolve(explicitPath, kind), languages);
  }
  if (kind === 'fast') return folderSource(VENDORED_FAST_MODELS, languages);
  const linked = path.join(tmpdir(), `receipt-ocr-tessdata-${MODEL_NAMES.best_int}`);
  mkdirSync(linked, { recursive: true });
  for (const language of languages) {
    const source = packageModelFile(language);
    const target = path.join(linked, `${language}.traineddata.gz`);
    if (!existsSync(target)) {
      rmSync(target, { force: true }); // a dangling link left by a moved node_modules
      try {
        symlinkSync(source, target);
      } catch (error) {
        // Another engine in this process or a parallel one linked it first.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }
  return { langPath: linked, gzip: true };
}
