import type { HttpMethod, RequestModelName } from '../constructs/receipts-rest-api.js';
import type { TableAccess } from '../constructs/table-grants.js';

/** Which key prefix of the receipts bucket (resolved from the stage settings). */
export type PrefixName = 'uploads' | 'results';

/** One API handler function: its entry file, its routes and exactly the access those routes need. */
export interface ApiHandlerSpec {
  /** Construct id. */
  readonly id: string;
  /** Entry file relative to the repository root; exports `handler`. */
  readonly entry: string;
  readonly routes: ReadonlyArray<{
    readonly method: HttpMethod;
    readonly path: string;
    readonly public?: boolean;
    readonly model?: RequestModelName;
  }>;
  /** Exactly the DynamoDB calls the routes make (the repository's get/put/delete, the owner-index query). */
  readonly table?: readonly TableAccess[];
  /** S3 object access by prefix. */
  readonly objects?: {
    readonly read?: readonly PrefixName[];
    readonly write?: readonly PrefixName[];
    readonly delete?: readonly PrefixName[];
    /** May list the bucket (a missing key then reads as 404, not 403). */
    readonly list?: boolean;
  };
  /** May send messages to the OCR queue. */
  readonly sendsToOcrQueue?: boolean;
}

/**
 * The API's handler table. Adding a route family = adding a row; the stack creates the function, the routes and
 * the grants from it.
 */
export const API_HANDLERS: readonly ApiHandlerSpec[] = [
  {
    id: 'Health',
    entry: 'functions/api/handlers/health.ts',
    routes: [{ method: 'GET', path: '/health', public: true }],
  },
  {
    id: 'CreateReceipt',
    entry: 'functions/api/handlers/create-receipt.ts',
    routes: [{ method: 'POST', path: '/receipts', model: 'createReceipt' }],
    // The PENDING record, and the conditional update of the owner's daily quota counter.
    table: ['PutItem', 'UpdateItem'],
    // The presigned POST is signed with this function's credentials: it may only put under the upload prefix.
    objects: { write: ['uploads'] },
  },
  {
    id: 'ListReceipts',
    entry: 'functions/api/handlers/list-receipts.ts',
    routes: [
      { method: 'GET', path: '/receipts' },
      { method: 'GET', path: '/receipts/export' },
    ],
    // The index holds keys and filter attributes; the page's records are read from the table in one batch.
    table: ['QueryOwnerIndex', 'BatchGetItem'],
  },
  {
    id: 'ReadReceipt',
    entry: 'functions/api/handlers/read-receipt.ts',
    routes: [
      { method: 'GET', path: '/receipts/{id}' },
      { method: 'GET', path: '/receipts/{id}/text' },
      { method: 'GET', path: '/receipts/{id}/image' },
    ],
    table: ['GetItem'],
    // A receipt whose OCR output or image is gone must read as 404, not as S3's 403.
    objects: { read: ['uploads', 'results'], list: true },
  },
  {
    id: 'UpdateReceipt',
    entry: 'functions/api/handlers/update-receipt.ts',
    routes: [{ method: 'PATCH', path: '/receipts/{id}', model: 'updateReceipt' }],
    table: ['GetItem', 'PutItem'],
  },
  {
    id: 'DeleteReceipt',
    entry: 'functions/api/handlers/delete-receipt.ts',
    routes: [{ method: 'DELETE', path: '/receipts/{id}' }],
    table: ['GetItem', 'DeleteItem'],
    // A plain delete leaves a delete marker; the bucket purges noncurrent versions after a few days.
    objects: { delete: ['uploads', 'results'] },
  },
  {
    id: 'ReprocessReceipt',
    entry: 'functions/api/handlers/reprocess-receipt.ts',
    routes: [{ method: 'POST', path: '/receipts/{id}/reprocess' }],
    // Reads the record; the pipeline writes it when the message arrives.
    // The reprocess mark is a conditional write on the record (one run at a time).
    table: ['GetItem', 'PutItem'],
    // Looks the image up first, so an expired one is answered 410 IMAGE_EXPIRED instead of a FAILED run.
    objects: { read: ['uploads'], list: true },
    sendsToOcrQueue: true,
  },
];
