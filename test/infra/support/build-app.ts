import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll } from 'vitest';
import { REPO_ROOT } from '../../../infra/config/paths.js';
import { loadStageConfig, type StageConfig, type StageOverrides } from '../../../infra/config/stages.js';
import { addReceiptOcrStacks, type ReceiptOcrStacks } from '../../../infra/receipt-ocr-app.js';
import { API_HANDLERS } from '../../../infra/stacks/api-routes.js';

/** Per-file test timeout: the first synth of the five stacks (with esbuild bundles) takes several seconds. */
export const CDK_TEST_TIMEOUT_MS = 180_000;

/** The feature flags of cdk.json, so tests build the app exactly as `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface BuiltApp {
  readonly app: App;
  readonly stacks: ReceiptOcrStacks;
  readonly config: StageConfig;
}

/** The real handler table (routes, grants) with a stand-in entry file; see fixtures/api-handler.ts. */
export const TEST_HANDLERS = API_HANDLERS.map((spec) => ({
  ...spec,
  entry: 'test/infra/fixtures/api-handler.ts',
}));

/** What a production deploy passes on the command line (docs/deploy.md): prod refuses to synth without them. */
export const PROD_OVERRIDES: StageOverrides = {
  alarmEmail: 'oncall@receipts.acme-corp.io',
  corsAllowedOrigins: 'https://receipts.acme-corp.io',
  cognitoFromEmail: 'no-reply@receipts.acme-corp.io',
  account: '123456789012',
  region: 'eu-west-1',
};

/** Each synthesized app's cloud assembly (tens of MB with the bundled handlers), removed after the file's tests. */
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh app with the stage's five stacks, synthesized into a temporary directory. */
export function buildApp(
  stage = 'dev',
  overrides: StageOverrides = {},
  options: { readonly realHandlers?: boolean } = {},
): BuiltApp {
  const config = loadStageConfig(stage, stage === 'prod' ? { ...PROD_OVERRIDES, ...overrides } : overrides);
  const outdir = mkdtempSync(path.join(tmpdir(), 'receipt-ocr-cdk-'));
  outdirs.push(outdir);
  const app = new App({ context: { ...cdkJsonContext(), stage }, outdir });
  const handlers = options.realHandlers === true ? {} : { handlers: TEST_HANDLERS };
  return { app, stacks: addReceiptOcrStacks(app, config, handlers), config };
}
