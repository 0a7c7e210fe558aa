/** API Gateway REST proxy events for handler tests, in the shape API Gateway sends (see the AWS docs sample). */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { expect } from 'vitest';
import { API_ROUTES } from '../../functions/api/routes.js';
import { callerIdentity } from '../../tools/local/api/proxy-event.js';
import { lambdaContext } from '../../tools/local/lambda-context.js';

export interface EventInput {
  method: string;
  /** Route template, e.g. /receipts/{id}. */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Objects are sent as JSON. */
  body?: unknown;
  binary?: Buffer;
  /** The authenticated user (`sub` claim); omit for no authorizer. */
  user?: string;
}

export function apiEvent(input: EventInput): APIGatewayProxyEvent {
  const path = Object.entries(input.pathParameters ?? {}).reduce(
    (result, [name, value]) => result.replace(`{${name}}`, encodeURIComponent(value)),
    input.resource,
  );
  const headers: Record<string, string> = {
    ...(input.body !== undefined && typeof input.body !== 'string'
      ? { 'Content-Type': 'application/json' }
      : {}),
    ...input.headers,
  };
  const body =
    input.binary !== undefined
      ? input.binary.toString('base64')
      : input.body === undefined
        ? null
        : typeof input.body === 'string'
          ? input.body
          : JSON.stringify(input.body);
  const query = input.query ?? {};
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters:
      Object.keys(query).length > 0
        ? Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]]))
        : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: input.binary !== undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'test',
      authorizer: input.user
        ? { claims: { sub: input.user, 'cognito:username': input.user, token_use: 'id' } }
        : null,
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      identity: callerIdentity('127.0.0.1', 'vitest'),
      path: `/test${path}`,
      stage: 'test',
      requestId: 'request-id',
      requestTimeEpoch: Date.now(),
      resourceId: 'resource',
      resourcePath: input.resource,
    },
  };
}

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Response<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as parsed JSON; the route schemas check them
export async function call<T = any>(handler: ProxyHandler, input: EventInput): Promise<Response<T>> {
  const result = await handler(apiEvent(input), lambdaContext('api-test'));
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  const response = {
    status: result.statusCode,
    headers,
    body: !result.body
      ? undefined
      : /^application\/json\b/.test(headers['content-type'] ?? '')
        ? JSON.parse(result.body)
        : result.body,
  };
  expectDocumented(input.method, input.resource, response);
  return response;
}

/**
 * Every response a test sees must be one the route table (hence the OpenAPI document) declares: the success
 * status with a body matching its schema, or a declared error status with the error envelope.
 */
export function expectDocumented(method: string, resource: string, response: Response): void {
  const route = API_ROUTES.find((candidate) => candidate.method === method && candidate.path === resource);
  expect(route, `${method} ${resource} is in the route table`).toBeDefined();
  if (!route) return;
  if (response.status === route.success.status) {
    const text = route.success.text;
    if (text && response.headers['content-type']?.startsWith(text.mediaType)) {
      expect(typeof response.body).toBe('string');
      return;
    }
    if (route.success.schema) route.success.schema.parse(response.body);
    else expect(response.body).toBeUndefined();
    return;
  }
  const declared = [...route.errors, ...(route.auth ? [401] : []), 500];
  expect(declared, `${method} ${resource} declares ${response.status}`).toContain(response.status);
  expect(response.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}
