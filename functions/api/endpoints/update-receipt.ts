/**
 * PATCH /receipts/{id}: the review step. Optimistic concurrency: the version the person edited comes from
 * `If-Match` (the ETag of GET /receipts/{id}) or the body's `version`; without either the request is refused with
 * 428, since an unconditional edit could silently overwrite someone else's.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toReceiptView } from '../../receipts/view.js';
import { ownerIdOf } from '../auth.js';
import { PreconditionRequiredError, ValidationError } from '../errors.js';
import { etagOf, header, ok } from '../http.js';
import { apiHandler } from '../middleware.js';
import { UpdateReceiptRequestSchema } from '../schemas.js';
import { parseBody, receiptIdParam } from '../validate.js';
import type { ReceiptHandlerDependencies } from './dependencies.js';

/** `"3"`, `W/"3"` or `3` -> 3. */
function ifMatchVersion(event: APIGatewayProxyEvent): number | undefined {
  const value = header(event, 'if-match');
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match?.[1]) {
    throw new ValidationError('If-Match must be the ETag of the receipt, e.g. "3"', [
      { path: 'header.If-Match', message: `not a receipt version: ${value}` },
    ]);
  }
  return Number(match[1]);
}

export function createUpdateReceiptHandler(dependencies: ReceiptHandlerDependencies) {
  const { service, telemetry } = dependencies;
  return apiHandler(async (event) => {
    const ownerId = ownerIdOf(event);
    const receiptId = receiptIdParam(event);
    const { version, fields, items } = parseBody(UpdateReceiptRequestSchema, event);
    const fromHeader = ifMatchVersion(event);
    if (fromHeader !== undefined && version !== undefined && fromHeader !== version) {
      throw new ValidationError('If-Match and the body "version" disagree: send one of them', [
        { path: 'body.version', message: `${version} differs from If-Match ${fromHeader}` },
      ]);
    }
    const expectedVersion = fromHeader ?? version;
    if (expectedVersion === undefined) {
      throw new PreconditionRequiredError(
        'send the version you edited: If-Match with the ETag of GET /receipts/{id}, or "version" in the body',
      );
    }
    const record = await service.correct(ownerId, receiptId, {
      expectedVersion,
      ...(fields ? { fields } : {}),
      ...(items ? { items } : {}),
    });
    telemetry.metrics.addMetric('ReceiptsCorrected', MetricUnit.Count, 1);
    return ok(toReceiptView(record), { ETag: etagOf(record.version) });
  }, dependencies);
}
