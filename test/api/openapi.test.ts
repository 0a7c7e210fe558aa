/**
 * The OpenAPI document, the API's route table, the local server's router and the CDK handler table must describe
 * the same routes: a route added, removed or renamed in one of them, or a schema changed without regenerating
 * docs/openapi.json, fails here.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/api/openapi.js';
import { API_ROUTES, matchRoute } from '../../functions/api/routes.js';
import { API_HANDLERS } from '../../infra/stacks/api-routes.js';
import { OPENAPI_FILE } from '../../tools/local/api/write-openapi.js';

type Operation = {
  operationId: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  parameters?: { name: string; in: string }[];
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const document = buildOpenApiDocument() as unknown as Document;
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('route table vs OpenAPI document', () => {
  it('has exactly the routes of the route table, with their operation ids', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, operation]) => `${key(method, path)} ${operation.operationId}`,
      ),
    );
    const routed = API_ROUTES.map((route) => `${key(route.method, route.path)} ${route.operationId}`);
    expect(documented.sort()).toEqual(routed.sort());
  });

  it('documents each success status and schema, and auth on every route but /health', () => {
    for (const route of API_ROUTES) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, key(route.method, route.path)).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toContain(String(route.success.status));
      expect(operation?.security === undefined).toBe(route.auth);
      if (route.auth) expect(Object.keys(operation?.responses ?? {})).toContain('401');
      for (const status of route.errors)
        expect(Object.keys(operation?.responses ?? {})).toContain(String(status));
    }
  });

  it('documents every query parameter the handlers accept', () => {
    const list = document.paths['/receipts']?.get;
    expect(list?.parameters?.map((parameter) => parameter.name).sort()).toEqual(
      ['cursor', 'from', 'limit', 'merchant', 'status', 'to'].sort(),
    );
  });

  it('resolves every $ref to a component schema', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(Object.keys(document.components.schemas)).toContain(ref);
  });

  it('is committed as docs/openapi.json, identical to what the code generates', async () => {
    const committed = JSON.parse(await readFile(OPENAPI_FILE, 'utf8'));
    // JSON round trip: the generated document as it would be written.
    const generated = JSON.parse(JSON.stringify(buildOpenApiDocument()));
    expect(committed, 'regenerate: pnpm exec tsx tools/local/api/write-openapi.ts').toEqual(generated);
  });
});

describe('route table vs the local router and the CDK handler table', () => {
  it('the local router sends each documented path to its route', () => {
    for (const route of API_ROUTES) {
      const path = route.path.replace('{id}', '0b6f5c1e-3f5a-4c9e-9d3a-1c2b3d4e5f60');
      const match = matchRoute(route.method, path);
      expect(match?.route.operationId, key(route.method, route.path)).toBe(route.operationId);
      if (route.path.includes('{id}'))
        expect(match?.pathParameters).toEqual({ id: '0b6f5c1e-3f5a-4c9e-9d3a-1c2b3d4e5f60' });
    }
    expect(matchRoute('PUT', '/receipts')).toBeUndefined();
    expect(matchRoute('GET', '/receipts/a/b/c')).toBeUndefined();
  });

  it('deploys every route from the entry file that serves it (POST /ocr on the OCR image)', () => {
    const deployed = API_HANDLERS.flatMap((spec) =>
      spec.routes.map((route) => ({
        route: key(route.method, route.path),
        entry: spec.entry,
        auth: !route.public,
      })),
    );
    deployed.push({ route: 'POST /ocr', entry: 'functions/api/image-handlers/sync-ocr.ts', auth: true });
    const routed = API_ROUTES.map((route) => ({
      route: key(route.method, route.path),
      entry: route.entry,
      auth: route.auth,
    }));
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(deployed.sort(byRoute)).toEqual(routed.sort(byRoute));
  });

  it('each entry file exports the handler Lambda calls', async () => {
    for (const entry of new Set(API_ROUTES.map((route) => route.entry))) {
      const source = await readFile(resolve(import.meta.dirname, '../..', entry), 'utf8');
      expect(source, entry).toMatch(/^export const handler = /m);
    }
  });
});
