/** Lambda entry of DELETE /receipts/{id}: wires the handler factory (endpoints/delete-receipt.ts) at cold start. */
import { createDeleteReceiptHandler } from '../endpoints/delete-receipt.js';
import { clock, config, service, telemetry } from '../runtime.js';

export const handler = createDeleteReceiptHandler({ config, clock, service, telemetry });
