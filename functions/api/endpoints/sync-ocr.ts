/**
 * POST /ocr: OCR of one small image sent in the request body, answered with the engine result of its largest
 * receipt and, in `otherReceipts`, those of the other receipts found in it; nothing is stored.
 * The factory takes the engine as a port, so this module loads no engine runtime: the entry that runs in the OCR
 * image (image-handlers/sync-ocr.ts) creates the engine and wires it.
 *
 * The body is either the image itself (Content-Type image/* or application/octet-stream; API Gateway base64-encodes
 * these binary media types) or JSON `{ "image": "<base64>" }`. A synchronous Lambda payload is at most 6 MB, so
 * images above the limit are refused with 413: upload them through POST /receipts instead.
 */

import { EngineError } from '@receipt-ocr/engine/errors';
import type { EngineResult } from '@receipt-ocr/engine/schema';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { ownerIdOf } from '../auth.js';
import { PayloadTooLargeError, ValidationError } from '../errors.js';
import { bodyBytes, header, ok } from '../http.js';
import { type ApiHandlerOptions, apiHandler } from '../middleware.js';
import { parseBody } from '../validate.js';

/** The part of the receipt engine this route uses. */
export interface SyncOcrEngine {
  /** Every receipt of the image, largest first; at least one. */
  processAll(input: { bytes: Uint8Array; contentType?: string }): Promise<EngineResult[]>;
}

export interface SyncOcrHandlerDependencies extends ApiHandlerOptions {
  readonly config: ApiHandlerOptions['config'] & {
    /** The largest image accepted, in bytes (the smaller of SYNC_OCR_MAX_BYTES and MAX_UPLOAD_BYTES). */
    readonly maxBytes: number;
  };
  readonly engine: SyncOcrEngine;
}

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

export function createSyncOcrHandler(dependencies: SyncOcrHandlerDependencies) {
  const { engine, telemetry } = dependencies;
  const { maxBytes } = dependencies.config;
  return apiHandler(async (event) => {
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
    const [largest, ...others] = await engine.processAll(image);
    if (!largest) throw new EngineError('OCR_FAILED', 'The engine returned no result', true);
    telemetry.logger.info('synchronous OCR', {
      ownerId,
      bytes: image.bytes.length,
      receipts: others.length + 1,
      confidence: largest.confidence,
    });
    return ok({ ...largest, otherReceipts: others });
  }, dependencies);
}
