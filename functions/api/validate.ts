/**
 * Request parsing against the zod schemas. Each problem becomes an issue with its location (`body.fields.total`,
 * `query.limit`), so a 400 says exactly what to fix.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { UnsupportedMediaTypeError, ValidationError, type ValidationIssue } from './errors.js';
import { bodyBytes, header } from './http.js';

type Location = 'body' | 'query' | 'path' | 'header';

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, location: Location): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  throw new ValidationError(
    first ? `invalid request: ${first.path}: ${first.message}` : `invalid request ${location}`,
    issues,
  );
}

/** The JSON body, or undefined when there is none (schemas decide whether a body is required). */
export function jsonBody(event: APIGatewayProxyEvent): unknown {
  const bytes = bodyBytes(event);
  if (bytes.length === 0) return undefined;
  const type = header(event, 'content-type');
  if (type !== undefined && !/^application\/json\b/i.test(type)) {
    throw new UnsupportedMediaTypeError(`send the body as application/json (got ${type})`);
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ValidationError('the body is not valid JSON', [], 'INVALID_JSON');
  }
}

export function parseBody<T extends z.ZodType>(
  schema: T,
  event: APIGatewayProxyEvent,
  options: { optional?: boolean } = {},
): z.infer<T> {
  const body = jsonBody(event);
  return parseWith(schema, body === undefined && options.optional ? {} : body, 'body');
}

export function parseQuery<T extends z.ZodType>(schema: T, event: APIGatewayProxyEvent): z.infer<T> {
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {}).find(
    ([, values]) => (values?.length ?? 0) > 1,
  );
  if (repeated) {
    throw new ValidationError(`query parameter "${repeated[0]}" is repeated: send it once`, [
      { path: `query.${repeated[0]}`, message: 'repeated' },
    ]);
  }
  return parseWith(schema, event.queryStringParameters ?? {}, 'query');
}

/** The `{id}` path parameter (API Gateway guarantees it is present on these routes). */
export function receiptIdParam(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.id;
  if (!id) throw new ValidationError('the receipt id is missing from the path');
  return id;
}
