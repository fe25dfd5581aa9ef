import { Inject, Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { currentRequestId } from '@/platform/request-context/request-context';
import { LegacyVerdict, readLegacyLoginAnswer, REFUSED, unavailable } from './legacy-login-answer';

/** A UserSessionDTO is about a kilobyte; anything much larger is not one. */
export const LEGACY_ANSWER_MAX_BYTES = 64 * 1024;

/**
 * Asks the legacy service (LEGACY_AUTH_URL) whether a user name and password
 * are right, as its own clients do (seed 001: `POST Auth/Login` with HTTP
 * Basic, UTF-8). The password goes only to the configured URL: redirects are
 * not followed (a 3xx is an unavailable service), no proxy is consulted, each
 * check uses its own connection, and one timer bounds the whole exchange.
 * Never throws: every way the call can go wrong is an `unavailable` verdict.
 */
@Injectable()
export class LegacyAuthClient {
  private readonly endpoint: URL | null;
  private readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.endpoint = config.legacyAuth ? new URL(`${config.legacyAuth.url}/Auth/Login`) : null;
    this.timeoutMs = config.legacyAuth?.timeoutMs ?? 0;
  }

  /** False unless LEGACY_AUTH_URL is set: then no password ever leaves this service. */
  get enabled(): boolean {
    return this.endpoint !== null;
  }

  check(username: string, password: string): Promise<LegacyVerdict> {
    const endpoint = this.endpoint;
    if (!endpoint) return Promise.resolve(unavailable('not_configured'));
    const requestId = currentRequestId();
    return new Promise((resolve) => {
      let settled = false;
      const timer = setTimeout(() => settle(unavailable('timeout')), this.timeoutMs);
      const settle = (verdict: LegacyVerdict) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        resolve(verdict);
      };
      const transport = endpoint.protocol === 'https:' ? https : http;
      const request = transport.request(
        endpoint,
        {
          method: 'POST',
          agent: false,
          headers: {
            Authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
            Accept: 'application/json',
            'Content-Length': '0',
            'User-Agent': 'session-gateway (just-in-time password migration)',
            ...(requestId ? { 'X-Request-Id': requestId } : {}),
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          // A refusal needs no body; anything else is read only up to the cap.
          if (status === 401) return settle(REFUSED);
          if (Number(response.headers['content-length']) > LEGACY_ANSWER_MAX_BYTES) {
            return settle(unavailable('too_large'));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > LEGACY_ANSWER_MAX_BYTES) settle(unavailable('too_large'));
            else chunks.push(chunk);
          });
          response.on('end', () => settle(readLegacyLoginAnswer(status, Buffer.concat(chunks))));
          response.on('error', () => settle(unavailable('connection')));
          response.on('close', () => settle(unavailable('connection')));
        },
      );
      request.on('error', () => settle(unavailable('connection')));
      request.end();
    });
  }
}
