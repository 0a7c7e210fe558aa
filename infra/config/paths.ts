import { fileURLToPath } from 'node:url';

/** Repository root: the Docker build context of the OCR image and the project root of the esbuild bundles. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
