import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { RECEIPTS_TABLE_KEYS } from '../../functions/contract/table.js';
import { TELEMETRY } from '../../functions/contract/telemetry.js';
import { receiptsTableName } from '../config/resource-names.js';
import type { StageConfig } from '../config/stages.js';
import { AlarmTopic } from '../constructs/alarm-topic.js';
import { ServiceMonitoring } from '../constructs/service-monitoring.js';

export interface MonitoringStackProps extends StackProps {
  readonly config: StageConfig;
  readonly ocrFunction: lambda.IFunction;
  readonly syncOcrFunction: lambda.IFunction;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly restApi: apigw.RestApi;
  /**
   * Name of the API's WAF web ACL.
   * @default - no WAF alarm
   */
  readonly webAclName?: string;
}

/** Dashboard and alarms; changes with thresholds and panels, never with data or code. */
export class MonitoringStack extends Stack {
  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    const alarmTopic = new AlarmTopic(this, 'Alarms', {
      ...(config.alarms.email === undefined ? {} : { email: config.alarms.email }),
      ...(config.alarms.webhookUrl === undefined ? {} : { webhookUrl: config.alarms.webhookUrl }),
      requireSubscriber: config.production,
    });
    const { alarms } = config;
    new ServiceMonitoring(this, 'Monitoring', {
      dashboardName: `receipt-ocr-${config.stage}`,
      metricsNamespace: TELEMETRY.namespace,
      serviceName: TELEMETRY.service,
      stage: config.stage,
      metricNames: TELEMETRY.metrics,
      ocrFunction: props.ocrFunction,
      syncOcrFunction: props.syncOcrFunction,
      queue: props.queue,
      deadLetterQueue: props.deadLetterQueue,
      restApi: props.restApi,
      tableName: receiptsTableName(config),
      indexName: RECEIPTS_TABLE_KEYS.ownerIndex,
      ...(props.webAclName === undefined ? {} : { webAclName: props.webAclName }),
      alarmTopic: alarmTopic.topic,
      thresholds: {
        systemFailurePercent: alarms.systemFailurePercent,
        rejectedPercent: alarms.rejectedPercent,
        oldestMessageAgeSeconds: alarms.oldestMessageAgeSeconds,
        api5xxPercent: alarms.api5xxPercent,
        api4xxPercent: alarms.api4xxPercent,
        apiLatencyP95Ms: alarms.apiLatencyP95Ms,
        methodLatencyP95Ms: alarms.methodLatencyP95Ms,
        claimedAccountConcurrency: alarms.claimedAccountConcurrency,
        rateLimitedPer5Minutes: alarms.rateLimitedPer5Minutes,
        // Alarm before the timeout cuts requests: at 80% of it.
        syncOcrDurationP95Ms: config.ocr.syncTimeoutSeconds * 800,
      },
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topic.topicArn });
  }
}
