import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { RECEIPTS_TABLE_KEYS } from '../../functions/contract/table.js';
import { functionEnvironment } from '../config/environment.js';
import { removalPolicyOf } from '../config/removal.js';
import type { StageConfig } from '../config/stages.js';
import { ApiHandlerFunction } from '../constructs/api-handler-function.js';
import { ApiTraceSampling } from '../constructs/api-trace-sampling.js';
import { ApiUserPool } from '../constructs/api-user-pool.js';
import { ApiWebAcl } from '../constructs/api-web-acl.js';
import { grantObjectAccess } from '../constructs/object-grants.js';
import { OcrImageFunction } from '../constructs/ocr-image-function.js';
import { ReceiptsRestApi } from '../constructs/receipts-rest-api.js';
import { grantTableAccess } from '../constructs/table-grants.js';
import { API_HANDLERS, type ApiHandlerSpec, type PrefixName } from './api-routes.js';
import { acknowledgeApiFindings } from './nag-acknowledgements.js';
import { ocrImageSettings } from './ocr-image-settings.js';
import { referenceStorage } from './storage-refs.js';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  /** The OCR queue the reprocess route sends to. */
  readonly ocrQueue: sqs.IQueue;
  /**
   * The handler table.
   * @default API_HANDLERS
   */
  readonly handlers?: readonly ApiHandlerSpec[];
}

/** The REST API: the user pool, the route handlers with their grants, and `POST /ocr` on the OCR image. */
export class ApiStack extends Stack {
  readonly restApi: apigw.RestApi;
  /** The pool whose ID tokens the API accepts (the review page signs in with it). */
  readonly userPool: cognito.IUserPool;
  /** Name of the WAF web ACL on the stage (its metrics' `WebACL` dimension), when the stage has one. */
  readonly webAclName: string | undefined;
  /** The synchronous `POST /ocr` function. */
  readonly syncOcrFunction: lambda.IFunction;
  /** Route handler functions by their id in the handler table, plus `SyncOcr`. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = removalPolicyOf(config);
    const { bucket, table } = referenceStorage(this, config);
    const prefixes: Record<PrefixName, string> = {
      uploads: config.storage.uploadPrefix,
      results: config.storage.resultsPrefix,
    };
    const environment = functionEnvironment(config, {
      bucketName: bucket.bucketName,
      tableName: table.tableName,
      ocrQueueUrl: props.ocrQueue.queueUrl,
    });

    const users = new ApiUserPool(
      this,
      'Users',
      config.auth.mode === 'create' ? { ...config.auth, removalPolicy } : config.auth,
    );
    const api = new ReceiptsRestApi(this, 'Receipts', {
      apiName: `receipt-ocr-${config.stage}`,
      stageName: config.stage,
      userPool: users.userPool,
      corsAllowedOrigins: config.api.corsAllowedOrigins,
      throttlingRateLimit: config.api.throttlingRateLimit,
      throttlingBurstLimit: config.api.throttlingBurstLimit,
      methodThrottles: config.api.methodThrottles,
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy: removalPolicy,
    });
    this.restApi = api.api;
    this.userPool = users.userPool;
    const webAcl =
      config.api.webAcl === undefined
        ? undefined
        : new ApiWebAcl(this, 'Firewall', {
            stage: api.api.deploymentStage,
            name: `receipt-ocr-${config.stage}-api`,
            ...config.api.webAcl,
          });
    this.webAclName = webAcl?.webAcl.name;
    if (config.apiTraceSampling !== undefined) {
      new ApiTraceSampling(this, 'TraceSampling', {
        stage: api.api.deploymentStage,
        ruleName: `receipt-ocr-${config.stage}-api`,
        ...config.apiTraceSampling,
      });
    }

    const functions = new Map<string, lambda.IFunction>();
    const handlerFunctions: Array<{ spec: ApiHandlerSpec; fn: ApiHandlerFunction }> = [];
    for (const spec of props.handlers ?? API_HANDLERS) {
      const handler = new ApiHandlerFunction(this, spec.id, {
        entry: spec.entry,
        architecture: config.ocr.architecture,
        environment,
        logRetentionDays: config.logRetentionDays,
        logRemovalPolicy: removalPolicy,
      });
      const fn = handler.function;
      handlerFunctions.push({ spec, fn: handler });
      functions.set(spec.id, fn);
      for (const route of spec.routes) {
        api.addRoute(route.method, route.path, fn, {
          ...(route.public === undefined ? {} : { public: route.public }),
          ...(route.model === undefined ? {} : { model: route.model }),
        });
      }
      if (spec.table !== undefined) grantTableAccess(fn, table, RECEIPTS_TABLE_KEYS.ownerIndex, spec.table);
      if (spec.objects !== undefined) {
        const toPrefixes = (names: readonly PrefixName[] | undefined) => names?.map((name) => prefixes[name]);
        grantObjectAccess(fn, bucket, {
          ...(spec.objects.read === undefined ? {} : { read: toPrefixes(spec.objects.read) }),
          ...(spec.objects.write === undefined ? {} : { write: toPrefixes(spec.objects.write) }),
          ...(spec.objects.delete === undefined ? {} : { delete: toPrefixes(spec.objects.delete) }),
          ...(spec.objects.list === undefined ? {} : { list: spec.objects.list }),
        });
      }
      if (spec.sendsToOcrQueue === true) props.ocrQueue.grantSendMessages(fn);
    }

    // Synchronous OCR runs the same image as the pipeline with another command; it stores nothing, so no grants.
    const syncOcr = new OcrImageFunction(this, 'SyncOcr', {
      command: 'ocr/sync-ocr.handler',
      ...ocrImageSettings(config),
      timeoutSeconds: config.ocr.syncTimeoutSeconds,
      // Capped: however many users call POST /ocr, the pipeline's reserved functions stay free.
      reservedConcurrency: config.ocr.syncReservedConcurrency,
      environment,
      description: 'Synchronous OCR of an image in the request body (POST /ocr); stores nothing',
    });
    api.addRoute('POST', '/ocr', syncOcr.function);
    functions.set('SyncOcr', syncOcr.function);
    this.syncOcrFunction = syncOcr.function;
    this.functions = functions;

    acknowledgeApiFindings({ config, api, users, handlers: handlerFunctions, syncOcr, prefixes, webAcl });

    new CfnOutput(this, 'ApiUrl', { value: this.restApi.url, description: 'REST API base URL' });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.userPoolClientId });
  }
}
