/**
 * Lambda entry of POST /ocr (API Gateway proxy, runs in the OCR container image with CMD `ocr/sync-ocr.handler`):
 * creates the OCR engine at cold start, awaited so a broken engine fails the init, and wires the handler factory
 * (endpoints/sync-ocr.ts).
 */

import { createReceiptEngine } from '@receipt-ocr/engine';
import { loadApiConfig, loadOcrConfig } from '../../commons/config.js';
import { logger, metrics, tracer } from '../../commons/powertools.js';
import { SYNC_OCR_MAX_BYTES } from '../../contract/limits.js';
import { createSyncOcrHandler } from '../endpoints/sync-ocr.js';

const config = loadOcrConfig();
const { corsAllowedOrigins } = loadApiConfig();
const maxBytes = Math.min(SYNC_OCR_MAX_BYTES, config.maxUploadBytes);

const engine = await createReceiptEngine({
  languages: config.languages,
  maxBytes,
  ...(config.tessdataPath ? { langPath: config.tessdataPath } : {}),
});

export const handler = createSyncOcrHandler({
  config: { corsAllowedOrigins, maxBytes },
  engine,
  telemetry: { logger, metrics, tracer },
});

/** For long-lived hosts of this module (the local API server, tests): stop the OCR worker. */
export async function shutdown(): Promise<void> {
  await engine.close();
}
