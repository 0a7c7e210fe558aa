/** Lambda entry of POST /receipts: wires the handler factory (endpoints/create-receipt.ts) at cold start. */
import { createCreateReceiptHandler } from '../endpoints/create-receipt.js';
import { clock, config, service, telemetry } from '../runtime.js';

export const handler = createCreateReceiptHandler({ config, clock, service, telemetry });
