import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { requireIntInRange } from './validate.js';

export interface ServiceMonitoringProps {
  /** Dashboard name. */
  readonly dashboardName: string;
  /** Namespace and `service` dimension of the functions' Powertools metrics. */
  readonly metricsNamespace: string;
  readonly serviceName: string;
  /** Metric names emitted by the OCR handler. */
  readonly metricNames: { readonly processed: string; readonly failed: string; readonly ocrDuration: string };
  readonly ocrFunction: lambda.IFunction;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly restApi: apigw.RestApi;
  /** Where alarms notify. */
  readonly alarmTopic: sns.ITopic;
  /** Alarm when more receipts than this fail in 5 minutes. */
  readonly failedReceiptsPer5Minutes: number;
  /** Alarm when the oldest queued upload waits longer than this. */
  readonly oldestMessageAgeSeconds: number;
  /** Alarm when the API answers more 5xx than this in 5 minutes. */
  readonly api5xxPer5Minutes: number;
  /** Alarm when the API's p95 latency stays above this for 15 minutes. */
  readonly apiLatencyP95Ms: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/** The operations view: one dashboard (pipeline throughput, OCR latency, queues, API) and its alarms. */
export class ServiceMonitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    requireIntInRange('failedReceiptsPer5Minutes', props.failedReceiptsPer5Minutes, 1, 1_000_000);
    requireIntInRange('oldestMessageAgeSeconds', props.oldestMessageAgeSeconds, 60, 1_209_600);
    requireIntInRange('api5xxPer5Minutes', props.api5xxPer5Minutes, 1, 1_000_000);
    requireIntInRange('apiLatencyP95Ms', props.apiLatencyP95Ms, 50, 29_000);

    const custom = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({
        namespace: props.metricsNamespace,
        metricName,
        dimensionsMap: { service: props.serviceName },
        statistic,
        period: FIVE_MINUTES,
        label,
      });
    const processed = custom(props.metricNames.processed, 'Sum', 'processed');
    const failed = custom(props.metricNames.failed, 'Sum', 'failed');
    const ocrP50 = custom(props.metricNames.ocrDuration, 'p50', 'OCR p50 (ms)');
    const ocrP95 = custom(props.metricNames.ocrDuration, 'p95', 'OCR p95 (ms)');
    const dlqDepth = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      statistic: 'Maximum',
      period: FIVE_MINUTES,
      label: 'DLQ depth',
    });
    const queueAge = props.queue.metricApproximateAgeOfOldestMessage({
      statistic: 'Maximum',
      period: FIVE_MINUTES,
      label: 'oldest upload (s)',
    });
    const queueDepth = props.queue.metricApproximateNumberOfMessagesVisible({
      statistic: 'Maximum',
      period: FIVE_MINUTES,
      label: 'queued uploads',
    });
    const functionErrors = props.ocrFunction.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES });
    const api4xx = props.restApi.metricClientError({ statistic: 'Sum', period: FIVE_MINUTES, label: '4xx' });
    const api5xx = props.restApi.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES, label: '5xx' });
    const apiCount = props.restApi.metricCount({ statistic: 'Sum', period: FIVE_MINUTES, label: 'requests' });
    const apiP50 = props.restApi.metricLatency({ statistic: 'p50', period: FIVE_MINUTES, label: 'p50 (ms)' });
    const apiP95 = props.restApi.metricLatency({ statistic: 'p95', period: FIVE_MINUTES, label: 'p95 (ms)' });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Receipts processed / failed',
            left: [processed, failed],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'OCR duration', left: [ocrP50, ocrP95], width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'Queues',
            left: [queueDepth, dlqDepth],
            right: [queueAge],
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            left: [apiCount],
            right: [api4xx, api5xx],
          }),
          new cloudwatch.GraphWidget({ title: 'API latency', left: [apiP50, apiP95] }),
          new cloudwatch.GraphWidget({ title: 'OCR function errors', left: [functionErrors] }),
        ],
      ],
    });

    const alarm = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      description: string,
      evaluationPeriods = 1,
    ) =>
      new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
    this.alarms = [
      alarm('DeadLetterAlarm', dlqDepth, 1, 'Uploads failed every retry and wait in the dead-letter queue'),
      alarm(
        'FailedReceiptsAlarm',
        failed,
        props.failedReceiptsPer5Minutes,
        'Many receipts FAILED in 5 minutes',
      ),
      alarm('QueueAgeAlarm', queueAge, props.oldestMessageAgeSeconds, 'OCR is falling behind the uploads'),
      alarm('OcrErrorsAlarm', functionErrors, 1, 'The OCR function crashed (whole batch retried)'),
      alarm('Api5xxAlarm', api5xx, props.api5xxPer5Minutes, 'The API answers server errors'),
      alarm('ApiLatencyAlarm', apiP95, props.apiLatencyP95Ms, 'API p95 latency above target for 15 min', 3),
    ];
    const notify = new actions.SnsAction(props.alarmTopic);
    for (const each of this.alarms) {
      each.addAlarmAction(notify);
      each.addOkAction(notify);
    }
  }
}
