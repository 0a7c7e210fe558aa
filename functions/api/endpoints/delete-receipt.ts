/** DELETE /receipts/{id}: the record, the image and the OCR output. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ownerIdOf } from '../auth.js';
import { noContent } from '../http.js';
import { apiHandler } from '../middleware.js';
import { receiptIdParam } from '../validate.js';
import type { ReceiptHandlerDependencies } from './dependencies.js';

export function createDeleteReceiptHandler(dependencies: ReceiptHandlerDependencies) {
  const { service, telemetry } = dependencies;
  return apiHandler(async (event) => {
    await service.delete(ownerIdOf(event), receiptIdParam(event));
    telemetry.metrics.addMetric('ReceiptsDeleted', MetricUnit.Count, 1);
    return noContent();
  }, dependencies);
}
