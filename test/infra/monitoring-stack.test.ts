import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, CDK_TEST_TIMEOUT_MS } from './support/build-app.js';
import { logicalIdOf } from './support/policies.js';

interface MetricStat {
  Metric: { Namespace: string; MetricName: string; Dimensions?: Array<{ Name: string; Value: unknown }> };
  Stat: string;
}
interface AlarmProperties {
  Namespace?: string;
  MetricName?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions?: Array<{ Name: string; Value: unknown }>;
  Metrics?: Array<{ Id: string; Expression?: string; MetricStat?: MetricStat; ReturnData?: boolean }>;
  Threshold: number;
  EvaluationPeriods: number;
  ComparisonOperator: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
}

/** One alarm as on-call reads it: what it watches (a metric and statistic, or an expression over metrics). */
interface AlarmView {
  readonly watches: string;
  readonly threshold: number;
  readonly periods: number;
}

const CUSTOM = (name: string) => `ReceiptOcr/${name}{service=receipt-ocr,stage=prod}`;

function viewOf(properties: AlarmProperties): AlarmView {
  const dims = (dimensions: Array<{ Name: string; Value: unknown }> | undefined) =>
    dimensions === undefined
      ? ''
      : `{${dimensions.map((d) => `${d.Name}=${typeof d.Value === 'string' ? d.Value : '<ref>'}`).join(',')}}`;
  const watches =
    properties.Metrics === undefined
      ? `${properties.Namespace}/${properties.MetricName}${dims(properties.Dimensions)} ${properties.Statistic ?? properties.ExtendedStatistic}`
      : properties.Metrics.map((metric) =>
          metric.Expression !== undefined
            ? `${metric.Id}=${metric.Expression}`
            : `${metric.Id}:${metric.MetricStat?.Metric.Namespace}/${metric.MetricStat?.Metric.MetricName}${dims(metric.MetricStat?.Metric.Dimensions)} ${metric.MetricStat?.Stat}`,
        ).join(' | ');
  // A single labelled metric is rendered as a one-entry `Metrics` list: read it as the metric itself.
  return {
    watches: properties.Metrics?.length === 1 ? watches.replace(/^\w+:/, '') : watches,
    threshold: properties.Threshold,
    periods: properties.EvaluationPeriods,
  };
}

