/** GET /health (no auth): liveness, with the service and OCR engine versions. Touches no AWS resource. */
import tesseract from 'tesseract.js/package.json' with { type: 'json' };
import project from '../../../package.json' with { type: 'json' };
import { ok } from '../http.js';
import { type ApiHandlerOptions, apiHandler } from '../middleware.js';

export interface HealthHandlerDependencies extends ApiHandlerOptions {
  readonly config: ApiHandlerOptions['config'] & {
    /** POWERTOOLS_SERVICE_NAME: the name the service reports. */
    readonly serviceName: string;
  };
}

export function createHealthHandler(dependencies: HealthHandlerDependencies) {
  const body = {
    status: 'ok',
    service: dependencies.config.serviceName,
    version: project.version,
    engine: { name: 'tesseract.js', version: tesseract.version },
  } as const;
  return apiHandler(async () => ok(body), dependencies);
}
