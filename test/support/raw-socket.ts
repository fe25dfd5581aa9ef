import { connect, Socket } from 'node:net';

/** What a raw HTTP/1.1 exchange ended with. */
export interface SocketExchange {
  /** Every byte the server sent, in order (a `100 Continue` line included). */
  received: string;
  /** The final response, parsed when one arrived complete (its Content-Length honoured). */
  response?: { status: number; headers: Record<string, string>; body: string };
  /** `ECONNRESET`, `EPIPE`… when the connection failed instead of ending cleanly. */
  errorCode?: string;
  /** Body bytes the kernel accepted before the exchange ended. */
  bodyBytesSent: number;
  elapsedMs: number;
}

/** Parses the last complete response in `text` (skipping interim 1xx responses). */
export function parseResponse(text: string): SocketExchange['response'] {
  let rest = text;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd === -1) return undefined;
    const [statusLine, ...lines] = rest.slice(0, headEnd).split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    rest = rest.slice(headEnd + 4);
    if (status >= 100 && status < 200) continue;
    const length = Number(headers['content-length'] ?? 0);
    if (Buffer.byteLength(rest) < length) return undefined;
    return { status, headers, body: rest.slice(0, length) };
  }
}

function head(method: string, path: string, headers: Record<string, string>): string {
  const lines = Object.entries({ Host: '127.0.0.1', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

function exchange(
  port: number,
  drive: (socket: Socket, progress: { bodyBytesSent: number }, chunks: Buffer[]) => void,
  timeoutMs: number,
): Promise<SocketExchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const progress = { bodyBytesSent: 0 };
    let errorCode: string | undefined;
    const socket = connect({ port, host: '127.0.0.1' });
    const finish = () => {
      clearTimeout(timer);
      const received = Buffer.concat(chunks).toString('latin1');
      resolve({
        received,
        response: parseResponse(received),
        errorCode,
        bodyBytesSent: progress.bodyBytesSent,
        elapsedMs: performance.now() - started,
      });
    };
    const timer = setTimeout(() => {
      errorCode ??= 'CLIENT_TIMEOUT';
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (errorCode ??= error.code ?? 'ERROR'));
    socket.on('close', finish);
    socket.on('connect', () => drive(socket, progress, chunks));
  });
}

/**
 * Behaves like Python's urllib or .NET's HttpWebRequest: writes the head and
 * the whole body, and only then reads the answer (the socket is not read while
 * writing, so a reset from the server discards an answer that had arrived).
 */
export function writeWholeBodyThenRead(
  port: number,
  request: { method: string; path: string; headers: Record<string, string>; body: Buffer },
  timeoutMs = 20_000,
): Promise<SocketExchange> {
  return exchange(
    port,
    (socket, progress, chunks) => {
      socket.pause();
      const headers = { ...request.headers, 'Content-Length': String(request.body.length) };
      socket.write(head(request.method, request.path, headers));
      const chunkSize = 64 * 1024;
      const writeFrom = (offset: number): void => {
        if (socket.destroyed) return;
        if (offset >= request.body.length) {
          // Hang up once the answer is complete (a keep-alive server would wait for more).
          socket.on('data', () => {
            if (parseResponse(Buffer.concat(chunks).toString('latin1'))) socket.end();
          });
          return void socket.resume();
        }
        const chunk = request.body.subarray(offset, offset + chunkSize);
        socket.write(chunk, (error) => {
          if (error) return;
          progress.bodyBytesSent += chunk.length;
          writeFrom(offset + chunk.length);
        });
      };
      writeFrom(0);
    },
    timeoutMs,
  );
}

/**
 * An `Expect: 100-continue` caller: sends the head, and the body only once the
 * server says `100 Continue`; hangs up as soon as a final answer is complete.
 */
export function sendExpectingContinue(
  port: number,
  request: { method: string; path: string; headers: Record<string, string>; body: Buffer },
  timeoutMs = 5_000,
): Promise<SocketExchange> {
  return exchange(
    port,
    (socket, progress, chunks) => {
      const headers = {
        ...request.headers,
        Expect: '100-continue',
        'Content-Length': String(request.body.length),
      };
      socket.write(head(request.method, request.path, headers));
      let bodySent = false;
      socket.on('data', () => {
        const text = Buffer.concat(chunks).toString('latin1');
        if (parseResponse(text)) return void socket.end();
        if (!bodySent && /^HTTP\/1\.1 100 /.test(text)) {
          bodySent = true;
          socket.write(request.body, () => (progress.bodyBytesSent = request.body.length));
        }
      });
    },
    timeoutMs,
  );
}

/** Sends the head, then one body byte every `intervalMs` until the server gives up or `timeoutMs`. */
export function trickleBody(
  port: number,
  request: { method: string; path: string; headers: Record<string, string>; length: number },
  intervalMs: number,
  timeoutMs: number,
): Promise<SocketExchange> {
  return exchange(
    port,
    (socket, progress) => {
      const headers = { ...request.headers, 'Content-Length': String(request.length) };
      socket.write(head(request.method, request.path, headers));
      const tick = setInterval(() => {
        if (socket.destroyed || progress.bodyBytesSent >= request.length) {
          return void clearInterval(tick);
        }
        socket.write('a');
        progress.bodyBytesSent++;
      }, intervalMs);
      socket.on('close', () => clearInterval(tick));
    },
    timeoutMs,
  );
}
