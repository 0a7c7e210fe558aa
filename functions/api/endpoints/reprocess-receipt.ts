/** POST /receipts/{id}/reprocess: queues another OCR run of the stored image (202; poll the receipt). */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ownerIdOf } from '../auth.js';
import { accepted } from '../http.js';
import { apiHandler } from '../middleware.js';
import { ReprocessRequestSchema } from '../schemas.js';
import { parseBody, receiptIdParam } from '../validate.js';
import type { ReceiptHandlerDependencies } from './dependencies.js';

export function createReprocessReceiptHandler(dependencies: ReceiptHandlerDependencies) {
  const { service, telemetry } = dependencies;
  return apiHandler(async (event) => {
    const ownerId = ownerIdOf(event);
    const receiptId = receiptIdParam(event);
    const { keepCorrections } = parseBody(ReprocessRequestSchema, event, { optional: true });
    await service.reprocess(ownerId, receiptId, keepCorrections);
    telemetry.metrics.addMetric('ReprocessRequested', MetricUnit.Count, 1);
    return accepted({ id: receiptId, status: 'QUEUED', keepCorrections });
  }, dependencies);
}
