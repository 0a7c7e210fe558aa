/**
 * The OCR function's logic, built from its dependencies so the Lambda entry point (handler.ts), the local stack
 * and the tests run the same code. It recognises the trigger, turns it into work items, asks the ReceiptService
 * to process each, and maps outcomes to logs, metrics and — for SQS — partial batch failures.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { ENGINE_ERROR_CODES } from '@receipt-ocr/engine/errors';
import type { Context, EventBridgeEvent, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { TELEMETRY } from '../contract/telemetry.js';
import { classifyFailure } from '../receipts/errors.js';
import { parseUploadKey } from '../receipts/keys.js';
import type { ProcessOutcome, ReceiptService } from '../receipts/service.js';
import {
  EventBridgeObjectCreatedSchema,
  InvalidMessageError,
  S3NotificationSchema,
  type Work,
  workFromEventBridge,
  workFromMessageBody,
  workFromS3Notification,
} from './events.js';

const METRIC = TELEMETRY.metrics;

/**
 * FAILED codes caused by what the user sent (alarmed as a rate, high threshold); every other code is ours (a crashed
 * worker, a dependency that stayed down through the retries) and alarms early.
 */
const INPUT_FAILURE_CODES: ReadonlySet<string> = new Set([
  ...ENGINE_ERROR_CODES.filter((code) => code !== 'OCR_FAILED'),
  'SOURCE_NOT_FOUND',
]);

export type OcrEvent = SQSEvent | S3Event | EventBridgeEvent<'Object Created', unknown>;

/**
 * A queued receipt is started only with this much of the invocation left, unless the deployment says otherwise
 * (MIN_REMAINING_SECONDS_TO_START, sized by the stage with its timeout): a slow receipt (p90 2.6 s, maximum 3.4 s
 * in the field evaluation) and its writes fit, with room for a cold engine. Later ones go back to the queue.
 */
export const MIN_REMAINING_MS_TO_START = 15_000;

export interface OcrHandlerDependencies {
  service: ReceiptService;
  uploadPrefix: string;
  logger: Logger;
  metrics: Metrics;
  /** @default MIN_REMAINING_MS_TO_START */
  minRemainingMsToStart?: number;
}

/**
 * What the OCR function does when settled receipts could not be announced (ReceiptService `onUnannounced`): the
 * receipts stand, so nothing is retried; the count feeds ReceiptEventsFailedAlarm and the log names them.
 */
export function reportUnannounced(logger: Logger, metrics: Metrics) {
  return (receiptIds: readonly string[], error: unknown): void => {
    metrics.addMetric(METRIC.eventsFailed, MetricUnit.Count, receiptIds.length);
    logger.error('settled receipts could not be announced to subscribers', {
      receiptIds,
      error: error as Error,
    });
  };
}

/** Never claim longer than the invocation can live; a floor keeps a near-timeout run from claiming for 0 ms. */
function leaseFor(context: Context): number {
  return Math.max(context.getRemainingTimeInMillis(), 30_000);
}

function isSqsEvent(event: OcrEvent): event is SQSEvent {
  return 'Records' in event && event.Records[0]?.eventSource === 'aws:sqs';
}

