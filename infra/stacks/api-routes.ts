import { API_ROUTES, type ApiRoute } from '../../functions/api/routes.js';
import type { HttpMethod, RequestModel } from '../constructs/receipts-rest-api.js';
import type { TableAccess } from '../constructs/table-grants.js';
import { gatewayModelSchema } from './request-models.js';

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
    readonly model?: RequestModel;
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
 * The model API Gateway checks a route's JSON body against before the function runs: the handler's own schema,
 * for routes that require a body (an optional body may be empty, which no model accepts).
 */
function requestModel(route: ApiRoute): RequestModel | undefined {
  if (!route.body?.required) return undefined;
  const name = `${route.operationId.charAt(0).toUpperCase()}${route.operationId.slice(1)}Model`;
  return { name, schema: gatewayModelSchema(route.body.schema) };
}

/** The routes an entry file serves, from the one route table (functions/api/routes.ts). */
function routesOf(entry: string): ApiHandlerSpec['routes'] {
  const routes = API_ROUTES.filter((route) => route.entry === entry);
  if (routes.length === 0) throw new Error(`no route in functions/api/routes.ts is served by ${entry}`);
  return routes.map((route) => {
    const model = requestModel(route);
    return {
      method: route.method,
      path: route.path,
      ...(route.auth ? {} : { public: true }),
      ...(model === undefined ? {} : { model }),
    };
  });
}

/** A handler function: the routes of its entry file plus exactly the access they need. */
function handler(spec: Omit<ApiHandlerSpec, 'routes'>): ApiHandlerSpec {
  return { ...spec, routes: routesOf(spec.entry) };
}

/**
 * The API's handler table: which function serves which entry file, with which grants. The routes themselves come
 * from functions/api/routes.ts (the handlers' and the OpenAPI document's table). Adding a route family = a route
 * there and a row here.
 */
export const API_HANDLERS: readonly ApiHandlerSpec[] = [
  handler({
    id: 'Health',
    entry: 'functions/api/handlers/health.ts',
  }),
  handler({
    id: 'CreateReceipt',
    entry: 'functions/api/handlers/create-receipt.ts',
    // The PENDING record, and the conditional update of the owner's daily quota counter.
    table: ['PutItem', 'UpdateItem'],
    // The presigned POST is signed with this function's credentials: it may only put under the upload prefix.
    objects: { write: ['uploads'] },
  }),
  handler({
    id: 'ListReceipts',
    entry: 'functions/api/handlers/list-receipts.ts',
    // The index holds keys and filter attributes; the page's records are read from the table in one batch.
    table: ['QueryOwnerIndex', 'BatchGetItem'],
  }),
  handler({
    id: 'ReadReceipt',
    entry: 'functions/api/handlers/read-receipt.ts',
    table: ['GetItem'],
    // A receipt whose OCR output or image is gone must read as 404, not as S3's 403.
    objects: { read: ['uploads', 'results'], list: true },
  }),
  handler({
    id: 'UpdateReceipt',
    entry: 'functions/api/handlers/update-receipt.ts',
    table: ['GetItem', 'PutItem'],
  }),
  handler({
    id: 'DeleteReceipt',
    entry: 'functions/api/handlers/delete-receipt.ts',
    table: ['GetItem', 'DeleteItem'],
    // A plain delete leaves a delete marker; the bucket purges noncurrent versions after a few days.
    objects: { delete: ['uploads', 'results'] },
  }),
  handler({
    id: 'ReprocessReceipt',
    entry: 'functions/api/handlers/reprocess-receipt.ts',
    // Reads the record; the pipeline writes it when the message arrives.
    // The reprocess mark is a conditional write on the record (one run at a time).
    table: ['GetItem', 'PutItem'],
    // Looks the image up first, so an expired one is answered 410 IMAGE_EXPIRED instead of a FAILED run.
    objects: { read: ['uploads'], list: true },
    sendsToOcrQueue: true,
  }),
];
