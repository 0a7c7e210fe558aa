import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, CDK_TEST_TIMEOUT_MS } from './support/build-app.js';
import { logicalIdOf } from './support/policies.js';

interface AlarmProperties {
  MetricName?: string;
  Metrics?: Array<{ MetricStat: { Metric: { MetricName: string; Dimensions?: unknown[] } } }>;
  Threshold: number;
  EvaluationPeriods: number;
}

describe('monitoring stack (prod, with an alarm email)', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  let template: Template;
  let dashboardBody: string;
  beforeAll(() => {
    template = Template.fromStack(buildApp('prod', { alarmEmail: 'ops@example.com' }).stacks.monitoring);
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
    dashboardBody = JSON.stringify(dashboard);
  }, CDK_TEST_TIMEOUT_MS);

  it('charts receipts processed/failed, OCR p50/p95, queue and DLQ depth, API 4xx/5xx/latency', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'receipt-ocr-prod' });
    for (const fragment of [
      '\\"ReceiptOcr\\",\\"ReceiptsProcessed\\",\\"service\\",\\"receipt-ocr\\"',
      '\\"ReceiptOcr\\",\\"ReceiptsFailed\\",\\"service\\",\\"receipt-ocr\\"',
      '\\"stat\\":\\"p50\\"',
      '\\"stat\\":\\"p95\\"',
      'OcrDuration',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateAgeOfOldestMessage',
      '4XXError',
      '5XXError',
      'Latency',
    ]) {
      expect(dashboardBody, fragment).toContain(fragment);
    }
  });

  it('alarms on the dead-letter queue, failures, queue age, OCR errors, API 5xx and latency to the SNS topic', () => {
    const topicRef = { Ref: logicalIdOf(template, 'AWS::SNS::Topic', 'AlarmsTopic') };
    const expectations: Array<[string, number, number]> = [
      ['ApproximateNumberOfMessagesVisible', 1, 1],
      ['ReceiptsFailed', 5, 1],
      ['ApproximateAgeOfOldestMessage', 900, 1],
      ['Errors', 1, 1],
      ['5XXError', 5, 1],
      ['Latency', 3000, 3],
    ];
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((resource) => {
      const properties = (resource as { Properties: AlarmProperties }).Properties;
      const metric = properties.Metrics?.[0]?.MetricStat.Metric;
      return { ...properties, metricName: properties.MetricName ?? metric?.MetricName, metric };
    });
    expect(
      alarms.map((alarm) => [alarm.metricName, alarm.Threshold, alarm.EvaluationPeriods]).sort(),
    ).toEqual([...expectations].sort());
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef],
        OKActions: [topicRef],
      });
    }
    const apiAlarm = alarms.find((alarm) => alarm.metricName === '5XXError');
    expect(apiAlarm?.metric?.Dimensions).toEqual([{ Name: 'ApiName', Value: 'receipt-ocr-prod' }]);
  });

  it('encrypts the topic with a rotated key CloudWatch may use, and subscribes the email', () => {
    const keyId = logicalIdOf(template, 'AWS::KMS::Key', 'AlarmsKey');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });
});
