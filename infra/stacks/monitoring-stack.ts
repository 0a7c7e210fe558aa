import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.js';
import { TELEMETRY } from '../config/telemetry.js';
import { AlarmTopic } from '../constructs/alarm-topic.js';
import { ServiceMonitoring } from '../constructs/service-monitoring.js';

export interface MonitoringStackProps extends StackProps {
  readonly config: StageConfig;
  readonly ocrFunction: lambda.IFunction;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly restApi: apigw.RestApi;
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
    new ServiceMonitoring(this, 'Monitoring', {
      dashboardName: `receipt-ocr-${config.stage}`,
      metricsNamespace: TELEMETRY.namespace,
      serviceName: TELEMETRY.service,
      metricNames: TELEMETRY.metrics,
      ocrFunction: props.ocrFunction,
      queue: props.queue,
      deadLetterQueue: props.deadLetterQueue,
      restApi: props.restApi,
      alarmTopic: alarmTopic.topic,
      failedReceiptsPer5Minutes: config.alarms.failedReceiptsPer5Minutes,
      oldestMessageAgeSeconds: config.alarms.oldestMessageAgeSeconds,
      api5xxPer5Minutes: config.alarms.api5xxPer5Minutes,
      apiLatencyP95Ms: config.alarms.apiLatencyP95Ms,
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topic.topicArn });
  }
}
