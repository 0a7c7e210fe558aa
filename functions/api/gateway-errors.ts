/**
 * The errors API Gateway answers itself, before any handler runs, in the API's error envelope. One home for the
 * deployed API's gateway responses (infra/constructs/receipts-rest-api.ts) and the local server that plays API
 * Gateway under `pnpm start`, so a client sees the same status, code and message in both. No dependencies: infra
 * imports it.
 */
import { SYNC_OCR_MAX_BYTES } from '../contract/limits.js';
export interface GatewayError {
  statusCode: number;
  code: string;
  message: string;
}

/** The request had no valid token (Cognito authorizer). In AWS the message is API Gateway's own, "Unauthorized". */
export const UNAUTHORIZED: GatewayError = { statusCode: 401, code: 'UNAUTHORIZED', message: 'Unauthorized' };

/** No route matches the path and method (REST APIs say 403 "Missing Authentication Token" unless told otherwise). */
export const UNKNOWN_ROUTE: GatewayError = {
  statusCode: 404,
  code: 'NOT_FOUND',
  message: 'No such route: see the OpenAPI document',
};

export const REQUEST_TOO_LARGE: GatewayError = {
  statusCode: 413,
  code: 'PAYLOAD_TOO_LARGE',
  // API Gateway cuts bodies at 10 MB, but the function behind POST /ocr takes less: state the one limit.
  message: `The request body is too large: POST /ocr takes up to ${SYNC_OCR_MAX_BYTES / 1024 / 1024} MiB; upload larger images with POST /receipts`,
};

export const THROTTLED: GatewayError = {
  statusCode: 429,
  code: 'THROTTLED',
  message: 'Too many requests: retry later',
};

/** A handler that failed instead of answering (API Gateway's 502); never any detail of the cause. */
export const INTEGRATION_FAILED: GatewayError = {
  statusCode: 502,
  code: 'INTERNAL',
  message: 'Internal error',
};

/** The response body, `{"error":{"code","message"}}`. */
export function gatewayErrorBody(error: Pick<GatewayError, 'code' | 'message'>): string {
  return JSON.stringify({ error: { code: error.code, message: error.message } });
}
