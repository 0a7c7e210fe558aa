/** What the receipt handler factories are built from: config, clock, ports (the service) and telemetry. */
import type { ReceiptApiService } from '../../receipts/api-service.js';
import type { ApiHandlerOptions } from '../middleware.js';

export interface ReceiptHandlerDependencies extends ApiHandlerOptions {
  readonly service: ReceiptApiService;
  /** "Now" for what the handler itself dates (an export's time stamp); the service has its own. */
  readonly clock: () => Date;
}
