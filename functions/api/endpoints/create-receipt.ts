/** POST /receipts: a PENDING receipt and a presigned POST for its image. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ownerIdOf } from '../auth.js';
import { created } from '../http.js';
import { apiHandler } from '../middleware.js';
import { CreateReceiptRequestSchema } from '../schemas.js';
import { parseBody } from '../validate.js';
import type { ReceiptHandlerDependencies } from './dependencies.js';

export function createCreateReceiptHandler(dependencies: ReceiptHandlerDependencies) {
  const { service, telemetry } = dependencies;
  return apiHandler(async (event) => {
    const ownerId = ownerIdOf(event);
    const request = parseBody(CreateReceiptRequestSchema, event);
    const { record, upload } = await service.createUpload({ ownerId, ...request });
    telemetry.metrics.addMetric('UploadUrlsIssued', MetricUnit.Count, 1);
    return created(
      { id: record.receiptId, status: 'PENDING', version: record.version, upload },
      { Location: `/receipts/${record.receiptId}` },
    );
  }, dependencies);
}
