import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildWeb } from '../web/build.js';
import type { StageConfig } from './config/stages.js';
import type { ApiHandlerSpec } from './stacks/api-routes.js';
import { ApiStack } from './stacks/api-stack.js';
import { MonitoringStack } from './stacks/monitoring-stack.js';
import { ProcessingStack } from './stacks/processing-stack.js';
import { StorageStack } from './stacks/storage-stack.js';
import { WebStack } from './stacks/web-stack.js';

export interface ReceiptOcrStacks {
  readonly storage: StorageStack;
  readonly processing: ProcessingStack;
  readonly api: ApiStack;
  readonly monitoring: MonitoringStack;
  readonly web: WebStack;
}

export interface ReceiptOcrAppOptions {
  /**
   * The API handler table.
   * @default API_HANDLERS
   */
  readonly handlers?: readonly ApiHandlerSpec[];
  /**
   * Folder of the built review page.
   * @default - built now by web/build.ts into a temporary folder
   */
  readonly webSource?: string;
}

let webBuild: string | undefined;
/** The review page, built once per process (tests synthesize many apps). */
function builtWeb(): string {
  webBuild ??= buildWeb(mkdtempSync(join(tmpdir(), 'receipt-ocr-web-'))).outDir;
  return webBuild;
}

/**
 * Adds the five stacks of one stage to `app` and the cdk-nag AWS Solutions checks as a synth-time validation
 * plugin (a finding that is not acknowledged fails `cdk synth`). Used by `infra/bin/app.ts` and by the tests.
 */
export function addReceiptOcrStacks(
  app: App,
  config: StageConfig,
  options: ReceiptOcrAppOptions = {},
): ReceiptOcrStacks {
  const prefix = `ReceiptOcr-${config.stage}`;
  const env =
    process.env.CDK_DEFAULT_ACCOUNT === undefined
      ? undefined
      : { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const common = { config, ...(env === undefined ? {} : { env }) };

  const storage = new StorageStack(app, `${prefix}-Storage`, {
    ...common,
    description: 'receipt-ocr: receipts bucket and table',
  });
  const processing = new ProcessingStack(app, `${prefix}-Processing`, {
    ...common,
    description: 'receipt-ocr: S3 -> SQS -> OCR function pipeline',
  });
  processing.addStackDependency(storage, 'uses the receipts bucket and table by name');
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...common,
    description: 'receipt-ocr: REST API, user pool, route handlers',
    ocrQueue: processing.queue,
    ...(options.handlers === undefined ? {} : { handlers: options.handlers }),
  });
  api.addStackDependency(storage, 'uses the receipts bucket and table by name');
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    ...common,
    description: 'receipt-ocr: dashboard and alarms',
    ocrFunction: processing.ocrFunction,
    queue: processing.queue,
    deadLetterQueue: processing.deadLetterQueue,
    restApi: api.restApi,
  });

  const web = new WebStack(app, `${prefix}-Web`, {
    ...common,
    description: 'receipt-ocr: review page (CloudFront, S3, hosted UI sign-in)',
    source: options.webSource ?? builtWeb(),
    restApi: api.restApi,
    userPool: api.userPool,
  });
  web.addStackDependency(storage, 'shows and uploads receipts of the bucket referenced by name');

  Tags.of(app).add('project', 'receipt-ocr');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { storage, processing, api, monitoring, web };
}