export function createOcrHandler(dependencies: OcrHandlerDependencies) {
  const { service, logger, metrics, uploadPrefix } = dependencies;
  const minRemainingMsToStart = dependencies.minRemainingMsToStart ?? MIN_REMAINING_MS_TO_START;

  function record(outcome: ProcessOutcome): void {
    switch (outcome.outcome) {
      case 'completed': {
        const { result, record: receipt } = outcome;
        const engineMs =
          result.timings.decodeMs +
          result.timings.preprocessMs +
          result.timings.ocrMs +
          result.timings.parseMs;
        // One image may hold several receipts, each its own record.
        metrics.addMetric(METRIC.processed, MetricUnit.Count, 1 + (outcome.parts?.length ?? 0));
        metrics.addMetric(METRIC.ocrDuration, MetricUnit.Milliseconds, engineMs);
        metrics.addMetric(METRIC.confidence, MetricUnit.Percent, Math.round(result.confidence * 100));
        logger.info('receipt completed', {
          status: receipt.status,
          confidence: result.confidence,
          engineMs: Math.round(engineMs),
          totalMs: Math.round(receipt.timings?.totalMs ?? 0),
          attempts: receipt.attempts,
          ...(outcome.parts ? { otherReceiptsInImage: outcome.parts } : {}),
        });
        return;
      }
      case 'failed':
        metrics.addMetric(METRIC.failed, MetricUnit.Count, 1);
        metrics.addMetric(
          INPUT_FAILURE_CODES.has(outcome.record.error?.code ?? '') ? METRIC.rejected : METRIC.failedSystem,
          MetricUnit.Count,
          1,
        );
        logger.warn('receipt failed', { error: outcome.record.error, attempts: outcome.record.attempts });
        return;
      case 'ignored':
        if (outcome.reason === 'invalid-upload-key') {
          // Whoever dropped the file sees nothing happen: say why, where an operator looks.
          metrics.addMetric(METRIC.uploadsRejected, MetricUnit.Count, 1);
          logger.warn('upload ignored: keys must be {uploadPrefix}{ownerId}/{file}', {
            reason: outcome.reason,
            expected: `${uploadPrefix}{ownerId}/{file}, ownerId of letters, digits and . _ @ + = : - (not . or ..)`,
          });
          return;
        }
        logger.info('event ignored', { reason: outcome.reason });
        return;
    }
  }

  /** Runs one work item; throws when it must be retried. */
  async function run(work: Work, deliveryId: string, context: Context): Promise<void> {
    if (work.type === 'ignored') {
      logger.debug('event ignored', { reason: work.reason });
      return;
    }
    const receiptId =
      work.type === 'reprocess' ? work.message.receiptId : parseUploadKey(work.key, uploadPrefix)?.receiptId;
    // Correlation id = receipt id: every log line of this receipt's run carries it.
    logger.appendKeys({ correlation_id: receiptId ?? deliveryId, receiptId, deliveryId });
    try {
      const outcome =
        work.type === 'reprocess'
          ? await service.reprocess({ message: work.message, deliveryId, leaseMs: leaseFor(context) })
          : await service.processObject({
              bucket: work.bucket,
              key: work.key,
              ...(work.versionId ? { versionId: work.versionId } : {}),
              ...(work.eTag ? { eTag: work.eTag } : {}),
              deliveryId,
              leaseMs: leaseFor(context),
            });
      record(outcome);
    } catch (error) {
      const failure = classifyFailure(error);
      metrics.addMetric(METRIC.retried, MetricUnit.Count, 1);
      logger.error('receipt will be retried', { error: failure, cause: error as Error });
      throw error;
    } finally {
      logger.removeKeys(['correlation_id', 'receiptId', 'deliveryId']);
    }
  }

  async function runAll(works: Work[], deliveryId: (index: number) => string, context: Context) {
    const errors: unknown[] = [];
    // One image at a time: the engine has one worker, and a failure must not stop the next receipt.
    for (const [index, work] of works.entries()) {
      try {
        await run(work, deliveryId(index), context);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} receipts must be retried`);
  }

  async function sqsRecord(record: SQSRecord, context: Context): Promise<void> {
    // Started this late, the receipt would be cut off by the timeout, failing the whole batch with it: report it as
    // a failed item instead, so SQS redelivers it (one receive of its maxReceiveCount) and the others stand.
    const remainingMs = context.getRemainingTimeInMillis();
    if (remainingMs < minRemainingMsToStart) {
      metrics.addMetric(METRIC.deferred, MetricUnit.Count, 1);
      logger.warn('too little time left to start a receipt: it goes back to the queue', {
        messageId: record.messageId,
        remainingMs,
      });
      throw new Error(`not started: ${remainingMs} ms left in the invocation`);
    }
    let works: Work[];
    try {
      works = workFromMessageBody(record.body);
    } catch (error) {
      logger.error('message not understood; it goes to the dead-letter queue after its retries', {
        messageId: record.messageId,
        error: error as Error,
      });
      throw error;
    }
    // A redelivered message keeps its id: the run it started may be resumed instead of waiting for the lease.
    await runAll(
      works,
      (index) => (works.length === 1 ? record.messageId : `${record.messageId}#${index}`),
      context,
    );
  }

  return async function ocrHandler(event: OcrEvent, context: Context): Promise<SQSBatchResponse | undefined> {
    if (isSqsEvent(event)) {
      return processPartialResponse(
        event,
        (record: SQSRecord) => sqsRecord(record, context),
        new BatchProcessor(EventType.SQS),
        {
          context,
          processInParallel: false,
          // Report every failed message, even when all failed: SQS retries exactly those (no whole-batch error).
          throwOnFullBatchFailure: false,
        },
      );
    }
    const notification = S3NotificationSchema.safeParse(event);
    if (notification.success) {
      // Direct invocation: Lambda retries the whole event asynchronously; the ones already done are skipped.
      await runAll(
        workFromS3Notification(notification.data),
        (index) => `${context.awsRequestId}#${index}`,
        context,
      );
      return undefined;
    }
    const eventBridge = EventBridgeObjectCreatedSchema.safeParse(event);
    if (eventBridge.success) {
      await runAll([workFromEventBridge(eventBridge.data)], () => eventBridge.data.id, context);
      return undefined;
    }
    throw new InvalidMessageError(
      'unsupported event: expected SQS, S3 ObjectCreated or EventBridge Object Created',
    );
  };
}
