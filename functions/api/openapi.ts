/**
 * The OpenAPI 3.1 document, generated from the route table (routes.ts) and the zod schemas (schemas.ts): nothing
 * is written twice, so the document cannot disagree with what the handlers validate. `pnpm start` serves it at
 * /openapi.json; docs/openapi.json is a committed copy
 * (tools/local/api/write-openapi.ts) that a test keeps identical.
 */
import * as z from 'zod';
import project from '../../package.json' with { type: 'json' };
import { API_ROUTES, type ApiRoute } from './routes.js';
import { ErrorResponseSchema } from './schemas.js';

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (VALIDATION_FAILED, INVALID_JSON, INVALID_CURSOR...): error.details.issues says what to fix',
  401: 'Missing or invalid token',
  404: 'No such receipt for this user (also for receipts of other users)',
  409: 'Version conflict (VERSION_CONFLICT) or a state that does not allow the request',
  410: 'The image (IMAGE_EXPIRED) or OCR output (TEXT_EXPIRED) was deleted at the end of the retention period; the record remains until it expires too',
  413: 'Too large: the image or PDF (TOO_LARGE, TOO_MANY_PIXELS, TOO_LONG, TOO_MANY_PAGES) or the export (EXPORT_TOO_LARGE: narrow the filters)',
  415: 'Unsupported Content-Type or file format',
  422: 'The file cannot be read (CORRUPT_IMAGE, CORRUPT_FILE, PDF_ENCRYPTED)',
  428: 'PATCH without If-Match or "version"',
  429: 'Too many requests: the stage or method throttle (THROTTLED, any route: retry later), or the daily receipt quota used up (QUOTA_EXCEEDED, POST /receipts: retry after the Retry-After seconds)',
  500: 'Internal error (no details: see the logs)',
};

/** Strips the per-schema keys that are meaningless (or harmful, `$id`) inside an OpenAPI document. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function jsonSchema(schema: z.ZodType): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  return clean(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}

function queryParameters(route: ApiRoute): JsonSchema[] {
  if (!route.query) return [];
  const schema = z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function pathParameters(route: ApiRoute): JsonSchema[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'Receipt id (UUID)',
  }));
}

function requestBody(route: ApiRoute): JsonSchema | undefined {
  if (route.binaryBody) {
    return {
      required: true,
      content: {
        'image/*': { schema: { type: 'string', format: 'binary' } },
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
        'application/json': {
          schema: {
            type: 'object',
            required: ['image'],
            properties: {
              image: { type: 'string', contentEncoding: 'base64' },
              contentType: { type: 'string' },
            },
          },
        },
      },
    };
  }
  if (!route.body) return undefined;
  return {
    required: route.body.required,
    content: { 'application/json': { schema: jsonSchema(route.body.schema) } },
  };
}

function responses(route: ApiRoute): JsonSchema {
  const { success } = route;
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  // API Gateway throttles every method of the deployed stage (THROTTLED), whatever the handler answers.
  const statuses = [...new Set([...route.errors, ...(route.auth ? [401] : []), 429, 500])].sort(
    (a, b) => a - b,
  );
  return {
    [success.status]: {
      description: success.description,
      ...(success.etag
        ? { headers: { ETag: { schema: { type: 'string' }, description: 'The version' } } }
        : {}),
      ...(success.schema
        ? {
            content: {
              'application/json': { schema: jsonSchema(success.schema) },
              ...(success.text
                ? {
                    [success.text.mediaType]: {
                      schema: { type: 'string', description: success.text.description },
                    },
                  }
                : {}),
            },
          }
        : {}),
    },
    ...Object.fromEntries(
      statuses.map((status) => [
        status,
        { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: errorContent },
      ]),
    ),
  };
}

function operation(route: ApiRoute): JsonSchema {
  const parameters = [
    ...pathParameters(route),
    ...queryParameters(route),
    ...(route.ifMatch
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            schema: { type: 'string' },
            description: 'ETag of the version you edited',
          },
        ]
      : []),
  ];
  const body = requestBody(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.auth ? {} : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(route),
  };
}

export function buildOpenApiDocument(): JsonSchema {
  // Register the error envelope even if no route body references it directly.
  void ErrorResponseSchema;
  const components = z.toJSONSchema(z.globalRegistry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, JsonSchema>;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'receipt-ocr API',
      version: project.version,
      description:
        'Receipt OCR: upload receipt images, read the extracted fields, correct them. Authenticate with a Cognito ID token (locally: `pnpm api-token <userId>`).',
    },
    servers: [
      {
        url: 'http://127.0.0.1:3000',
        description: 'The local stack (`npm start`, PORT); a deployed stage is at its ApiUrl stack output',
      },
    ],
    security: [{ cognito: [] }],
    paths,
    components: {
      securitySchemes: {
        // Cognito user pool authorizers read the raw ID token from Authorization (the local server also accepts
        // "Bearer <token>").
        cognito: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'Cognito user pool ID token (locally: `pnpm api-token <userId>`); the receipts owner is its `sub`',
        },
      },
      schemas: Object.fromEntries(Object.entries(components).map(([id, schema]) => [id, clean(schema)])),
    },
  };
}