describe('monitoring stack (prod)', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  let template: Template;
  let alarms: Map<string, AlarmProperties>;
  let dashboardBody: string;
  beforeAll(() => {
    template = Template.fromStack(buildApp('prod').stacks.monitoring);
    alarms = new Map(
      Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, resource]) => [
        id.replace(/^MonitoringAlarms/, '').replace(/[0-9A-F]{8}$/, ''),
        (resource as { Properties: AlarmProperties }).Properties,
      ]),
    );
    dashboardBody = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
  }, CDK_TEST_TIMEOUT_MS);

  const handled = 'IF((FILL(p, 0) + FILL(f, 0) + FILL(r, 0)) >= 20';
  const receiptMetrics = [
    `f:${CUSTOM('ReceiptsFailed')} Sum`,
    `p:${CUSTOM('ReceiptsProcessed')} Sum`,
    `r:${CUSTOM('ReceiptsRetried')} Sum`,
  ];
  const apiRate = (metric: string) =>
    `e:AWS/ApiGateway/${metric}{ApiName=receipt-ocr-prod} Sum | expr_1=IF((FILL(n, 0)) >= 20, 100 * (FILL(e, 0)) / (FILL(n, 0)), 0) | n:AWS/ApiGateway/Count{ApiName=receipt-ocr-prod} Sum`;

  // Each alarm: what it watches, its threshold and how many 5-minute periods.
  const expected: Record<string, AlarmView> = {
    DeadLetterAlarm: {
      watches: 'AWS/SQS/ApproximateNumberOfMessagesVisible{QueueName=<ref>} Maximum',
      threshold: 1,
      periods: 1,
    },
    SystemFailureRateAlarm: {
      watches: [
        `expr_1=${handled}, 100 * (FILL(s, 0) + FILL(r, 0)) / (FILL(p, 0) + FILL(f, 0) + FILL(r, 0)), 0)`,
        ...receiptMetrics,
        `s:${CUSTOM('ReceiptsFailedSystem')} Sum`,
      ]
        .sort()
        .join(' | '),
      threshold: 5,
      periods: 1,
    },
    RejectedRateAlarm: {
      watches: [
        `expr_1=${handled}, 100 * (FILL(x, 0)) / (FILL(p, 0) + FILL(f, 0) + FILL(r, 0)), 0)`,
        ...receiptMetrics,
        `x:${CUSTOM('ReceiptsRejected')} Sum`,
      ]
        .sort()
        .join(' | '),
      threshold: 20,
      periods: 3,
    },
    ReceiptEventsFailedAlarm: {
      watches: `${CUSTOM('ReceiptEventsFailed')} Sum`,
      threshold: 1,
      periods: 1,
    },
    QueueAgeAlarm: {
      watches: 'AWS/SQS/ApproximateAgeOfOldestMessage{QueueName=<ref>} Maximum',
      threshold: 300,
      periods: 1,
    },
    PipelineStalledAlarm: {
      watches: [
        'done:AWS/SQS/NumberOfMessagesDeleted{QueueName=<ref>} Sum',
        'expr_1=IF((FILL(sent, 0) + FILL(waiting, 0)) > 0 AND FILL(done, 0) == 0, 1, 0)',
        'sent:AWS/SQS/NumberOfMessagesSent{QueueName=<ref>} Sum',
        'waiting:AWS/SQS/ApproximateNumberOfMessagesVisible{QueueName=<ref>} Maximum',
      ].join(' | '),
      threshold: 1,
      periods: 3,
    },
    OcrErrorsAlarm: { watches: 'AWS/Lambda/Errors{FunctionName=<ref>} Sum', threshold: 1, periods: 1 },
    OcrThrottlesAlarm: { watches: 'AWS/Lambda/Throttles{FunctionName=<ref>} Sum', threshold: 1, periods: 1 },
    SyncOcrErrorRateAlarm: {
      watches:
        'e:AWS/Lambda/Errors{FunctionName=<ref>} Sum | expr_1=IF((FILL(n, 0)) >= 10, 100 * (FILL(e, 0)) / (FILL(n, 0)), 0) | n:AWS/Lambda/Invocations{FunctionName=<ref>} Sum',
      threshold: 5,
      periods: 1,
    },
    SyncOcrDurationAlarm: {
      watches: 'AWS/Lambda/Duration{FunctionName=<ref>} p95',
      threshold: 20_000,
      periods: 3,
    },
    SyncOcrThrottlesAlarm: {
      watches: 'AWS/Lambda/Throttles{FunctionName=<ref>} Sum',
      threshold: 20,
      periods: 1,
    },
    AccountConcurrencyAlarm: {
      watches: 'AWS/Lambda/ClaimedAccountConcurrency Maximum',
      threshold: 800,
      periods: 1,
    },
    TableThrottlesAlarm: {
      watches: [
        'expr_1=FILL(tr, 0) + FILL(tw, 0) + FILL(ir, 0) + FILL(iw, 0)',
        'ir:AWS/DynamoDB/ReadThrottleEvents{GlobalSecondaryIndexName=GSI1,TableName=receipt-ocr-prod-receipts} Sum',
        'iw:AWS/DynamoDB/WriteThrottleEvents{GlobalSecondaryIndexName=GSI1,TableName=receipt-ocr-prod-receipts} Sum',
        'tr:AWS/DynamoDB/ReadThrottleEvents{TableName=receipt-ocr-prod-receipts} Sum',
        'tw:AWS/DynamoDB/WriteThrottleEvents{TableName=receipt-ocr-prod-receipts} Sum',
      ].join(' | '),
      threshold: 1,
      periods: 2,
    },
    Api5xxRateAlarm: { watches: apiRate('5XXError'), threshold: 1, periods: 1 },
    Api4xxRateAlarm: { watches: apiRate('4XXError'), threshold: 10, periods: 3 },
    ApiLatencyAlarm: {
      watches: 'AWS/ApiGateway/Latency{ApiName=receipt-ocr-prod} p95',
      threshold: 3000,
      periods: 3,
    },
    LatencyAlarmGETreceiptsid: {
      watches:
        'AWS/ApiGateway/Latency{ApiName=receipt-ocr-prod,Method=GET,Resource=/receipts/{id},Stage=prod} p95',
      threshold: 1000,
      periods: 3,
    },
    LatencyAlarmGETreceipts: {
      watches:
        'AWS/ApiGateway/Latency{ApiName=receipt-ocr-prod,Method=GET,Resource=/receipts,Stage=prod} p95',
      threshold: 1500,
      periods: 3,
    },
    LatencyAlarmPOSTreceipts: {
      watches:
        'AWS/ApiGateway/Latency{ApiName=receipt-ocr-prod,Method=POST,Resource=/receipts,Stage=prod} p95',
      threshold: 1000,
      periods: 3,
    },
    RateLimitedAlarm: {
      watches: 'AWS/WAFV2/BlockedRequests{Region=<ref>,Rule=ALL,WebACL=receipt-ocr-prod-api} Sum',
      threshold: 100,
      periods: 1,
    },
  };

  it('has exactly the expected alarms', () => {
    expect([...alarms.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))(
    '%s watches its metric with its statistic, threshold and periods',
    (name) => {
      const properties = alarms.get(name);
      if (properties === undefined) throw new Error(`no alarm ${name}`);
      const view = viewOf(properties);
      const sortedWatches = view.watches.split(' | ').sort().join(' | ');
      expect({ ...view, watches: sortedWatches }).toEqual(expected[name]);
    },
  );

  it('sends every alarm and its return to OK to the topic, at or above the threshold', () => {
    const topicRef = { Ref: logicalIdOf(template, 'AWS::SNS::Topic', 'AlarmsTopic') };
    for (const [name, properties] of alarms) {
      expect(properties, name).toMatchObject({
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef],
        OKActions: [topicRef],
      });
    }
  });

  it('charts the pipeline, OCR, queues, capacity, POST /ocr and the API, per stage', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'receipt-ocr-prod' });
    for (const fragment of [
      '\\"ReceiptOcr\\",\\"ReceiptsProcessed\\",\\"service\\",\\"receipt-ocr\\",\\"stage\\",\\"prod\\"',
      '\\"ReceiptOcr\\",\\"ReceiptsRetried\\",\\"service\\",\\"receipt-ocr\\",\\"stage\\",\\"prod\\"',
      'ReceiptsFailedSystem',
      'ReceiptsRejected',
      'ClaimedAccountConcurrency',
      'WriteThrottleEvents',
      'BlockedRequests',
      'NumberOfMessagesDeleted',
      '\\"stat\\":\\"p95\\"',
      '5XXError',
    ]) {
      expect(dashboardBody, fragment).toContain(fragment);
    }
  });

  it('encrypts the topic with a rotated key CloudWatch may use for this account only, and subscribes on-call', () => {
    const keyId = logicalIdOf(template, 'AWS::KMS::Key', 'AlarmsKey');
    const topicId = logicalIdOf(template, 'AWS::SNS::Topic', 'AlarmsTopic');
    const thisAccount = { StringEquals: { 'aws:SourceAccount': '123456789012' } };
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: thisAccount,
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: Match.anyValue(),
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: topicId },
            Condition: thisAccount,
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@receipts.acme-corp.io',
    });
  });
});
