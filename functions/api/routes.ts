/**
 * The route table of the REST API: method, path template, the Lambda entry that serves it, and
 * its request/response schemas. The OpenAPI document is generated from it, the local API server dispatches with
 * it, and a test checks it against the CDK handler table and the document, so a route cannot drift silently.
 */
import type { z } from 'zod';
import {
  CreateReceiptRequestSchema,
  CreateReceiptResponseSchema,
  ExportReceiptsQuerySchema,
  HealthResponseSchema,
  ImageUrlSchema,
  ListReceiptsQuerySchema,
  OcrResponseSchema,
  ReceiptExportSchema,
  ReceiptPageSchema,
  ReceiptSchema,
  ReceiptTextSchema,
  ReprocessRequestSchema,
  ReprocessResponseSchema,
  UpdateReceiptRequestSchema,
} from './schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  method: HttpMethod;
  /** API Gateway resource path, `{name}` for path parameters. */
  path: string;
  /** Repository-relative module exporting `handler`. */
  entry: string;
  operationId: string;
  summary: string;
  /** False only for /health: every other route needs a user token. */
  auth: boolean;
  body?: { schema: z.ZodType; required: boolean };
  /** Raw image bodies (POST /ocr). */
  binaryBody?: boolean;
  query?: z.ZodObject | z.ZodType;
  /** If-Match is read by the handler (PATCH). */
  ifMatch?: boolean;
  /** The success response: status and schema (none for 204). */
  success: {
    status: number;
    description: string;
    schema?: z.ZodType;
    etag?: boolean;
    /** A text representation the client may ask for instead of JSON (the export's `format=csv`). */
    text?: { mediaType: string; description: string };
  };
  /** Error statuses the route can answer besides 401 and 500. */
  errors: number[];
}

