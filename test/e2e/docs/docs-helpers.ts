import request from 'supertest';
import { TestApp } from '@test/support/test-app';

/** `METHOD /path/{param}` of every route Express serves, from its router (the app's real route table). */
export function servedRoutes(testApp: TestApp): string[] {
  const express = testApp.app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    const route = layer.route;
    // Catch-alls (`/{*path}`) are middleware mounts, not routes; SwaggerModule's own are the docs
    // themselves, and `/admin/` is the admin console's page (static files, not an API route).
    if (!route || route.path.includes('*') || /^\/(docs|admin\/)/i.test(route.path)) continue;
    const methods = Object.keys(route.methods).filter((method) => route.methods[method]);
    for (const method of methods)
      routes.add(`${method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...routes].sort();
}

/** The HTML text of a tag's content, entities decoded. */
export function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The request or response samples of a Help page by media type
 * (`{ 'application/json': text, ... }`; null: "Sample not available.").
 */
export function pageSamples(
  page: string,
  direction: 'request' | 'response',
): Record<string, string | null> {
  const [request, response] = page.split('<h2 id="response-information">');
  const html = direction === 'request' ? request : response;
  const samples: Record<string, string | null> = {};
  const block = /<div class="sample-content" data-media-types="([^"]+)">([\s\S]*?)<\/div>/g;
  for (const match of html.matchAll(block)) {
    const pre = /<pre class="wrapped">([\s\S]*?)<\/pre>/.exec(match[2]);
    for (const type of match[1].split(' ')) samples[type] = pre ? unescapeHtml(pre[1]) : null;
  }
  return samples;
}

/** Removes the indentation a pretty-printer adds between JSON tokens (strings kept exactly). */
export function compactJson(pretty: string): string {
  let out = '';
  for (let i = 0; i < pretty.length; i++) {
    const char = pretty[i];
    if (char === '"') {
      let end = i + 1;
      while (pretty[end] !== '"') end += pretty[end] === '\\' ? 2 : 1;
      out += pretty.slice(i, end + 1);
      i = end;
    } else if (char === ':' && pretty[i + 1] === ' ') {
      out += ':';
      i++;
    } else if (char !== '\n' && char !== ' ') out += char;
  }
  return out;
}

/** A browser-like GET (no token). */
export function getHelp(testApp: TestApp, path: string): request.Test {
  return request(testApp.server).get(path).set('Accept', 'text/html,*/*;q=0.8');
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A schema with every `#/components/schemas/...` reference replaced by what it names. */
export function inlineRefs(document: Json, schema: unknown): Json {
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    const ref = (value as Json).$ref;
    if (typeof ref === 'string')
      return resolve(document.components.schemas[ref.replace('#/components/schemas/', '')]);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
  };
  return resolve(schema) as Json;
}
