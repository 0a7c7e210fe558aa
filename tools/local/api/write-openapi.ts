/**
 * Writes docs/openapi.json from the route table and schemas (`pnpm exec tsx tools/local/api/write-openapi.ts`).
 * A test fails when the committed file and the code disagree, so the copy in the repo is always the real API.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildOpenApiDocument } from '../../../functions/api/openapi.js';

export const OPENAPI_FILE = resolve(import.meta.dirname, '../../../docs/openapi.json');

export function openApiText(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await writeFile(OPENAPI_FILE, openApiText());
  console.log(`wrote ${OPENAPI_FILE}`);
}
