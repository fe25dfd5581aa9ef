import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { jsonSamples, readSeed } from '@test/support/wire/vector-fixtures';

/** How the fake legacy service behaves for the next requests. */
export type LegacyMode =
  /** As the legacy service: 200 and the seed's UserSessionDTO for a known user's password, else 401. */
  | 'normal'
  /** Answers after `delayMs` (longer than the client's timeout). */
  | 'slow'
  | 'error500'
  /** 200 with a body that is no UserSessionDTO. */
  | 'garbage'
  /** 200 with a body far beyond any UserSessionDTO, streamed. */
  | 'huge'
  /** 302 to `redirectTo`, a server that must never see the password. */
  | 'redirect';

export interface ReceivedLogin {
  path: string;
  username: string;
  password: string;
  accept: string | undefined;
  requestId: string | undefined;
}

/** Seed 001's application/json sample: the bytes the legacy service answers a good login with. */
export const SEED_USER_SESSION_JSON = jsonSamples(readSeed('001'))[0];

const DENIED = '{"Message":"Authorization has been denied for this request."}';

/**
 * A stand-in for the legacy `POST Auth/Login` (seed 001), on 127.0.0.1 and a
 * free port, answering HTTP Basic logins of its `users` as the legacy service
 * does; it records every request it gets.
 */
export class FakeLegacyAuth {
  readonly users = new Map<string, string>();
  readonly received: ReceivedLogin[] = [];
  mode: LegacyMode = 'normal';
  delayMs = 2000;
  redirectTo = '';
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get calls(): number {
    return this.received.length;
  }

  /** Listens (again, on the same port after a stop); does nothing while listening. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((done) => server.listen(this.port, '127.0.0.1', done));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: connections are then refused. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const credentials = Buffer.from(
      (req.headers.authorization ?? '').replace(/^Basic /, ''),
      'base64',
    ).toString('utf8');
    const colon = credentials.indexOf(':');
    this.received.push({
      path: `${req.method} ${req.url}`,
      username: credentials.slice(0, colon),
      password: credentials.slice(colon + 1),
      accept: req.headers.accept,
      requestId: req.headers['x-request-id'] as string | undefined,
    });
    req.resume();
    switch (this.mode) {
      case 'slow':
        setTimeout(() => this.login(req, res, credentials, colon), this.delayMs).unref();
        return;
      case 'error500':
        return this.send(res, 500, '{"Message":"An error has occurred."}');
      case 'garbage':
        return this.send(res, 200, '<html>Service Unavailable</html>');
      case 'huge':
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(`{"userToken":"t","pad":"${'x'.repeat(1024 * 1024)}"}`);
        return;
      case 'redirect':
        res.writeHead(302, { Location: `${this.redirectTo}/Auth/Login` });
        res.end();
        return;
      default:
        return this.login(req, res, credentials, colon);
    }
  }

  private login(req: IncomingMessage, res: ServerResponse, credentials: string, colon: number) {
    const known =
      req.method === 'POST' &&
      req.url === '/Auth/Login' &&
      colon > 0 &&
      this.users.get(credentials.slice(0, colon)) === credentials.slice(colon + 1);
    if (known) this.send(res, 200, SEED_USER_SESSION_JSON);
    else this.send(res, 401, DENIED);
  }

  private send(res: ServerResponse, status: number, body: string): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(body);
  }
}
