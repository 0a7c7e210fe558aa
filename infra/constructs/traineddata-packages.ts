import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config/paths.js';

/**
 * The image build installs from package.json and the lockfile and copies `@tesseract.js-data/<lang>` for each
 * language: a language without its package would fail the Docker build at deploy time, or (with an older image)
 * the function's cold start. Checking package.json fails synth instead, naming the package to add.
 */
export function requireTraineddataPackages(name: string, languages: readonly string[]): void {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const missing = languages.filter(
    (language) => manifest.dependencies?.[`@tesseract.js-data/${language}`] === undefined,
  );
  if (missing.length > 0) {
    throw new Error(
      `${name}: no traineddata package for ${missing.join(', ')}; add ${missing.map((language) => `@tesseract.js-data/${language}`).join(', ')} to the dependencies`,
    );
  }
}
