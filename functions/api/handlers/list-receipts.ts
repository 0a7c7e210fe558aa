/** Lambda entry of GET /receipts and GET /receipts/export: wires the handler factory (endpoints/list-receipts.ts) at cold start. */
import { createListReceiptsHandler } from '../endpoints/list-receipts.js';
import { clock, config, service, telemetry } from '../runtime.js';

export const handler = createListReceiptsHandler({ config, clock, service, telemetry });
