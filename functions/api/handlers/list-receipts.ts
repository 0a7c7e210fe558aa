/** GET /receipts: the caller's receipts, newest first, with cursor pagination and filters. */
import { ownerIdOf } from '../auth.js';
import { ok } from '../http.js';
import { apiHandler } from '../middleware.js';
import { cors, service } from '../runtime.js';
import { ListReceiptsQuerySchema } from '../schemas.js';
import { parseQuery } from '../validate.js';
import { toReceiptView } from '../view.js';

export const handler = apiHandler(async (event) => {
  const ownerId = ownerIdOf(event);
  const query = parseQuery(ListReceiptsQuerySchema, event);
  const page = await service.list({ ownerId, ...query });
  return ok({
    items: page.items.map(toReceiptView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
}, cors);
