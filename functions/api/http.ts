/** Response helpers: every API response is built here, JSON with the same headers. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' } as const;

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown, headers?: Record<string, string>) => json(200, body, headers);
export const created = (body: unknown, headers?: Record<string, string>) => json(201, body, headers);
export const accepted = (body: unknown) => json(202, body);

/** A download: the body as text, with the name a browser saves it under. */
export function attachment(body: string, contentType: string, fileName: string): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${fileName}"` },
    body,
  };
}

export function noContent(): APIGatewayProxyResult {
  return { statusCode: 204, headers: {}, body: '' };
}

/** A strong ETag for a record version: `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** A request header, whatever its case (API Gateway REST passes headers as the client sent them). */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** The raw request body as bytes (API Gateway base64-encodes binary media types). */
export function bodyBytes(event: APIGatewayProxyEvent): Buffer {
  if (event.body === null || event.body === undefined) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}
