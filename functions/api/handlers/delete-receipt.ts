/** DELETE /receipts/{id}: the record, the image and the OCR output. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../../commons/powertools.js';
import { ownerIdOf } from '../auth.js';
import { noContent } from '../http.js';
import { apiHandler } from '../middleware.js';
import { cors, service } from '../runtime.js';
import { receiptIdParam } from '../validate.js';

export const handler = apiHandler(async (event) => {
  await service.delete(ownerIdOf(event), receiptIdParam(event));
  metrics.addMetric('ReceiptsDeleted', MetricUnit.Count, 1);
  return noContent();
}, cors);
