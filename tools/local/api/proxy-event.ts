/**
 * HTTP <-> API Gateway REST API (v1) Lambda proxy integration, as API Gateway does it: the request becomes an
 * APIGatewayProxyEvent (single- and multi-value headers and query, path parameters, the route template as
 * `resource`, binary media types base64-encoded, authorizer claims), and the handler's result becomes the HTTP
 * response (base64 bodies decoded, multi-value headers expanded).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayEventIdentity, APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { type GatewayError, gatewayErrorBody } from '../../../functions/api/gateway-errors.js';

/** The API's binaryMediaTypes (infra/constructs/receipts-rest-api.ts). */
const BINARY_MEDIA_TYPES = [/^image\//i, /^application\/octet-stream\b/i, /^application\/pdf\b/i];

export const LOCAL_STAGE = 'local';

export interface ProxyEventInput {
  request: IncomingMessage;
  url: URL;
  body: Buffer;
  resource: string;
  pathParameters: Record<string, string>;
  claims?: Record<string, string>;
}

/**
 * Name/value pairs as API Gateway's single- and multi-value maps (the last value wins in the single one). Built
 * in Maps: names are the client's, and `__proto__`, `constructor` or `toString` must stay plain keys, not reach
 * Object.prototype (they once crashed the local server with a 502).
 */
function valueMaps(pairs: Iterable<[string, string]>) {
  const multi = new Map<string, string[]>();
  for (const [name, value] of pairs) multi.set(name, [...(multi.get(name) ?? []), value]);
  return {
    single: Object.fromEntries([...multi].map(([name, values]) => [name, values.at(-1) as string])),
    multi: Object.fromEntries(multi),
  };
}

function* rawHeaderPairs(raw: string[]): Generator<[string, string]> {
  for (let index = 0; index + 1 < raw.length; index += 2)
    yield [raw[index] as string, raw[index + 1] as string];
}

function headersOf(request: IncomingMessage) {
  // rawHeaders keeps the client's spelling, as API Gateway does.
  const { single, multi } = valueMaps(rawHeaderPairs(request.rawHeaders));
  return { headers: single, multiValueHeaders: multi };
}

function queryOf(url: URL) {
  const { single, multi } = valueMaps(url.searchParams);
  const empty = Object.keys(single).length === 0;
  return { single: empty ? null : single, multi: empty ? null : multi };
}

/** requestContext.identity of a caller authenticated by a user pool (no IAM, no API key), as API Gateway sends it. */
export function callerIdentity(sourceIp: string, userAgent: string | null): APIGatewayEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}

export function toProxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const { request, url, body } = input;
  const method = request.method ?? 'GET';
  const { headers, multiValueHeaders } = headersOf(request);
  const query = queryOf(url);
  const contentType = request.headers['content-type'] ?? '';
  const binary = BINARY_MEDIA_TYPES.some((pattern) => pattern.test(contentType));
  const now = Date.now();
  return {
    resource: input.resource,
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : null,
    stageVariables: null,
    body: body.length === 0 ? null : binary ? body.toString('base64') : body.toString('utf8'),
    isBase64Encoded: body.length > 0 && binary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: input.claims ? { claims: input.claims } : null,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: method,
      identity: callerIdentity(
        request.socket.remoteAddress ?? '127.0.0.1',
        request.headers['user-agent'] ?? null,
      ),
      path: `/${LOCAL_STAGE}${url.pathname}`,
      stage: LOCAL_STAGE,
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: input.resource,
    },
  };
}

export function writeProxyResult(response: ServerResponse, result: APIGatewayProxyResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, String(value));
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    response.setHeader(name, values.map(String));
  }
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body ?? '');
  response.statusCode = result.statusCode;
  response.end(body);
}

/** API Gateway's own answers, in the envelope the deployed API's gateway responses give them. */
export function gatewayResponse(error: GatewayError): APIGatewayProxyResult {
  return {
    statusCode: error.statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: gatewayErrorBody(error),
  };
}
