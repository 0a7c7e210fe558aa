/**
 * The local REST API: an HTTP server on 127.0.0.1 that plays API Gateway for the real handler modules (the same
 * files Lambda runs, loaded with the same environment). For each request it matches the route table, plays the
 * Cognito authorizer with the local JWT verifier, builds the proxy event, invokes the handler and maps the result
 * back. API Gateway's own answers are those of the deployed API's gateway responses (functions/api/gateway-errors.ts):
 * 401 without a valid token, 404 for an unknown route, 413 above its 10 MB payload limit, 502 when a handler
 * throws, all as `{"error":{"code","message"}}`.
 * It also serves the OpenAPI document at /openapi.json, when given the review page at / (web.ts), and when given
 * the local event bus the signed-in user's settled receipts at /local/events (event-stream.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import {
  INTEGRATION_FAILED,
  REQUEST_TOO_LARGE,
  UNAUTHORIZED,
  UNKNOWN_ROUTE,
} from '../../../functions/api/gateway-errors.js';
import type { ApiRoute } from '../../../functions/api/routes.js';
import { lambdaContext } from '../lambda-context.js';
import { LOCAL_HOST, listenError } from '../servers.js';
import { type EventSource, LOCAL_EVENTS_PATH, streamOwnerEvents } from './event-stream.js';
import { type LocalSigner, localSigner } from './jwt.js';
import { gatewayResponse, toProxyEvent, writeProxyResult } from './proxy-event.js';
import { type MessageSink, startLocalSqsEndpoint } from './sqs-endpoint.js';
import type { WebResponder } from './web.js';

/** API Gateway REST APIs refuse payloads above 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const REPO_ROOT = resolve(import.meta.dirname, '../../..');

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
interface HandlerModule {
  handler: ProxyHandler;
  shutdown?: () => Promise<void>;
}

export interface LocalApiOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Where the development signing key lives (`api-jwt-key.json`). */
  dataDir: string;
  /** The handlers' environment (the local stack's `env`: bucket, table, endpoints, credentials). */
  env: Record<string, string>;
  /** Where reprocess messages go: the local stack's queue in front of the OCR handler. */
  queue: MessageSink;
  /** One line per request (default: none). */
  log?: (line: string) => void;
  /** The review page, served at `/` (web.ts), given the API's token signer; none by default. */
  web?: (signer: LocalSigner) => WebResponder;
  /** The local event bus: `GET /local/events` streams the caller's settled receipts; none by default. */
  events?: EventSource;
}

export interface LocalApi {
  url: string;
  port: number;
  /** The SQS stand-in in front of the stack's queue (SendMessage only): endpoint and queue URL. */
  sqsEndpoint: string;
  queueUrl: string;
  signer: LocalSigner;
  close(): Promise<void>;
}

class PayloadTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) throw new PayloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function bearerToken(request: IncomingMessage): string | undefined {
  const value = request.headers.authorization?.trim();
  if (!value) return undefined;
  // Cognito authorizers take the raw token; accept the common "Bearer " prefix too.
  return value.replace(/^Bearer\s+/i, '');
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const signer = await localSigner(options.dataDir);
  const web = options.web?.(signer);
  const sqs = await startLocalSqsEndpoint({ sink: options.queue, queueName: 'receipts-ocr-local' });
  // Handler modules read their configuration at import, as in Lambda: the environment comes first.
  Object.assign(process.env, options.env, {
    OCR_QUEUE_URL: sqs.queueUrl,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
  });
  const { API_ROUTES, matchRoute, methodsAt } = await import('../../../functions/api/routes.js');
  const { buildOpenApiDocument } = await import('../../../functions/api/openapi.js');
  const { loadApiConfig } = await import('../../../functions/commons/config.js');
  const corsAllowedOrigins = loadApiConfig().corsAllowedOrigins;
  const openApi = JSON.stringify(buildOpenApiDocument());

  const modules = new Map<string, Promise<HandlerModule>>();
  const load = (entry: string): Promise<HandlerModule> => {
    let module = modules.get(entry);
    if (!module) {
      module = import(pathToFileURL(resolve(REPO_ROOT, entry)).href) as Promise<HandlerModule>;
      modules.set(entry, module);
    }
    return module;
  };
  // Load the API handlers now so a configuration error shows at start; POST /ocr loads an OCR engine, so it
  // waits for its first request.
  await Promise.all(API_ROUTES.filter((route) => !route.binaryBody).map((route) => load(route.entry)));

