import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionEnvironment } from '../config/environment.js';
import { removalPolicyOf } from '../config/removal.js';
import { receiptEventBusName } from '../config/resource-names.js';
import type { StageConfig } from '../config/stages.js';
import { grantObjectAccess } from '../constructs/object-grants.js';
import { OcrImageFunction } from '../constructs/ocr-image-function.js';
import { ReceiptEventBus } from '../constructs/receipt-event-bus.js';
import { UploadQueue } from '../constructs/upload-queue.js';
import { acknowledgeProcessingFindings } from './nag-acknowledgements.js';
import { ocrImageSettings } from './ocr-image-settings.js';
import { referenceStorage } from './storage-refs.js';

export interface ProcessingStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * The OCR pipeline: uploads under the upload prefix -> SQS (with a DLQ) -> the OCR container function -> one
 * ReceiptSettled event per settled receipt on the stage's bus.
 */
export class ProcessingStack extends Stack {
  readonly ocrFunction: lambda.DockerImageFunction;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly eventBus: events.EventBus;

  constructor(scope: Construct, id: string, props: ProcessingStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { uploadPrefix, resultsPrefix } = config.storage;

    // Referenced by name, so the bucket notification lives in this stack and the storage stack never depends on
    // the queue (the two stacks would otherwise depend on each other).
    const { bucket, table } = referenceStorage(this, config);
    const settled = new ReceiptEventBus(this, 'ReceiptEvents', { eventBusName: receiptEventBusName(config) });
    this.eventBus = settled.bus;

    const ocr = new OcrImageFunction(this, 'Ocr', {
      command: 'ocr/handler.handler',
      ...ocrImageSettings(config),
      timeoutSeconds: config.ocr.timeoutSeconds,
      ...(config.ocr.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrency: config.ocr.reservedConcurrency }),
      environment: functionEnvironment(config, {
        bucketName: bucket.bucketName,
        tableName: table.tableName,
        eventBusName: this.eventBus.eventBusName,
      }),
      description: 'OCR of uploaded receipts (S3 -> SQS), writes records and OCR output',
    });
    this.ocrFunction = ocr.function;

    const uploads = new UploadQueue(this, 'Uploads', {
      bucket,
      uploadPrefix,
      consumer: this.ocrFunction,
      consumerTimeoutSeconds: config.ocr.timeoutSeconds,
      batchSize: config.ocr.batchSize,
      maxBatchingWindowSeconds: config.ocr.maxBatchingWindowSeconds,
      maxConcurrency: config.ocr.maxConcurrency,
      maxReceiveCount: config.ocr.maxReceiveCount,
      removalPolicy: removalPolicyOf(config),
    });
    this.queue = uploads.queue;
    this.deadLetterQueue = uploads.deadLetterQueue;

    // Reads the image (the exact version the event names), writes the full OCR output; never writes under the
    // upload prefix (no trigger loop). Listing makes an image deleted before OCR a 404 (a permanent failure)
    // instead of a 403 that would be retried into the dead-letter queue.
    // Deleting under the results prefix removes the OCR output of a receipt the API deleted mid-run.
    grantObjectAccess(this.ocrFunction, bucket, {
      read: [uploadPrefix],
      write: [resultsPrefix],
      delete: [resultsPrefix],
      list: true,
    });
    // The pipeline reads a record and writes it back conditionally on its version (idempotency): nothing else.
    table.grant(this.ocrFunction, 'dynamodb:GetItem', 'dynamodb:PutItem');
    // Announces settled receipts: its own events on its own bus, nothing else.
    settled.grantPublishSettled(this.ocrFunction);

    acknowledgeProcessingFindings(this, config, ocr, [uploadPrefix, resultsPrefix]);

    new CfnOutput(this, 'OcrQueueUrl', { value: this.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'ReceiptEventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'ReceiptEventBusArn', { value: this.eventBus.eventBusArn });
  }
}
