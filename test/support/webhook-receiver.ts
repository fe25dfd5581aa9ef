import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';

/**
 * Standard Webhooks verification written from the specification's text, not
 * from the service's signer: the key is the base64 part of `whsec_…`
 * decoded; the signed content is `${webhook-id}.${webhook-timestamp}.${body}`;
 * `webhook-signature` is a space-separated list of `v1,<base64 HMAC-SHA256>`,
 * any of which may match; the timestamp must be within five minutes.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
  nowSeconds = Date.now() / 1000,
): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string')
    return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export interface ReceivedEvent {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  event: ReceivedEvent;
  verified: boolean;
  /** What the receiver answered. */
  status: number;
}

/** A real HTTP receiver on 127.0.0.1 that verifies and records every POST. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Answer 500 to this many of the next requests. */
  failNext = 0;
  /** Never answer (until closed): the request hangs. */
  hang = false;
  /** `webhook-id`s of the requests left hanging. */
  readonly hungIds: string[] = [];
  private readonly hanging = new Set<() => void>();

  private readonly server: Server;
  url = '';

  private constructor(
    private readonly secret: string,
    private readonly path: string,
  ) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.handle(req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  static async start(secret: string, path = '/hook'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(secret, path);
    receiver.server.listen(0, '127.0.0.1');
    await once(receiver.server, 'listening');
    const { port } = receiver.server.address() as { port: number };
    receiver.url = `http://127.0.0.1:${port}${receiver.path}`;
    return receiver;
  }

  private handle(
    headers: IncomingHttpHeaders,
    body: string,
    res: import('node:http').ServerResponse,
  ): void {
    if (this.hang) {
      this.hungIds.push(String(headers['webhook-id']));
      this.hanging.add(() => res.destroy());
      return;
    }
    const status = this.failNext > 0 ? 500 : 204;
    if (this.failNext > 0) this.failNext -= 1;
    let event: ReceivedEvent;
    try {
      event = JSON.parse(body) as ReceivedEvent;
    } catch {
      event = { id: '', type: 'unparseable', timestamp: '', data: {} };
    }
    this.received.push({
      headers,
      body,
      event,
      verified: verifyStandardWebhook(this.secret, headers, body),
      status,
    });
    res.writeHead(status).end();
  }

  /** Received and answered 2xx. */
  accepted(): ReceivedEvent[] {
    return this.received.filter((r) => r.status < 300).map((r) => r.event);
  }

  async waitFor(done: (receiver: WebhookReceiver) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this)) {
      if (Date.now() > deadline)
        throw new Error(
          `webhook receiver: condition not met in ${timeoutMs} ms; received ${JSON.stringify(
            this.received.map((r) => [r.event.type, r.event.data, r.status]),
          )}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async close(): Promise<void> {
    for (const end of this.hanging) end();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}

/** A `whsec_` secret of 32 random-looking bytes. */
export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.from(
  'session-gateway-test-webhook-key-32b',
).toString('base64')}`;
