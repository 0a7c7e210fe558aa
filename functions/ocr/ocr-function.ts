/**
 * The OCR function's wiring around a started engine: SDK clients, the receipt service, the handler and its
 * middleware. handler.ts imports this module once the engine's worker is starting, so the AWS SDK, Powertools
 * (with the X-Ray SDK) and middy evaluate on the main thread while the worker thread loads tesseract.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { ACCEPTED_FORMATS, detectImageFormat, type ReceiptEngine } from '@receipt-ocr/engine';
import type { SQSBatchResponse } from 'aws-lambda';
import { DynamoDbReceiptRepository } from '../adapters/dynamodb-receipt-repository.js';
import { EventBridgeReceiptEvents } from '../adapters/eventbridge-receipt-events.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { createDynamoDbDocumentClient, createEventBridgeClient, createS3Client } from '../commons/clients.js';
import { loadAwsEndpoints, type OcrConfig } from '../commons/config.js';
import { logger, metrics, tracer } from '../commons/powertools.js';
import { ReceiptService } from '../receipts/service.js';
import { createOcrHandler, type OcrEvent, reportUnannounced } from './ocr-handler.js';

// The function reads and writes S3 and DynamoDB and publishes events; its queue invokes it, so it needs no SQS client.
const endpoints = loadAwsEndpoints();
const s3 = createS3Client(endpoints);
const dynamodb = createDynamoDbDocumentClient(endpoints);
const eventBridge = createEventBridgeClient(endpoints);
for (const client of [s3, dynamodb, eventBridge]) tracer.captureAWSv3Client(client);

/** The handler Lambda calls, over one engine and the module's clients. */
export function ocrFunctionHandler(config: OcrConfig, engine: ReceiptEngine) {
  const service = new ReceiptService({
    // The claim and the settled record replace the whole item: they carry the retention TTL.
    repository: new DynamoDbReceiptRepository(dynamodb, config.table, {
      ...(config.retentionSeconds === undefined ? {} : { retentionSeconds: config.retentionSeconds }),
    }),
    objects: new S3ObjectStore(s3),
    engine: async () => engine,
    settings: config,
    sniffer: { detect: detectImageFormat, accepted: ACCEPTED_FORMATS },
    warn: (message, details) => logger.warn(message, details),
    ...(config.eventBusName === undefined
      ? {}
      : { events: new EventBridgeReceiptEvents(eventBridge, config.eventBusName) }),
    onUnannounced: reportUnannounced(logger, metrics),
  });

  return (
    middy<OcrEvent, SQSBatchResponse | undefined>(
      createOcrHandler({
        service,
        uploadPrefix: config.uploadPrefix,
        logger,
        metrics,
        ...(config.minRemainingMsToStart === undefined
          ? {}
          : { minRemainingMsToStart: config.minRemainingMsToStart }),
      }),
    )
      // The batch response names receipts; X-Ray gets timings, never handler results.
      .use(captureLambdaHandler(tracer, { captureResponse: false }))
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(logMetrics(metrics, { captureColdStartMetric: true }))
  );
}

/** Closes the module's clients' sockets (the engine is its owner's to close). */
export function closeClients(): void {
  for (const client of [s3, dynamodb, eventBridge]) client.destroy();
}
