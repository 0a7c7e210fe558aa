/** GET /health (no auth): liveness, with the service and OCR engine versions. Touches no AWS resource. */
import tesseract from 'tesseract.js/package.json' with { type: 'json' };
import project from '../../../package.json' with { type: 'json' };
import { loadApiConfig, loadObservabilityConfig } from '../../commons/config.js';
import { ok } from '../http.js';
import { apiHandler } from '../middleware.js';

const { serviceName } = loadObservabilityConfig();
const { corsAllowedOrigins } = loadApiConfig();
const body = {
  status: 'ok',
  service: serviceName,
  version: project.version,
  engine: { name: 'tesseract.js', version: tesseract.version },
} as const;

export const handler = apiHandler(async () => ok(body), { corsAllowedOrigins });
