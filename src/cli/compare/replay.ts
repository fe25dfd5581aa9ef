import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RecordedResponse } from './differ';
import { RecordedRequest } from './recording';

export class BaseUrlError extends Error {}

/** `http(s)://host[:port][/prefix]`: the recorded path is appended to it. */
export function parseBaseUrl(option: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BaseUrlError(`${option} ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BaseUrlError(`${option} must be an http:// or https:// URL, not ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password)
    throw new BaseUrlError(`${option} takes a base URL without query, fragment or credentials`);
  return url;
}

export interface ReplayOptions {
  timeoutMs: number;
  maxResponseBytes: number;
}

/** Methods whose clients send no Content-Length when there is no body. */
const BODILESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE']);

/**
 * Sends the recorded bytes, headers in their recorded order and spelling,
 * with only Host (the target's) and Content-Length (the body's) set here.
 */
export function replay(
  base: URL,
  recorded: RecordedRequest,
  options: ReplayOptions,
): Promise<RecordedResponse> {
  const headers: string[] = ['Host', base.host];
  for (const [name, value] of recorded.headers) headers.push(name, value);
  if (recorded.body.length > 0 || !BODILESS.has(recorded.method))
    headers.push('Content-Length', String(recorded.body.length));
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || undefined,
        method: recorded.method,
        path: base.pathname.replace(/\/$/, '') + recorded.path,
        headers,
        setHost: false,
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxResponseBytes) {
            response.destroy(new Error(`response larger than ${options.maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < response.rawHeaders.length; i += 2)
            pairs.push([response.rawHeaders[i].toLowerCase(), response.rawHeaders[i + 1]]);
          resolve({
            status: response.statusCode ?? 0,
            headers: pairs,
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`nothing received for ${options.timeoutMs} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end(recorded.body);
  });
}