const RECEIPT_BY_ID = '/receipts/{id}';

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/health',
    entry: 'functions/api/handlers/health.ts',
    operationId: 'getHealth',
    summary: 'Liveness, with the service and OCR engine versions',
    auth: false,
    success: { status: 200, description: 'The service is up', schema: HealthResponseSchema },
    errors: [],
  },
  {
    method: 'POST',
    path: '/receipts',
    entry: 'functions/api/handlers/create-receipt.ts',
    operationId: 'createReceipt',
    summary: 'Create a PENDING receipt and a presigned POST to upload its image',
    auth: true,
    body: { schema: CreateReceiptRequestSchema, required: true },
    success: {
      status: 201,
      description: 'Upload the image with the form',
      schema: CreateReceiptResponseSchema,
    },
    errors: [400, 415, 429],
  },
  {
    method: 'GET',
    path: '/receipts',
    entry: 'functions/api/handlers/list-receipts.ts',
    operationId: 'listReceipts',
    summary: "The caller's receipts, newest first",
    auth: true,
    query: ListReceiptsQuerySchema,
    success: { status: 200, description: 'One page of receipts', schema: ReceiptPageSchema },
    errors: [400],
  },
  {
    // Before /receipts/{id}: the local router takes the first match, API Gateway prefers the literal segment.
    method: 'GET',
    path: '/receipts/export',
    entry: 'functions/api/handlers/list-receipts.ts',
    operationId: 'exportReceipts',
    summary: 'Every receipt matching the filters with its effective values (corrections win), as CSV or JSON',
    auth: true,
    query: ExportReceiptsQuerySchema,
    success: {
      status: 200,
      description: 'The export (format=json); Content-Disposition names the file',
      schema: ReceiptExportSchema,
      text: {
        mediaType: 'text/csv',
        description:
          'format=csv (the default): a header row, then one row per receipt; columns id, status, createdAt, fileName, the receipt fields, itemCount, correctedFields, confidence, errorCode',
      },
    },
    errors: [400, 413],
  },
  {
    method: 'GET',
    path: RECEIPT_BY_ID,
    entry: 'functions/api/handlers/read-receipt.ts',
    operationId: 'getReceipt',
    summary: 'One receipt: engine values, corrections and effective values',
    auth: true,
    success: { status: 200, description: 'The receipt', schema: ReceiptSchema, etag: true },
    errors: [404],
  },
  {
    method: 'GET',
    path: `${RECEIPT_BY_ID}/text`,
    entry: 'functions/api/handlers/read-receipt.ts',
    operationId: 'getReceiptText',
    summary: 'The full OCR output (text, lines, words with boxes)',
    auth: true,
    success: { status: 200, description: 'The OCR output', schema: ReceiptTextSchema },
    errors: [404, 410],
  },
  {
    method: 'GET',
    path: `${RECEIPT_BY_ID}/image`,
    entry: 'functions/api/handlers/read-receipt.ts',
    operationId: 'getReceiptImage',
    summary: 'A short-lived presigned GET URL of the image',
    auth: true,
    success: { status: 200, description: 'The image URL', schema: ImageUrlSchema },
    errors: [404, 410],
  },
  {
    method: 'PATCH',
    path: RECEIPT_BY_ID,
    entry: 'functions/api/handlers/update-receipt.ts',
    operationId: 'updateReceipt',
    summary: 'Correct fields and items (review); needs If-Match or "version"',
    auth: true,
    body: { schema: UpdateReceiptRequestSchema, required: true },
    ifMatch: true,
    success: {
      status: 200,
      description: 'The corrected receipt (REVIEWED)',
      schema: ReceiptSchema,
      etag: true,
    },
    errors: [400, 404, 409, 415, 428],
  },
  {
    method: 'DELETE',
    path: RECEIPT_BY_ID,
    entry: 'functions/api/handlers/delete-receipt.ts',
    operationId: 'deleteReceipt',
    summary: 'Delete the record, the image and the OCR output',
    auth: true,
    success: { status: 204, description: 'Deleted' },
    errors: [404],
  },
  {
    method: 'POST',
    path: `${RECEIPT_BY_ID}/reprocess`,
    entry: 'functions/api/handlers/reprocess-receipt.ts',
    operationId: 'reprocessReceipt',
    summary: 'Run OCR again on the stored image (keeps corrections unless keepCorrections is false)',
    auth: true,
    body: { schema: ReprocessRequestSchema, required: false },
    success: { status: 202, description: 'Queued; poll the receipt', schema: ReprocessResponseSchema },
    errors: [400, 404, 409, 410, 415],
  },
  {
    method: 'POST',
    path: '/ocr',
    entry: 'functions/api/image-handlers/sync-ocr.ts',
    operationId: 'ocrImage',
    summary: 'Synchronous OCR of a small image in the body; nothing is stored',
    auth: true,
    binaryBody: true,
    success: {
      status: 200,
      description: 'The engine result of the largest receipt, and of each other receipt in the image',
      schema: OcrResponseSchema,
    },
    errors: [400, 413, 415, 422],
  },
];

/** A malformed escape (`%E0%A4%A`) stays as sent: the handler then answers 404 for an id that cannot exist. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route serving `method path`, with its path parameters; undefined when none does. */
export function matchRoute(
  method: string,
  path: string,
): { route: ApiRoute; pathParameters: Record<string, string> } | undefined {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  for (const route of API_ROUTES) {
    if (route.method !== method) continue;
    const template = route.path.split('/').filter((segment) => segment.length > 0);
    if (template.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matches = template.every((part, index) => {
      const segment = segments[index] ?? '';
      const parameter = /^\{(\w+)\}$/.exec(part)?.[1];
      if (parameter) {
        pathParameters[parameter] = safeDecode(segment);
        return true;
      }
      return part === segment;
    });
    if (matches) return { route, pathParameters };
  }
  return undefined;
}

/** Methods served at a path (for 405 vs 404 locally). */
export function methodsAt(path: string): HttpMethod[] {
  return (['GET', 'POST', 'PATCH', 'DELETE'] as const).filter((method) => matchRoute(method, path));
}
