/** Lambda entry of POST /receipts/{id}/reprocess: wires the handler factory (endpoints/reprocess-receipt.ts). */
import { loadReprocessConfig } from '../../commons/config.js';
import { createReprocessReceiptHandler } from '../endpoints/reprocess-receipt.js';
import { clock, config, service, telemetry } from '../runtime.js';

// Without OCR_QUEUE_URL this function cannot work: fail the cold start with a clear message, not the request.
loadReprocessConfig();

export const handler = createReprocessReceiptHandler({ config, clock, service, telemetry });
