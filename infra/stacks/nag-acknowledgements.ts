/**
 * Every cdk-nag (AwsSolutions) finding this app accepts, each on the construct it concerns and with the reason.
 * Anything not listed here fails `cdk synth` and the cdk-nag test.
 */
import { type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import {
  arnPartsForFindings,
  receiptsBucketNameForFindings,
  receiptsTableName,
} from '../config/resource-names.js';
import type { StageConfig } from '../config/stages.js';
import type { ApiHandlerFunction } from '../constructs/api-handler-function.js';
import type { ApiUserPool } from '../constructs/api-user-pool.js';
import type { ApiWebAcl } from '../constructs/api-web-acl.js';
import type { OcrImageFunction } from '../constructs/ocr-image-function.js';
import type { ReceiptsRestApi } from '../constructs/receipts-rest-api.js';
import type { ApiHandlerSpec, PrefixName } from './api-routes.js';

const NAG = 'AwsSolutions::AwsSolutions';

function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `${NAG}-${rule}`, reason });
}

/** Findings of every traced function (both function constructs share them). */
function acknowledgeTracing(fn: IConstruct): void {
  acknowledge(
    fn,
    'IAM5[Resource::*]',
    'xray:PutTraceSegments and xray:PutTelemetryRecords (added by tracing: ACTIVE) support no resource-level permissions.',
  );
}

function acknowledgePrefixes(fn: IConstruct, config: StageConfig, prefixes: readonly string[]): void {
  const bucket = receiptsBucketNameForFindings(config);
  const { partition } = arnPartsForFindings(config);
  for (const prefix of prefixes) {
    acknowledge(
      fn,
      `IAM5[Resource::arn:${partition}:s3:::${bucket}/${prefix}*]`,
      `Object-level access limited to the "${prefix}" key prefix of the receipts bucket (keys are per owner and receipt).`,
    );
  }
}

function acknowledgeTableIndexes(fn: IConstruct, config: StageConfig): void {
  const { partition, region, account } = arnPartsForFindings(config);
  acknowledge(
    fn,
    `IAM5[Resource::arn:${partition}:dynamodb:${region}:${account}:table/${receiptsTableName(config)}/index/*]`,
    'The CDK table grant covers the table\'s indexes as "index/*"; the table has exactly one index (GSI1).',
  );
}

export function acknowledgeProcessingFindings(
  stack: Stack,
  config: StageConfig,
  ocr: OcrImageFunction,
  prefixes: readonly string[],
): void {
  acknowledgeTracing(ocr);
  acknowledgePrefixes(ocr, config, prefixes);
  acknowledgeTableIndexes(ocr, config);
  // The S3 -> SQS notification on a bucket referenced by name is applied by CDK's singleton custom resource.
  const notificationsHandler = stack.node.children.find((child) =>
    child.node.id.startsWith('BucketNotificationsHandler'),
  );
  if (notificationsHandler === undefined) throw new Error('bucket notifications handler not found');
  acknowledge(
    notificationsHandler,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's BucketNotificationsHandler (a singleton custom resource that writes the bucket notification) uses the managed basic execution role; its code and role are CDK's.",
  );
}

export interface ApiFindingScopes {
  readonly config: StageConfig;
  readonly api: ReceiptsRestApi;
  readonly users: ApiUserPool;
  readonly handlers: ReadonlyArray<{ readonly spec: ApiHandlerSpec; readonly fn: ApiHandlerFunction }>;
  readonly syncOcr: OcrImageFunction;
  readonly prefixes: Readonly<Record<PrefixName, string>>;
  /** The stage's web ACL; without one, APIG3 is acknowledged. */
  readonly webAcl: ApiWebAcl | undefined;
}

export function acknowledgeApiFindings(scopes: ApiFindingScopes): void {
  const { config, api, users, handlers, syncOcr, prefixes, webAcl } = scopes;
  for (const { spec, fn } of handlers) {
    acknowledgeTracing(fn);
    acknowledge(
      fn,
      'L1',
      'The project targets Node.js 22 (engines, CI, the OCR container base image); move all functions to a newer runtime together after testing.',
    );
    const objectPrefixes = new Set(
      [...(spec.objects?.read ?? []), ...(spec.objects?.write ?? []), ...(spec.objects?.delete ?? [])].map(
        (name) => prefixes[name],
      ),
    );
    acknowledgePrefixes(fn, config, [...objectPrefixes]);
  }
  acknowledgeTracing(syncOcr);

  acknowledge(
    api.api,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    'Account-level role API Gateway needs for execution logging; AWS documents this managed policy for it.',
  );
  if (webAcl === undefined) {
    acknowledge(
      api.api,
      'APIG3',
      `No WAF web ACL in the "${config.stage}" stage (a fixed monthly cost): every route but /health needs a Cognito token and each method is throttled. Production sets api.webAcl.`,
    );
  }
  const health = api.api.root.getResource('health')?.node.tryFindChild('GET');
  if (health === undefined) throw new Error('GET /health not found');
  for (const rule of ['APIG4', 'COG4']) {
    acknowledge(
      health,
      rule,
      'GET /health is the unauthenticated liveness probe by design; it returns only the engine version.',
    );
  }

  if (users.createdPool !== undefined) {
    acknowledge(
      users.createdPool,
      'COG8',
      'Cognito Plus tier (threat protection) is a per-user cost; strong password policy and MFA per stage instead.',
    );
    if (config.auth.mode === 'create' && config.auth.mfa === 'optional') {
      acknowledge(
        users.createdPool,
        'COG2',
        `MFA is optional in the "${config.stage}" stage (test users); prod requires it.`,
      );
    }
  }
}
