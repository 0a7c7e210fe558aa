/**
 * Writes docs/openapi.json from the route table and schemas (`pnpm exec tsx tools/local/api/write-openapi.ts`).
 * A test fails when the committed document and the code disagree, so the copy in the repo is always the real API.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildOpenApiDocument } from '../../../functions/api/openapi.js';

export const OPENAPI_FILE = resolve(import.meta.dirname, '../../../docs/openapi.json');

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await writeFile(OPENAPI_FILE, JSON.stringify(buildOpenApiDocument(), null, 2));
  // The repository's formatter owns the layout (pnpm lint checks it); the test compares the parsed document.
  execFileSync('pnpm', ['exec', 'biome', 'format', '--write', OPENAPI_FILE], { stdio: 'inherit' });
  console.log(`wrote ${OPENAPI_FILE}`);
}
