/**
 * POST /ocr (API Gateway proxy, runs in the OCR container image with CMD `ocr/sync-ocr.handler`): OCR of one small
 * image sent in the request body, answered with the engine result of its largest receipt and, in `otherReceipts`,
 * those of the other receipts found in it; nothing is stored.
 *
 * The body is either the image itself (Content-Type image/* or application/octet-stream; API Gateway base64-encodes
 * these binary media types) or JSON `{ "image": "<base64>" }`. A synchronous Lambda payload is at most 6 MB, so
 * images above SYNC_OCR_MAX_BYTES are refused with 413: upload them through POST /receipts instead.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { loadApiConfig, loadOcrConfig } from '../../commons/config.js';
import { logger } from '../../commons/powertools.js';
import { SYNC_OCR_MAX_BYTES } from '../../contract/limits.js';
import { createReceiptEngine, EngineError } from '../../engine/index.js';
import { ownerIdOf } from '../auth.js';
import { PayloadTooLargeError, ValidationError } from '../errors.js';
import { bodyBytes, header, ok } from '../http.js';
import { apiHandler } from '../middleware.js';
import { parseBody } from '../validate.js';

const config = loadOcrConfig();
const { corsAllowedOrigins } = loadApiConfig();
const maxBytes = Math.min(SYNC_OCR_MAX_BYTES, config.maxUploadBytes);

const engine = await createReceiptEngine({
  languages: config.languages,
  maxBytes,
  ...(config.tessdataPath ? { langPath: config.tessdataPath } : {}),
});

const JsonImageSchema = z
  .object({
    image: z.base64().min(1).meta({ description: 'The image, base64-encoded' }),
    contentType: z.string().optional(),
  })
  .strict();

function imageOf(event: APIGatewayProxyEvent): { bytes: Uint8Array; contentType?: string } {
  const contentType = header(event, 'content-type');
  if (contentType && /^application\/json\b/i.test(contentType)) {
    const body = parseBody(JsonImageSchema, event);
    return {
      bytes: Buffer.from(body.image, 'base64'),
      ...(body.contentType ? { contentType: body.contentType } : {}),
    };
  }
  return { bytes: bodyBytes(event), ...(contentType ? { contentType } : {}) };
}

export const handler = apiHandler(
  async (event) => {
    const ownerId = ownerIdOf(event);
    const image = imageOf(event);
    if (image.bytes.length === 0) {
      throw new ValidationError('send the receipt image as the request body', [], 'EMPTY_FILE');
    }
    if (image.bytes.length > maxBytes) {
      throw new PayloadTooLargeError(
        `the image is ${image.bytes.length} bytes; POST /ocr takes up to ${maxBytes} bytes: upload larger images with POST /receipts`,
        'TOO_LARGE',
      );
    }
    // Every receipt of the image, largest first (engine.process() answers the largest alone).
    const [largest, ...others] = await engine.processAll(image);
    if (!largest) throw new EngineError('OCR_FAILED', 'The engine returned no result', true);
    logger.info('synchronous OCR', {
      ownerId,
      bytes: image.bytes.length,
      receipts: others.length + 1,
      confidence: largest.confidence,
    });
    return ok({ ...largest, otherReceipts: others });
  },
  { corsAllowedOrigins },
);

/** For long-lived hosts of this module (the local API server, tests): stop the OCR worker. */
export async function shutdown(): Promise<void> {
  await engine.close();
}
