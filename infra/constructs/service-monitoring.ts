import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ServiceAlarms, type ServiceAlarmThresholds } from './service-alarms.js';
import { type ServiceMetricSources, serviceMetrics } from './service-metrics.js';

export interface ServiceMonitoringProps extends ServiceMetricSources {
  /** Dashboard name. */
  readonly dashboardName: string;
  /** Where alarms notify. */
  readonly alarmTopic: sns.ITopic;
  readonly thresholds: ServiceAlarmThresholds;
}

/** The operations view: one dashboard (pipeline, OCR, queues, capacity, API) and the alarms (ServiceAlarms). */
export class ServiceMonitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    const m = serviceMetrics(props);
    const graph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []) =>
      new cloudwatch.GraphWidget({ title, left, right, width: 8 });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [
          graph(
            'Receipts processed / failed / retried / not announced',
            [m.processed, m.failed, m.retried, m.eventsFailed],
            [m.failedSystem, m.rejected],
          ),
          graph('OCR duration', [m.ocrP50, m.ocrP95]),
          graph('Queues', [m.queueDepth, m.dlqDepth, m.queueSent, m.queueDeleted], [m.queueAge]),
        ],
        [
          graph('API requests and errors', [m.apiCount], [m.api4xx, m.api5xx]),
          graph('API latency', [m.apiP50, m.apiP95]),
          graph('OCR function errors and throttles', [m.ocrErrors, m.ocrThrottles]),
        ],
        [
          graph('POST /ocr', [m.syncInvocations, m.syncErrors, m.syncThrottles], [m.syncDurationP95]),
          graph(
            'Capacity',
            [m.claimedConcurrency],
            [m.tableReadThrottles, m.tableWriteThrottles, m.indexReadThrottles, m.indexWriteThrottles],
          ),
          graph('Rate limited (WAF 429)', m.rateLimited === undefined ? [] : [m.rateLimited]),
        ],
      ],
    });

    this.alarms = new ServiceAlarms(this, 'Alarms', {
      metrics: m,
      thresholds: props.thresholds,
      alarmTopic: props.alarmTopic,
    }).alarms;
  }
}
