import { describe, expect, it } from 'vitest';
import { openApiDocumentPath } from '../../src/api/index.js';
import { describeEachStore } from '../support/stores.js';
import { call, testApp } from './api-test-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked as plain JSON
type Json = any;

const httpMethods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** Every `$ref` in the document, so that each can be resolved against the document. */
function collectRefs(value: Json, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else collectRefs(inner, found);
    }
  }
  return found;
}

function resolvePointer(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce<Json>(
      (node, part) => node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')],
      document,
    );
}

/** The structural rules of OpenAPI 3.1 that a broken generator would violate. */
function structuralProblems(document: Json): string[] {
  const problems: string[] = [];
  if (!/^3\.1\.\d+$/.test(document.openapi)) problems.push(`openapi is ${document.openapi}`);
  if (typeof document.info?.title !== 'string') problems.push('info.title missing');
  if (typeof document.info?.version !== 'string') problems.push('info.version missing');
  for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const method of Object.keys(item).filter((key) => httpMethods.includes(key))) {
      const operation = item[method];
      const where = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(operation.responses ?? {});
      if (statuses.length === 0) problems.push(`${where} has no responses`);
      for (const status of statuses) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status))
          problems.push(`${where}: status ${status}`);
        if (typeof operation.responses[status].description !== 'string') {
          problems.push(`${where} ${status} has no description`);
        }
      }
      const pathParameters = (operation.parameters ?? []).filter((p: Json) => p.in === 'path');
      for (const name of templated) {
        const parameter = pathParameters.find((p: Json) => p.name === name);
        if (parameter?.required !== true) problems.push(`${where}: {${name}} undeclared`);
      }
    }
  }
  for (const ref of collectRefs(document)) {
    if (resolvePointer(document, ref) === undefined) problems.push(`unresolved ${ref}`);
  }
  return problems;
}

describeEachStore('openapi document', (context) => {
  it('parses as OpenAPI 3.1 with a bearer security scheme', async () => {
    const response = await call(testApp(context().store), 'GET', openApiDocumentPath);
    expect(response.status).toBe(200);
    const document = response.body;
    expect(structuralProblems(document)).toEqual([]);
    const schemes = document.components.securitySchemes;
    const [schemeName] = Object.keys(schemes);
    expect(schemes[schemeName as string]).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ [schemeName as string]: [] }]);
    expect(document.paths['/healthz'].get.security).toEqual([]);
  });

  // Pages outside /v1 (preference center, forms) are HTML, not API: only they may stay out.
  it('describes every registered API route, and nothing else', async () => {
    const app = testApp(context().store);
    const document = (await call(app, 'GET', openApiDocumentPath)).body;
    const isApiRoute = (path: string) => path.startsWith('/v1/') || path === '/healthz';
    const registered = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL' && isApiRoute(route.path))
        .map((route) => `${route.method} ${route.path.replace(/:([^/]+)/g, '{$1}')}`),
    );
    const documented = new Set<string>();
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const method of Object.keys(item).filter((key) => httpMethods.includes(key))) {
        documented.add(`${method.toUpperCase()} ${path}`);
      }
    }
    expect([...registered].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !registered.has(route))).toEqual([]);
    expect(registered.size).toBeGreaterThan(30);
  });

  it('documents request bodies from the schemas that validate them', async () => {
    const document = (await call(testApp(context().store), 'GET', openApiDocumentPath)).body;
    const body = document.paths['/v1/workspace'].patch.requestBody.content['application/json'];
    const schema = body.schema.$ref ? resolvePointer(document, body.schema.$ref) : body.schema;
    expect(Object.keys((schema as Json).properties).sort()).toEqual(['name', 'time_zone']);
    expect((schema as Json).additionalProperties).toBe(false);
  });
});

describe('structuralProblems', () => {
  it('catches a broken document (so the check above can fail)', () => {
    expect(
      structuralProblems({
        openapi: '3.0.0',
        info: { title: 't' },
        paths: { '/x/{id}': { get: { responses: {} } }, y: { post: { responses: { 200: {} } } } },
        components: {},
        extra: { $ref: '#/components/schemas/Missing' },
      }),
    ).toEqual([
      'openapi is 3.0.0',
      'info.version missing',
      'GET /x/{id} has no responses',
      'GET /x/{id}: {id} undeclared',
      'path y does not start with /',
      'POST y 200 has no description',
      'unresolved #/components/schemas/Missing',
    ]);
  });
});