  function preflight(request: IncomingMessage, methods: string[]): APIGatewayProxyResult {
    const origin = request.headers.origin;
    const allowed = origin !== undefined && corsAllowedOrigins.includes(origin);
    return {
      statusCode: 204,
      headers: allowed
        ? {
            'Access-Control-Allow-Origin': origin,
            'Access-Control-Allow-Credentials': 'true',
            'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(','),
            'Access-Control-Allow-Headers': 'Authorization,Content-Type,If-Match',
            Vary: 'Origin',
          }
        : {},
      body: '',
    };
  }

  async function invoke(
    request: IncomingMessage,
    url: URL,
    body: Buffer,
    match: { route: ApiRoute; pathParameters: Record<string, string> },
  ): Promise<APIGatewayProxyResult> {
    let claims: Record<string, string> | undefined;
    if (match.route.auth) {
      const token = bearerToken(request);
      if (!token) return gatewayResponse(UNAUTHORIZED);
      try {
        claims = await signer.verify(token);
      } catch {
        return gatewayResponse(UNAUTHORIZED);
      }
    }
    const event = toProxyEvent({
      request,
      url,
      body,
      resource: match.route.path,
      pathParameters: match.pathParameters,
      ...(claims ? { claims } : {}),
    });
    const module = await load(match.route.entry);
    return module.handler(event, lambdaContext(`receipt-ocr-local-${match.route.operationId}`, 29_000));
  }

  async function respond(request: IncomingMessage): Promise<APIGatewayProxyResult> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof PayloadTooLarge) return gatewayResponse(REQUEST_TOO_LARGE);
      throw error;
    }
    if (method === 'GET' && url.pathname === '/openapi.json') {
      return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: openApi };
    }
    if (method === 'GET' && web) {
      const page = await web(url.pathname);
      if (page) return page;
    }
    const methods = methodsAt(url.pathname);
    if (method === 'OPTIONS' && methods.length > 0) return preflight(request, methods);
    const match = matchRoute(method, url.pathname);
    if (!match) return gatewayResponse(UNKNOWN_ROUTE);
    return invoke(request, url, body, match);
  }

  /** The event stream (a token in the header, or `?token=` for a browser's EventSource, which sends no headers). */
  async function subscribe(
    request: IncomingMessage,
    url: URL,
    response: ServerResponse,
    events: EventSource,
  ) {
    const token = bearerToken(request) ?? url.searchParams.get('token') ?? undefined;
    const claims = token === undefined ? undefined : await signer.verify(token).catch(() => undefined);
    if (claims?.sub === undefined) {
      writeProxyResult(response, gatewayResponse(UNAUTHORIZED));
      return;
    }
    options.log?.(`GET ${LOCAL_EVENTS_PATH} -> event stream for ${claims.sub}`);
    streamOwnerEvents(request, response, events, claims.sub);
  }

  const log = options.log;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (options.events && request.method === 'GET' && url.pathname === LOCAL_EVENTS_PATH) {
      void subscribe(request, url, response, options.events);
      return;
    }
    const started = performance.now();
    respond(request)
      .catch((error: unknown) => {
        // A handler that throws instead of answering: API Gateway's 502, the cause on this console only.
        console.error('local API: handler failed', error);
        return gatewayResponse(INTEGRATION_FAILED);
      })
      .then((result) => {
        writeProxyResult(response, result);
        log?.(
          `${request.method} ${request.url} -> ${result.statusCode} (${Math.round(performance.now() - started)} ms)`,
        );
      });
  });
  const wanted = options.port ?? 3000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (error) => {
      void sqs.close();
      reject(listenError(error, wanted, 'PORT'));
    });
    server.listen(wanted, LOCAL_HOST, () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOCAL_HOST}:${port}`,
    port,
    sqsEndpoint: sqs.endpoint,
    queueUrl: sqs.queueUrl,
    signer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      await sqs.close();
      for (const module of modules.values()) {
        const loaded = await module.catch(() => undefined);
        await loaded?.shutdown?.();
      }
    },
  };
}
