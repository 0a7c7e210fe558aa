/** Lambda entry of GET /health: wires the handler factory (endpoints/health.ts); builds no SDK client. */
import { loadApiConfig, loadObservabilityConfig } from '../../commons/config.js';
import { logger, metrics, tracer } from '../../commons/powertools.js';
import { createHealthHandler } from '../endpoints/health.js';

const { serviceName } = loadObservabilityConfig();
const { corsAllowedOrigins } = loadApiConfig();

export const handler = createHealthHandler({
  config: { serviceName, corsAllowedOrigins },
  telemetry: { logger, metrics, tracer },
});
