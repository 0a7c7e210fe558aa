/**
 * The API's error hierarchy and the ONE place that turns any error into an HTTP status and body.
 *
 * Every error a client may see is an HttpError with a status, a stable code and a message that says what to do;
 * domain errors (receipts, engine) are translated in toHttpError(). Anything else is a 500 whose body is always the
 * same fixed text: the real error goes to the log only (middy http-error-handler's rule: only < 500 is exposed).
 */
import { isEngineError } from '@receipt-ocr/engine/errors';
import {
  ExportTooLargeError,
  ReceiptPartExpiredError,
  ReceiptPartNotFoundError,
  ReceiptStateError,
  ReceiptTooLargeError,
} from '../receipts/api-service.js';
import { InvalidCursorError, ReceiptNotFoundError, VersionConflictError } from '../receipts/errors.js';
import { QuotaExceededError } from '../receipts/quota.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class HttpError extends Error {
  override readonly name: string = 'HttpError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.headers = options?.headers ?? {};
  }

  /** Response headers the error calls for (e.g. `Retry-After` on a 429). */
  readonly headers: Readonly<Record<string, string>>;

  /** Whether the message and details may be shown to the client. */
  get expose(): boolean {
    return this.statusCode < 500;
  }
}

/** One problem in a request: where (`body.fields.total`, `query.limit`, `header.If-Match`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export class ValidationError extends HttpError {
  override readonly name = 'ValidationError';
  constructor(message: string, issues: ValidationIssue[] = [], code = 'VALIDATION_FAILED') {
    super(400, code, message, issues.length > 0 ? { issues } : undefined);
  }
}

export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'no authenticated user: send a valid token in the Authorization header') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  constructor(message: string, code = 'NOT_FOUND') {
    super(404, code, message);
  }
}

export class GoneError extends HttpError {
  override readonly name = 'GoneError';
  constructor(code: string, message: string) {
    super(410, code, message);
  }
}

export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class PayloadTooLargeError extends HttpError {
  override readonly name = 'PayloadTooLargeError';
  constructor(message: string, code = 'PAYLOAD_TOO_LARGE') {
    super(413, code, message);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(message: string, code = 'UNSUPPORTED_MEDIA_TYPE') {
    super(415, code, message);
  }
}

export class PreconditionRequiredError extends HttpError {
  override readonly name = 'PreconditionRequiredError';
  constructor(message: string) {
    super(428, 'PRECONDITION_REQUIRED', message);
  }
}

export const INTERNAL_ERROR: ErrorBody = { error: { code: 'INTERNAL_ERROR', message: 'Internal error' } };

const ENGINE_STATUS: Record<string, number> = {
  EMPTY_FILE: 400,
  TOO_LARGE: 413,
  TOO_MANY_PIXELS: 413,
  TOO_LONG: 413,
  TOO_MANY_PAGES: 413,
  UNSUPPORTED_FORMAT: 415,
  CORRUPT_IMAGE: 422,
  CORRUPT_FILE: 422,
  PDF_ENCRYPTED: 422,
};

/** Domain and engine errors -> HttpError; undefined for anything unexpected (a 500). */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  // Never echo the id back in a 404: the same answer for "missing" and "someone else's".
  if (error instanceof ReceiptNotFoundError) return new NotFoundError('receipt not found');
  if (error instanceof ReceiptPartNotFoundError) return new NotFoundError(error.message, error.code);
  if (error instanceof ReceiptPartExpiredError) return new GoneError(error.code, error.message);
  if (error instanceof VersionConflictError) {
    return new ConflictError(
      'VERSION_CONFLICT',
      'the receipt changed since you read it: GET it again, re-apply your changes and send the new version',
    );
  }
  if (error instanceof ReceiptStateError) return new ConflictError(error.code, error.message);
  if (error instanceof ExportTooLargeError) return new PayloadTooLargeError(error.message, error.code);
  if (error instanceof ReceiptTooLargeError) return new PayloadTooLargeError(error.message, error.code);
  if (error instanceof InvalidCursorError) return new ValidationError(error.message, [], error.code);
  if (error instanceof QuotaExceededError) {
    return new HttpError(429, error.code, error.message, undefined, {
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    });
  }
  if (isEngineError(error)) {
    const status = ENGINE_STATUS[error.code];
    return status === undefined ? undefined : new HttpError(status, error.code, error.message);
  }
  return undefined;
}

/** Status and body for any error; `internal` is true when the body hides the cause (log it). */
export function errorResponse(error: unknown): {
  statusCode: number;
  body: ErrorBody;
  headers: Readonly<Record<string, string>>;
  internal: boolean;
} {
  const httpError = toHttpError(error);
  if (!httpError?.expose) {
    return { statusCode: httpError?.statusCode ?? 500, body: INTERNAL_ERROR, headers: {}, internal: true };
  }
  return {
    statusCode: httpError.statusCode,
    headers: httpError.headers,
    body: {
      error: {
        code: httpError.code,
        message: httpError.message,
        ...(httpError.details === undefined ? {} : { details: httpError.details }),
      },
    },
    internal: false,
  };
}
