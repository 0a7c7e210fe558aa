/** POST /receipts/{id}/reprocess: queues another OCR run of the stored image (202; poll the receipt). */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { loadReprocessConfig } from '../../commons/config.js';
import { metrics } from '../../commons/powertools.js';
import { ownerIdOf } from '../auth.js';
import { accepted } from '../http.js';
import { apiHandler } from '../middleware.js';
import { cors, service } from '../runtime.js';
import { ReprocessRequestSchema } from '../schemas.js';
import { parseBody, receiptIdParam } from '../validate.js';

// Without OCR_QUEUE_URL this function cannot work: fail the cold start with a clear message, not the request.
loadReprocessConfig();

export const handler = apiHandler(async (event) => {
  const ownerId = ownerIdOf(event);
  const receiptId = receiptIdParam(event);
  const { keepCorrections } = parseBody(ReprocessRequestSchema, event, { optional: true });
  await service.reprocess(ownerId, receiptId, keepCorrections);
  metrics.addMetric('ReprocessRequested', MetricUnit.Count, 1);
  return accepted({ id: receiptId, status: 'QUEUED', keepCorrections });
}, cors);
