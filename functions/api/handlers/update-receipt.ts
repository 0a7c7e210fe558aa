/** Lambda entry of PATCH /receipts/{id}: wires the handler factory (endpoints/update-receipt.ts) at cold start. */
import { createUpdateReceiptHandler } from '../endpoints/update-receipt.js';
import { clock, config, service, telemetry } from '../runtime.js';

export const handler = createUpdateReceiptHandler({ config, clock, service, telemetry });
