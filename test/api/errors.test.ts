/** The one error -> HTTP mapping, and the middleware that applies it to every handler. */
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  errorResponse,
  HttpError,
  INTERNAL_ERROR,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionRequiredError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../functions/api/errors.js';
import { apiHandler } from '../../functions/api/middleware.js';
import { EngineError } from '../../functions/engine/errors.js';
import { ReceiptPartNotFoundError, ReceiptStateError } from '../../functions/receipts/api-service.js';
import {
  InvalidCursorError,
  ReceiptError,
  ReceiptNotFoundError,
  VersionConflictError,
} from '../../functions/receipts/errors.js';
import { lambdaContext } from '../../tools/local/lambda-context.js';
import { quietTelemetry } from '../support/api-telemetry.js';
import { apiEvent } from './events.js';

describe('errorResponse', () => {
  it.each<[string, unknown, number, string]>([
    ['validation', new ValidationError('bad', [{ path: 'body.x', message: 'no' }]), 400, 'VALIDATION_FAILED'],
    ['invalid cursor', new InvalidCursorError(), 400, 'INVALID_CURSOR'],
    ['no user', new UnauthorizedError(), 401, 'UNAUTHORIZED'],
    ['missing receipt', new ReceiptNotFoundError('r1'), 404, 'NOT_FOUND'],
    [
      'missing OCR output',
      new ReceiptPartNotFoundError('TEXT_NOT_AVAILABLE', 'later'),
      404,
      'TEXT_NOT_AVAILABLE',
    ],
    ['stale version', new VersionConflictError('r1', 3), 409, 'VERSION_CONFLICT'],
    ['wrong state', new ReceiptStateError('NOT_UPLOADED', 'upload first'), 409, 'NOT_UPLOADED'],
    ['generic conflict', new ConflictError('X', 'y'), 409, 'X'],
    ['oversize', new PayloadTooLargeError('too big'), 413, 'PAYLOAD_TOO_LARGE'],
    ['engine oversize', new EngineError('TOO_LARGE', 'big'), 413, 'TOO_LARGE'],
    ['too many pixels', new EngineError('TOO_MANY_PIXELS', 'huge'), 413, 'TOO_MANY_PIXELS'],
    ['media type', new UnsupportedMediaTypeError('json please'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['unsupported image', new EngineError('UNSUPPORTED_FORMAT', 'pdf'), 415, 'UNSUPPORTED_FORMAT'],
    ['corrupt image', new EngineError('CORRUPT_IMAGE', 'broken'), 422, 'CORRUPT_IMAGE'],
    ['empty image', new EngineError('EMPTY_FILE', 'empty'), 400, 'EMPTY_FILE'],
    ['missing precondition', new PreconditionRequiredError('If-Match'), 428, 'PRECONDITION_REQUIRED'],
  ])('%s -> %i %s, message shown', (_name, error, status, code) => {
    const response = errorResponse(error);
    expect(response.statusCode).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(0);
    expect(response.internal).toBe(false);
  });

  it('shows the message of client errors as written', () => {
    expect(errorResponse(new ReceiptStateError('NOT_UPLOADED', 'upload it first')).body.error.message).toBe(
      'upload it first',
    );
  });

  it('never echoes the id of a missing (or foreign) receipt', () => {
    expect(errorResponse(new ReceiptNotFoundError('secret-id')).body).toEqual({
      error: { code: 'NOT_FOUND', message: 'receipt not found' },
    });
    expect(errorResponse(new NotFoundError('x')).statusCode).toBe(404);
  });

  it.each<[string, unknown]>([
    ['a plain Error', new Error('connect ECONNREFUSED 10.0.0.1:443 table=prod-receipts')],
    [
      'a retryable domain error',
      new ReceiptError('DEPENDENCY_ERROR', 'DynamoDB throttled on prod-receipts', true),
    ],
    ['a worker crash', new EngineError('OCR_FAILED', 'worker died at /var/task/x.js:12', true)],
    ['a thrown string', 'boom'],
    ['an HttpError >= 500', new HttpError(503, 'UPSTREAM_DOWN', 'table prod-receipts unreachable')],
  ])('%s -> 500 with the fixed body, nothing internal', (_name, error) => {
    const response = errorResponse(error);
    expect(response.body).toEqual(INTERNAL_ERROR);
    expect(response.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal error' } });
    expect(response.internal).toBe(true);
  });
});

describe('apiHandler middleware', () => {
  const options = { config: { corsAllowedOrigins: [] }, telemetry: quietTelemetry() };

  it('turns an unexpected failure into a 500 whose body carries no stack or message', async () => {
    const handler = apiHandler(async () => {
      throw new Error('password=hunter2 at Object.<anonymous> (/var/task/index.js:1:1)');
    }, options);
    const result = await handler(apiEvent({ method: 'GET', resource: '/health' }), lambdaContext('t'));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal error' } });
    expect(result.body).not.toMatch(/hunter2|index\.js|Error:/);
  });

  it('answers typed errors with their status and the JSON envelope', async () => {
    const handler = apiHandler(async () => {
      throw new ValidationError('invalid request: body.total: a decimal', [
        { path: 'body.total', message: 'a decimal' },
      ]);
    }, options);
    const result = await handler(apiEvent({ method: 'GET', resource: '/health' }), lambdaContext('t'));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['Content-Type']).toMatch(/^application\/json/);
    expect(JSON.parse(result.body)).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'invalid request: body.total: a decimal',
        details: { issues: [{ path: 'body.total', message: 'a decimal' }] },
      },
    });
  });
});
