/**
 * The local stack with the review page, on free ports in a folder of its own: what `pnpm start` runs, for the
 * browser tests, the README screenshot and the first-paint benchmark.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb, type WebBuild } from '../../web/build.js';
import { type LocalApi, startLocalApi } from '../local/api/server.js';
import { localWeb } from '../local/api/web.js';
import { type LocalStack, startLocalStack } from '../local/stack.js';

export interface ReviewStack {
  stack: LocalStack;
  api: LocalApi;
  web: WebBuild;
  dataDir: string;
  /** Stops everything and deletes the folder. */
  close(): Promise<void>;
}

export async function startReviewStack(users: readonly string[] = ['alice', 'bob']): Promise<ReviewStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-web-'));
  const web = buildWeb(join(dataDir, 'web'));
  const stack = await startLocalStack({
    dataDir,
    s3Port: 0,
    dynamodbPort: 0,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', OCR_LANGUAGES: 'eng' },
  });
  const api = await startLocalApi({
    port: 0,
    dataDir,
    env: stack.env,
    queue: stack.queue,
    web: (signer) => localWeb({ dir: web.outDir, users, s3Endpoint: stack.s3Endpoint }, signer),
  });
  return {
    stack,
    api,
    web,
    dataDir,
    async close() {
      await api.close();
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
