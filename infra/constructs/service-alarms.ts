import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { FIVE_MINUTES, percentOf, type ServiceMetrics } from './service-metrics.js';
import { requireIntInRange } from './validate.js';

/** Alarm thresholds (the stage's `alarms` settings); each names what it guards. */
export interface ServiceAlarmThresholds {
  /** Share (%) of receipts failing on our side (FAILED with a system code, or retried) in 5 minutes. */
  readonly systemFailurePercent: number;
  /** Share (%) of receipts rejected as unreadable input, for 15 minutes. */
  readonly rejectedPercent: number;
  /** Age of the oldest queued upload, in seconds. */
  readonly oldestMessageAgeSeconds: number;
  /** Share (%) of API requests answered 5xx in 5 minutes. */
  readonly api5xxPercent: number;
  /** Share (%) of API requests answered 4xx (429 throttles among them), for 15 minutes. */
  readonly api4xxPercent: number;
  /** API p95 latency over all methods, for 15 minutes. */
  readonly apiLatencyP95Ms: number;
  /** p95 latency per method, keyed `METHOD /path`, for 15 minutes. */
  readonly methodLatencyP95Ms: Readonly<Record<string, number>>;
  /** The account's claimed Lambda concurrency. */
  readonly claimedAccountConcurrency: number;
  /** WAF 429s in 5 minutes. */
  readonly rateLimitedPer5Minutes: number;
  /** p95 duration of `POST /ocr` runs (set it below the function's timeout). */
  readonly syncOcrDurationP95Ms: number;
}

export interface ServiceAlarmsProps {
  readonly metrics: ServiceMetrics;
  readonly thresholds: ServiceAlarmThresholds;
  /** Where alarms (and their return to OK) are sent. */
  readonly alarmTopic: sns.ITopic;
}

/** Receipts handled in a period must reach this before a share of them can raise an alarm. */
const MIN_RECEIPTS = 20;
/** API requests in a period before a share of them can raise an alarm. */
const MIN_REQUESTS = 20;

