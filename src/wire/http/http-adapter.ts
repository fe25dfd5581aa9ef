import type { INestApplication } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dotnetUriString } from './dotnet-uri';

/**
 * The adapter boundary: the only place that knows what the platform's request
 * and response objects are. Express hands us Node's own objects (extended);
 * Fastify keeps them under `.raw`. Everything else in the wire layer talks to
 * these functions, so another adapter means changing this file only.
 */
type MaybeWrapped<T> = T & { raw?: T };

export function nodeRequest(request: unknown): IncomingMessage {
  const wrapped = request as MaybeWrapped<IncomingMessage>;
  return wrapped.raw ?? wrapped;
}

export function nodeResponse(response: unknown): ServerResponse {
  const wrapped = response as MaybeWrapped<ServerResponse>;
  return wrapped.raw ?? wrapped;
}

export function requestHeader(request: unknown, name: string): string | undefined {
  const value = nodeRequest(request).headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function requestMethod(request: unknown): string {
  return (nodeRequest(request).method ?? 'GET').toUpperCase();
}

/** Path without the query string, as the router matched it. */
export function requestPath(request: unknown): string {
  const url = (request as { originalUrl?: string }).originalUrl ?? nodeRequest(request).url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** `http://host/path?query` as .NET's `Uri.ToString()` prints it, as Web API's 404 message quotes it. */
export function absoluteRequestUrl(request: unknown): string {
  const node = nodeRequest(request);
  const express = request as { protocol?: string; originalUrl?: string };
  const protocol =
    express.protocol ?? ((node.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  return dotnetUriString(
    protocol,
    node.headers.host ?? 'localhost',
    express.originalUrl ?? node.url ?? '/',
  );
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Web API's `IsLocal`: the connection comes from a loopback address. A request
 * relayed by a proxy (Forwarded / X-Forwarded-For) is never local, so a proxy
 * on the same host does not make every caller local.
 */
export function isLocalRequest(request: unknown): boolean {
  const node = nodeRequest(request);
  if (node.headers['forwarded'] !== undefined || node.headers['x-forwarded-for'] !== undefined)
    return false;
  return LOOPBACK.test(node.socket?.remoteAddress ?? '');
}

/** The route pattern the router matched (`/Auth/Session`, `/api/x/:id`), or undefined when none did. */
export function routePattern(request: unknown): string | undefined {
  const express = request as { route?: { path?: string }; baseUrl?: string };
  if (express.route?.path) return `${express.baseUrl ?? ''}${express.route.path}`;
  return (request as { routeOptions?: { url?: string } }).routeOptions?.url;
}

export function headersSent(response: unknown): boolean {
  return nodeResponse(response).headersSent;
}

/** Writes a complete response; the framework's own reply step must then find nothing to do. */
export function sendBytes(
  response: unknown,
  status: number,
  contentType: string,
  body: Buffer,
  extraHeaders?: Record<string, string>,
): void {
  const res = nodeResponse(response);
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', body.length);
  if (extraHeaders) for (const name in extraHeaders) res.setHeader(name, extraHeaders[name]);
  res.end(body);
}

type RequestHook = (request: unknown, response: unknown) => void;

/**
 * Runs `hook` on every request before routing and before any middleware, on
 * either adapter: both Nest adapters keep one request-hook slot (a middleware
 * Express always has in front of its router, Fastify's first `onRequest` hook).
 */
export function onEveryRequest(app: INestApplication, hook: RequestHook): void {
  const adapter = app.getHttpAdapter() as unknown as AbstractHttpAdapter;
  adapter.setOnRequestHook((request: unknown, response: unknown, done: () => void) => {
    hook(request, response);
    done();
  });
}
