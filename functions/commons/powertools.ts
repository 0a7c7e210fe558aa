/**
 * Powertools instances, created once per process and shared by every handler of a function: structured JSON
 * logs, CloudWatch EMF metrics and X-Ray traces. Log level and sampling come from the standard POWERTOOLS_*
 * variables, which Powertools reads itself.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { loadObservabilityConfig } from './config.js';

const observability = loadObservabilityConfig();

export const logger = new Logger({ serviceName: observability.serviceName });
export const metrics = new Metrics({
  namespace: observability.metricsNamespace,
  serviceName: observability.serviceName,
  defaultDimensions: { stage: observability.stage },
});
export const tracer = new Tracer({ serviceName: observability.serviceName });
