/** GET /receipts/{id}, /receipts/{id}/text and /receipts/{id}/image: one read-only function for the three. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { toReceiptView } from '../../receipts/view.js';
import { ownerIdOf } from '../auth.js';
import { NotFoundError } from '../errors.js';
import { etagOf, ok } from '../http.js';
import { apiHandler } from '../middleware.js';
import { receiptIdParam } from '../validate.js';
import type { ReceiptHandlerDependencies } from './dependencies.js';

type Read = (ownerId: string, receiptId: string) => Promise<APIGatewayProxyResult>;

export function createReadReceiptHandler(dependencies: ReceiptHandlerDependencies) {
  const { service } = dependencies;
  /** Keyed by API Gateway's `resource` (the route template), so the dispatch follows the route table exactly. */
  const reads: Record<string, Read> = {
    '/receipts/{id}': async (ownerId, receiptId) => {
      const record = await service.get(ownerId, receiptId);
      return ok(toReceiptView(record), { ETag: etagOf(record.version) });
    },
    '/receipts/{id}/text': async (ownerId, receiptId) => ok(await service.getText(ownerId, receiptId)),
    '/receipts/{id}/image': async (ownerId, receiptId) => ok(await service.getImageUrl(ownerId, receiptId)),
  };

  return apiHandler(async (event: APIGatewayProxyEvent) => {
    const read = reads[event.resource];
    if (!read)
      throw new NotFoundError(`no route for ${event.httpMethod} ${event.resource}`, 'ROUTE_NOT_FOUND');
    return read(ownerIdOf(event), receiptIdParam(event));
  }, dependencies);
}
