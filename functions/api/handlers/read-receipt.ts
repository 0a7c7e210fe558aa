/** Lambda entry of GET /receipts/{id}, /receipts/{id}/text and /receipts/{id}/image: wires the handler factory (endpoints/read-receipt.ts) at cold start. */
import { createReadReceiptHandler } from '../endpoints/read-receipt.js';
import { clock, config, service, telemetry } from '../runtime.js';

export const handler = createReadReceiptHandler({ config, clock, service, telemetry });
