import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { requireIntInRange, requirePrefix } from './validate.js';

export interface UploadQueueProps {
  /** Bucket whose `ObjectCreated` events under `uploadPrefix` are queued. */
  readonly bucket: s3.IBucket;
  /** Only keys under this prefix are queued (results written elsewhere never re-trigger OCR). */
  readonly uploadPrefix: string;
  /** The consumer; its timeout sets the queue's visibility timeout (six times it, as AWS recommends). */
  readonly consumer: lambda.IFunction;
  /** Timeout of `consumer` in seconds. */
  readonly consumerTimeoutSeconds: number;
  /**
   * Messages per invocation.
   * @default 1
   */
  readonly batchSize?: number;
  /**
   * Seconds to wait for a fuller batch.
   * @default 0
   */
  readonly maxBatchingWindowSeconds?: number;
  /**
   * Most concurrent consumer invocations the queue drives (back-pressure).
   * @default 10
   */
  readonly maxConcurrency?: number;
  /**
   * Deliveries of a message before it moves to the dead-letter queue (AWS advises at least 5 for a Lambda
   * consumer: throttled receives count too).
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * What happens to both queues (and the messages in them) when the stack is deleted.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * S3 upload -> SQS -> consumer Lambda: the bucket notifies the queue of new uploads, the consumer reads batches and
 * reports partial failures, and messages that fail `maxReceiveCount` times land in a dead-letter queue kept 14 days.
 */
export class UploadQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: UploadQueueProps) {
    super(scope, id);
    requirePrefix('UploadQueue uploadPrefix', props.uploadPrefix);
    const batchSize = props.batchSize ?? 1;
    const maxBatchingWindowSeconds = props.maxBatchingWindowSeconds ?? 0;
    const maxConcurrency = props.maxConcurrency ?? 10;
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    requireIntInRange('UploadQueue batchSize', batchSize, 1, 10);
    requireIntInRange('UploadQueue maxBatchingWindowSeconds', maxBatchingWindowSeconds, 0, 300);
    requireIntInRange('UploadQueue maxConcurrency', maxConcurrency, 2, 1000);
    requireIntInRange('UploadQueue maxReceiveCount', maxReceiveCount, 1, 1000);
    requireIntInRange('UploadQueue consumerTimeoutSeconds', props.consumerTimeoutSeconds, 1, 900);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A message must stay invisible while a whole batch (and its retries inside the function) runs.
      visibilityTimeout: Duration.seconds(Math.min(props.consumerTimeoutSeconds * 6, 43_200)),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
      removalPolicy,
    });

    props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new SqsDestination(this.queue), {
      prefix: props.uploadPrefix,
    });
    // The notification's grant names the bucket by ARN (aws:SourceArn); bucket names are global, so S3 may only
    // send on behalf of a bucket owned by this account.
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: { StringNotEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    props.consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize,
        ...(maxBatchingWindowSeconds > 0
          ? { maxBatchingWindow: Duration.seconds(maxBatchingWindowSeconds) }
          : {}),
        maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }
}
