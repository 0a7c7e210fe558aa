import { Aws, Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

export const FIVE_MINUTES = Duration.minutes(5);

/** Where the service's metrics come from: its resources and the names its functions emit. */
export interface ServiceMetricSources {
  /** Namespace, `service` and `stage` dimensions of the functions' Powertools metrics. */
  readonly metricsNamespace: string;
  readonly serviceName: string;
  readonly stage: string;
  /** Metric names the OCR handler emits. */
  readonly metricNames: {
    readonly processed: string;
    readonly failed: string;
    readonly failedSystem: string;
    readonly rejected: string;
    readonly retried: string;
    readonly ocrDuration: string;
    readonly eventsFailed: string;
  };
  readonly ocrFunction: lambda.IFunction;
  readonly syncOcrFunction: lambda.IFunction;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly restApi: apigw.RestApi;
  /** The receipts table and its index (DynamoDB throttles). */
  readonly tableName: string;
  readonly indexName: string;
  /**
   * Name of the API's WAF web ACL.
   * @default - no WAF metrics
   */
  readonly webAclName?: string;
}

/** `IF(total >= minimum, 100 * part / total, 0)`: a share that stays 0 while too little happened to judge. */
export function percentOf(
  label: string,
  part: string,
  total: string,
  usingMetrics: Record<string, cloudwatch.IMetric>,
  minimum: number,
): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `IF((${total}) >= ${minimum}, 100 * (${part}) / (${total}), 0)`,
    usingMetrics,
    period: FIVE_MINUTES,
    label,
  });
}

/** The metrics the dashboard charts and the alarms watch, each with its statistic over 5 minutes. */
export function serviceMetrics(sources: ServiceMetricSources) {
  const custom = (metricName: string, statistic: string, label: string) =>
    new cloudwatch.Metric({
      namespace: sources.metricsNamespace,
      metricName,
      // The stage dimension keeps dev and prod apart when they share an account.
      dimensionsMap: { service: sources.serviceName, stage: sources.stage },
      statistic,
      period: FIVE_MINUTES,
      label,
    });
  const sum = { statistic: 'Sum', period: FIVE_MINUTES };
  const max = { statistic: 'Maximum', period: FIVE_MINUTES };
  const dynamo = (metricName: string, dimensionsMap: Record<string, string>) =>
    new cloudwatch.Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap, ...sum });
  const tableDims = { TableName: sources.tableName };
  const indexDims = { ...tableDims, GlobalSecondaryIndexName: sources.indexName };
  const { names, apiName } = { names: sources.metricNames, apiName: sources.restApi.restApiName };

  return {
    processed: custom(names.processed, 'Sum', 'processed'),
    failed: custom(names.failed, 'Sum', 'failed'),
    failedSystem: custom(names.failedSystem, 'Sum', 'failed (system)'),
    rejected: custom(names.rejected, 'Sum', 'rejected (input)'),
    retried: custom(names.retried, 'Sum', 'retried'),
    eventsFailed: custom(names.eventsFailed, 'Sum', 'settled, not announced'),
    ocrP50: custom(names.ocrDuration, 'p50', 'OCR p50 (ms)'),
    ocrP95: custom(names.ocrDuration, 'p95', 'OCR p95 (ms)'),
    dlqDepth: sources.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      ...max,
      label: 'DLQ depth',
    }),
    queueAge: sources.queue.metricApproximateAgeOfOldestMessage({ ...max, label: 'oldest upload (s)' }),
    queueDepth: sources.queue.metricApproximateNumberOfMessagesVisible({ ...max, label: 'queued uploads' }),
    queueSent: sources.queue.metricNumberOfMessagesSent({ ...sum, label: 'uploads queued' }),
    queueDeleted: sources.queue.metricNumberOfMessagesDeleted({ ...sum, label: 'uploads done' }),
    ocrErrors: sources.ocrFunction.metricErrors({ ...sum, label: 'OCR errors' }),
    ocrThrottles: sources.ocrFunction.metricThrottles({ ...sum, label: 'OCR throttles' }),
    syncInvocations: sources.syncOcrFunction.metricInvocations({ ...sum, label: 'POST /ocr runs' }),
    syncErrors: sources.syncOcrFunction.metricErrors({ ...sum, label: 'POST /ocr errors' }),
    syncThrottles: sources.syncOcrFunction.metricThrottles({ ...sum, label: 'POST /ocr throttles' }),
    syncDurationP95: sources.syncOcrFunction.metricDuration({
      statistic: 'p95',
      period: FIVE_MINUTES,
      label: 'POST /ocr p95 (ms)',
    }),
    claimedConcurrency: new cloudwatch.Metric({
      namespace: 'AWS/Lambda',
      metricName: 'ClaimedAccountConcurrency',
      ...max,
      label: 'account concurrency claimed',
    }),
    tableReadThrottles: dynamo('ReadThrottleEvents', tableDims),
    tableWriteThrottles: dynamo('WriteThrottleEvents', tableDims),
    indexReadThrottles: dynamo('ReadThrottleEvents', indexDims),
    indexWriteThrottles: dynamo('WriteThrottleEvents', indexDims),
    apiCount: sources.restApi.metricCount({ ...sum, label: 'requests' }),
    api4xx: sources.restApi.metricClientError({ ...sum, label: '4xx' }),
    api5xx: sources.restApi.metricServerError({ ...sum, label: '5xx' }),
    apiP50: sources.restApi.metricLatency({ statistic: 'p50', period: FIVE_MINUTES, label: 'p50 (ms)' }),
    apiP95: sources.restApi.metricLatency({ statistic: 'p95', period: FIVE_MINUTES, label: 'p95 (ms)' }),
    /** p95 latency of one method (API Gateway's per-method metrics, enabled on the stage). */
    methodP95: (method: string, resource: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName: 'Latency',
        dimensionsMap: { ApiName: apiName, Method: method, Resource: resource, Stage: sources.stage },
        statistic: 'p95',
        period: FIVE_MINUTES,
        label: `${method} ${resource} p95 (ms)`,
      }),
    rateLimited:
      sources.webAclName === undefined
        ? undefined
        : new cloudwatch.Metric({
            namespace: 'AWS/WAFV2',
            metricName: 'BlockedRequests',
            dimensionsMap: { WebACL: sources.webAclName, Region: Aws.REGION, Rule: 'ALL' },
            ...sum,
            label: 'WAF blocked (429)',
          }),
  };
}

export type ServiceMetrics = ReturnType<typeof serviceMetrics>;
