/**
 * Where the traineddata comes from. Never a CDN: either a folder the caller names (the Lambda config's
 * TESSDATA_PATH, /opt/tessdata in the image) or the @tesseract.js-data npm packages installed beside the code.
 * The engine reads no environment: the entry points pass the folder.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TESSERACT_MODEL as MODEL } from '../contract/models.js';
import { EngineError } from './errors.js';

/** The model set (one home: the contract). */
export { MODEL };

const require = createRequire(import.meta.url);

function packageModelFile(language: string): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(`@tesseract.js-data/${language}/package.json`);
  } catch {
    throw new EngineError(
      'OCR_FAILED',
      `No traineddata for language "${language}": install @tesseract.js-data/${language} or set TESSDATA_PATH`,
    );
  }
  return path.join(path.dirname(packageJson), MODEL, `${language}.traineddata.gz`);
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

/**
 * Resolves one local folder for the languages. tesseract.js reads every language from a single langPath, but
 * each npm data package has its own folder, so for the packages we link their files into one folder under
 * the temp dir (the only writable place on Lambda).
 */
export function resolveLangSource(languages: readonly string[], explicitPath?: string): LangSource {
  if (explicitPath !== undefined && explicitPath !== '') {
    const absolute = path.resolve(explicitPath);
    const missing = languages.filter((language) => !hasModel(absolute, language));
    if (missing.length > 0) {
      throw new EngineError('OCR_FAILED', `No ${missing.join(', ')} traineddata in ${absolute}`);
    }
    const gzip = languages.every((language) => existsSync(path.join(absolute, `${language}.traineddata.gz`)));
    return { langPath: absolute, gzip };
  }
  const linked = path.join(tmpdir(), `receipt-ocr-tessdata-${MODEL}`);
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
