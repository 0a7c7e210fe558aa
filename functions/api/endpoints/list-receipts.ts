/**
 * GET /receipts (one page, cursor pagination and filters) and GET /receipts/export (every match, as CSV or JSON):
 * one read-only function for the two listings.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { toReceiptView } from '../../receipts/view.js';
import { ownerIdOf } from '../auth.js';
import { NotFoundError } from '../errors.js';
import { toCsv, toExportedReceipt } from '../export.js';
import { attachment, ok } from '../http.js';
import { apiHandler } from '../middleware.js';
import { ExportReceiptsQuerySchema, ListReceiptsQuerySchema } from '../schemas.js';
import { parseQuery } from '../validate.js';
import type { ReceiptHandlerDependencies } from './dependencies.js';

type Listing = (event: APIGatewayProxyEvent, ownerId: string) => Promise<APIGatewayProxyResult>;

export function createListReceiptsHandler(dependencies: ReceiptHandlerDependencies) {
  const { service, clock } = dependencies;
  /** Keyed by API Gateway's `resource` (the route template), so the dispatch follows the route table exactly. */
  const listings: Record<string, Listing> = {
    '/receipts': async (event, ownerId) => {
      const query = parseQuery(ListReceiptsQuerySchema, event);
      const page = await service.list({ ownerId, ...query });
      return ok({
        items: page.items.map(toReceiptView),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      });
    },
    '/receipts/export': async (event, ownerId) => {
      const { format, ...filters } = parseQuery(ExportReceiptsQuerySchema, event);
      const exportedAt = clock().toISOString();
      const receipts = (await service.exportAll({ ownerId, ...filters })).map(toExportedReceipt);
      const fileName = `receipts-${exportedAt.slice(0, 10)}.${format}`;
      return format === 'csv'
        ? attachment(toCsv(receipts), 'text/csv; charset=utf-8', fileName)
        : ok({ exportedAt, receipts }, { 'Content-Disposition': `attachment; filename="${fileName}"` });
    },
  };

  return apiHandler(async (event: APIGatewayProxyEvent) => {
    const listing = listings[event.resource];
    if (!listing)
      throw new NotFoundError(`no route for ${event.httpMethod} ${event.resource}`, 'ROUTE_NOT_FOUND');
    return listing(event, ownerIdOf(event));
  }, dependencies);
}