/**
 * The alarms on-call gets: the pipeline (failures by cause as rates, retries, a stall, the queue's age, the DLQ,
 * throttles, crashes), the synchronous OCR function, Lambda and DynamoDB capacity, the API (error rates, latency per
 * method, WAF 429s). Each notifies the topic when it fires and when it clears.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { metrics: m, thresholds: t } = props;
    requireIntInRange('oldestMessageAgeSeconds', t.oldestMessageAgeSeconds, 60, 1_209_600);
    requireIntInRange('apiLatencyP95Ms', t.apiLatencyP95Ms, 50, 29_000);
    requireIntInRange('syncOcrDurationP95Ms', t.syncOcrDurationP95Ms, 100, 900_000);

    const alarms: cloudwatch.Alarm[] = [];
    const alarm = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      description: string,
      evaluationPeriods = 1,
    ) => {
      alarms.push(
        new cloudwatch.Alarm(this, alarmId, {
          metric,
          threshold,
          evaluationPeriods,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          alarmDescription: description,
        }),
      );
    };
    const handledMetrics = { p: m.processed, f: m.failed, r: m.retried };
    // Retried runs count in the total: in a full S3 or DynamoDB outage nothing completes or fails, all retry.
    const handled = 'FILL(p, 0) + FILL(f, 0) + FILL(r, 0)';

    // The pipeline.
    alarm(
      'DeadLetterAlarm',
      m.dlqDepth,
      1,
      'Uploads failed every delivery and wait in the dead-letter queue',
    );
    alarm(
      'SystemFailureRateAlarm',
      percentOf(
        'system failures (%)',
        'FILL(s, 0) + FILL(r, 0)',
        handled,
        {
          ...handledMetrics,
          s: m.failedSystem,
        },
        MIN_RECEIPTS,
      ),
      t.systemFailurePercent,
      'Receipts fail or retry on our side (a dependency, the OCR worker): see ReceiptsFailedSystem and ReceiptsRetried',
    );
    alarm(
      'RejectedRateAlarm',
      percentOf(
        'rejected uploads (%)',
        'FILL(x, 0)',
        handled,
        { ...handledMetrics, x: m.rejected },
        MIN_RECEIPTS,
      ),
      t.rejectedPercent,
      'Many uploads are unreadable (corrupt, empty, unsupported) for 15 minutes: a client may be broken',
      3,
    );
    alarm(
      'ReceiptEventsFailedAlarm',
      m.eventsFailed,
      1,
      'ReceiptSettled events could not be published (EventBridge refused or unreachable): the receipts are settled, but subscribed apps did not hear of them; they find them with GET /receipts',
    );
    alarm('QueueAgeAlarm', m.queueAge, t.oldestMessageAgeSeconds, 'OCR is falling behind the uploads');
    alarm(
      'PipelineStalledAlarm',
      new cloudwatch.MathExpression({
        expression: 'IF((FILL(sent, 0) + FILL(waiting, 0)) > 0 AND FILL(done, 0) == 0, 1, 0)',
        usingMetrics: { sent: m.queueSent, waiting: m.queueDepth, done: m.queueDeleted },
        period: FIVE_MINUTES,
        label: 'stalled (1 = uploads queued, none done)',
      }),
      1,
      'Uploads are queued but none has been processed for 15 minutes: the OCR function is not consuming',
      3,
    );
    alarm(
      'OcrErrorsAlarm',
      m.ocrErrors,
      1,
      'The OCR function crashed or timed out (the whole batch is retried)',
    );
    alarm(
      'OcrThrottlesAlarm',
      m.ocrThrottles,
      1,
      "The OCR function was throttled: its reserved concurrency is below the queue's maximum concurrency",
    );

    // POST /ocr.
    alarm(
      'SyncOcrErrorRateAlarm',
      percentOf(
        'POST /ocr errors (%)',
        'FILL(e, 0)',
        'FILL(n, 0)',
        { e: m.syncErrors, n: m.syncInvocations },
        10,
      ),
      t.systemFailurePercent,
      'POST /ocr runs crash or time out',
    );
    alarm(
      'SyncOcrDurationAlarm',
      m.syncDurationP95,
      t.syncOcrDurationP95Ms,
      'POST /ocr p95 is close to its timeout for 15 minutes',
      3,
    );
    alarm(
      'SyncOcrThrottlesAlarm',
      m.syncThrottles,
      MIN_REQUESTS,
      'POST /ocr is at its concurrency cap: callers get 429 / 500s (raise ocr.syncReservedConcurrency or the quota)',
    );

    // Capacity shared with the rest of the account.
    alarm(
      'AccountConcurrencyAlarm',
      m.claimedConcurrency,
      t.claimedAccountConcurrency,
      "The account's Lambda concurrency is nearly used up: functions outside the reserved ones will be throttled",
    );
    alarm(
      'TableThrottlesAlarm',
      new cloudwatch.MathExpression({
        expression: 'FILL(tr, 0) + FILL(tw, 0) + FILL(ir, 0) + FILL(iw, 0)',
        usingMetrics: {
          tr: m.tableReadThrottles,
          tw: m.tableWriteThrottles,
          ir: m.indexReadThrottles,
          iw: m.indexWriteThrottles,
        },
        period: FIVE_MINUTES,
        label: 'DynamoDB throttle events (table + index)',
      }),
      1,
      'DynamoDB throttled the receipts table or its index for 10 minutes (a hot key or an account limit)',
      2,
    );

    // The API.
    alarm(
      'Api5xxRateAlarm',
      percentOf('API 5xx (%)', 'FILL(e, 0)', 'FILL(n, 0)', { e: m.api5xx, n: m.apiCount }, MIN_REQUESTS),
      t.api5xxPercent,
      'The API answers server errors',
    );
    alarm(
      'Api4xxRateAlarm',
      percentOf('API 4xx (%)', 'FILL(e, 0)', 'FILL(n, 0)', { e: m.api4xx, n: m.apiCount }, MIN_REQUESTS),
      t.api4xxPercent,
      'Many API requests are refused for 15 minutes: throttled (429), unauthorized or invalid; see the access log',
      3,
    );
    alarm('ApiLatencyAlarm', m.apiP95, t.apiLatencyP95Ms, 'API p95 latency above target for 15 min', 3);
    for (const [route, thresholdMs] of Object.entries(t.methodLatencyP95Ms)) {
      const [method, resource] = route.split(' ');
      if (method === undefined || resource === undefined) {
        throw new Error(`methodLatencyP95Ms: "${route}" is not "METHOD /path"`);
      }
      alarm(
        `LatencyAlarm${method}${resource.replace(/[^\w]/g, '')}`,
        m.methodP95(method, resource),
        thresholdMs,
        `${route} p95 latency above ${thresholdMs} ms for 15 min`,
        3,
      );
    }
    if (m.rateLimited !== undefined) {
      alarm(
        'RateLimitedAlarm',
        m.rateLimited,
        t.rateLimitedPer5Minutes,
        'WAF answers many 429s: one client (IP or token) is hammering the API; see the web ACL sampled requests',
      );
    }

    const notify = new actions.SnsAction(props.alarmTopic);
    for (const each of alarms) {
      each.addAlarmAction(notify);
      each.addOkAction(notify);
    }
    this.alarms = alarms;
  }
}
