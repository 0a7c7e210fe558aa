/**
 * The middleware chain every API handler runs in (middy): Powertools logger context, metrics, tracer, CORS, and
 * the error mapper. The error mapper is the only code that turns an error into a response (errors.ts decides the
 * status and body); middy's own http-error-handler is not used because it answers with a plain-text message,
 * while this API promises `{ error: { code, message, details } }` on every error.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorResponse } from './errors.js';
import { json } from './http.js';

export type RouteHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The Powertools instances a handler reports through (one set per process in Lambda: commons/powertools.ts). */
export interface ApiTelemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

/** What every handler factory is given besides its ports. */
export interface ApiHandlerOptions {
  readonly config: {
    /** Origins allowed by CORS (the API config's CORS_ALLOWED_ORIGINS). */
    readonly corsAllowedOrigins: readonly string[];
  };
  readonly telemetry: ApiTelemetry;
}

/** Maps any error to its response; logs the cause of every 5xx (the body never carries it). */
export function httpErrorMapper({
  logger,
  metrics,
}: Pick<ApiTelemetry, 'logger' | 'metrics'>): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: (request) => {
      const { statusCode, body, headers, internal } = errorResponse(request.error);
      if (internal) {
        logger.error(
          'request failed',
          request.error instanceof Error ? request.error : String(request.error),
        );
        metrics.addMetric('ApiServerErrors', MetricUnit.Count, 1);
      } else {
        logger.info('request rejected', { statusCode, code: body.error.code });
        metrics.addMetric('ApiClientErrors', MetricUnit.Count, 1);
      }
      request.response = json(statusCode, body, { ...headers });
    },
  };
}

/**
 * CORS for the configured origins only: the request's Origin is echoed when listed, nothing is sent otherwise, and
 * credentials are allowed only with an explicit origin list (never with `*`, which config refuses anyway).
 */
export function corsFor(origins: readonly string[]) {
  return httpCors({
    origins: [...origins],
    ...(origins.length > 0 ? { credentials: true } : {}),
    exposeHeaders: 'ETag,Location,Retry-After',
  });
}

/** One count per request, so every invocation publishes a metric (and Powertools never warns of an empty set). */
function countRequests(metrics: Metrics): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: () => {
      metrics.addMetric('ApiRequests', MetricUnit.Count, 1);
    },
  };
}

export function apiHandler(handler: RouteHandler, options: ApiHandlerOptions) {
  const { logger, metrics, tracer } = options.telemetry;
  // The tracer never captures responses: they carry receipts and OCR text (personal data); X-Ray gets timings.
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(countRequests(metrics))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(corsFor(options.config.corsAllowedOrigins))
    .use(httpErrorMapper(options.telemetry));
}
