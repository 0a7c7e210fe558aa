/**
 * OCR Lambda entry point (container image, CMD `ocr/handler.handler`). Everything expensive happens once, at
 * init: config validation, SDK clients, and the OCR engine (tesseract.js worker + traineddata), awaited at top
 * level so a broken engine fails the cold start instead of the first receipt. Invocations reuse all of it.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { ACCEPTED_FORMATS, createReceiptEngine, detectImageFormat } from '@receipt-ocr/engine';
import type { SQSBatchResponse } from 'aws-lambda';
import { DynamoDbReceiptRepository } from '../adapters/dynamodb-receipt-repository.js';
import { EventBridgeReceiptEvents } from '../adapters/eventbridge-receipt-events.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { createAwsClients, createEventBridgeClient } from '../commons/clients.js';
import { loadOcrConfig } from '../commons/config.js';
import { logger, metrics, tracer } from '../commons/powertools.js';
import { ReceiptService } from '../receipts/service.js';
import { createOcrHandler, type OcrEvent, reportUnannounced } from './ocr-handler.js';

const config = loadOcrConfig();
const clients = createAwsClients();
tracer.captureAWSv3Client(clients.s3);
tracer.captureAWSv3Client(clients.dynamodb);
const eventBridge = createEventBridgeClient();
tracer.captureAWSv3Client(eventBridge);

const engine = await createReceiptEngine({
  languages: config.languages,
  maxBytes: config.maxUploadBytes,
  ...(config.tessdataPath ? { langPath: config.tessdataPath } : {}),
});

const service = new ReceiptService({
  // The claim and the settled record replace the whole item: they carry the retention TTL.
  repository: new DynamoDbReceiptRepository(clients.dynamodb, config.table, {
    ...(config.retentionSeconds === undefined ? {} : { retentionSeconds: config.retentionSeconds }),
  }),
  objects: new S3ObjectStore(clients.s3),
  engine: async () => engine,
  settings: config,
  sniffer: { detect: detectImageFormat, accepted: ACCEPTED_FORMATS },
  warn: (message, details) => logger.warn(message, details),
  ...(config.eventBusName === undefined
    ? {}
    : { events: new EventBridgeReceiptEvents(eventBridge, config.eventBusName) }),
  onUnannounced: reportUnannounced(logger, metrics),
});

export const handler = middy<OcrEvent, SQSBatchResponse | undefined>(
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
  .use(logMetrics(metrics, { captureColdStartMetric: true }));

/** For long-lived hosts of this module (the local stack, tests): stop the worker and the clients' sockets. */
export async function shutdown(): Promise<void> {
  await engine.close();
  clients.s3.destroy();
  clients.dynamodb.destroy();
  clients.sqs.destroy();
  eventBridge.destroy();
}
