/**
 * Powertools instances for handler tests: no log lines, no X-Ray, and no EMF metric blobs on the test output.
 * Metrics has no constructor switch to stay quiet, only Powertools' own POWERTOOLS_METRICS_DISABLED, read when an
 * instance is built; the handlers' configuration is injected, never read from the environment.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { ApiTelemetry } from '../../functions/api/middleware.js';

export function quietTelemetry(): ApiTelemetry {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  return {
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'ReceiptOcrTest' }),
    tracer: new Tracer({ enabled: false }),
  };
}
