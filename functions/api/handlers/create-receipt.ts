/** POST /receipts: a PENDING receipt and a presigned POST for its image. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../../commons/powertools.js';
import { ownerIdOf } from '../auth.js';
import { created } from '../http.js';
import { apiHandler } from '../middleware.js';
import { cors, service } from '../runtime.js';
import { CreateReceiptRequestSchema } from '../schemas.js';
import { parseBody } from '../validate.js';

export const handler = apiHandler(async (event) => {
  const ownerId = ownerIdOf(event);
  const request = parseBody(CreateReceiptRequestSchema, event);
  const { record, upload } = await service.createUpload({ ownerId, ...request });
  metrics.addMetric('UploadUrlsIssued', MetricUnit.Count, 1);
  return created(
    { id: record.receiptId, status: 'PENDING', version: record.version, upload },
    { Location: `/receipts/${record.receiptId}` },
  );
}, cors);
