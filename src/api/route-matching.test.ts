import { describe, expect, it } from 'vitest';
import { allowedMethods, routePatternToRegExp } from './route-matching.js';

const routes = [
  { method: 'ALL', path: '/v1/*' },
  { method: 'GET', path: '/v1/contacts' },
  { method: 'POST', path: '/v1/contacts' },
  { method: 'GET', path: '/v1/contacts/:id' },
  { method: 'PATCH', path: '/v1/contacts/:id' },
  { method: 'DELETE', path: '/v1/contacts/:id' },
  { method: 'POST', path: '/v1/contacts/:id/tags' },
  { method: 'GET', path: '/p/*' },
];

describe('allowedMethods', () => {
  it.each([
    { description: 'collection', path: '/v1/contacts', expected: ['GET', 'HEAD', 'POST'] },
    { description: 'item', path: '/v1/contacts/12', expected: ['DELETE', 'GET', 'HEAD', 'PATCH'] },
    { description: 'nested', path: '/v1/contacts/12/tags', expected: ['POST'] },
    { description: 'wildcard page', path: '/p/abc/def', expected: ['GET', 'HEAD'] },
    { description: 'unknown path (middleware does not count)', path: '/v1/unknown', expected: [] },
    { description: 'too deep', path: '/v1/contacts/12/tags/x', expected: [] },
  ])('$description', ({ path, expected }) => {
    expect(allowedMethods(routes, path)).toEqual(expected);
  });
});

describe('routePatternToRegExp', () => {
  it('treats dots in paths literally', () => {
    const pattern = routePatternToRegExp('/openapi.json');
    expect(pattern.test('/openapi.json')).toBe(true);
    expect(pattern.test('/openapiXjson')).toBe(false);
  });
});
