import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { mediaTypeOf } from '@/wire/negotiation/media-type';
import { BodyReaderId, readerFor } from '@/wire/negotiation/negotiation';
import { declaresMoreThan, hasBody } from './body-reader';
import { WireSettings } from './wire-settings';

type BodyLimits = Pick<WireSettings, 'bodyLimitBytes' | 'xmlBodyLimitBytes'>;

/** The raw-byte cap of a body read by `reader` (compressed bodies are capped again once inflated). */
export function bodyLimitFor(settings: BodyLimits, reader: BodyReaderId | undefined): number {
  return reader === 'xml' ? settings.xmlBodyLimitBytes : settings.bodyLimitBytes;
}

function bodyLimitForContentType(settings: BodyLimits, contentType: string | undefined): number {
  const mediaType = contentType ? mediaTypeOf(contentType) : undefined;
  return bodyLimitFor(settings, mediaType ? readerFor(mediaType) : undefined);
}

/** Requests told "no 100 Continue": their body was never solicited, so none is awaited. */
const continueDeclined = new WeakSet<IncomingMessage>();

/**
 * The lingering close (as nginx does it): the answer went out while the body
 * was still arriving, so read and discard the rest, within `drainLimitBytes`
 * and `drainTimeoutMs`, before closing. Closing with unread bytes would reset
 * the connection, and a client that writes its whole body before reading
 * (urllib, HttpWebRequest) would lose the answer to "Broken pipe".
 */
function drainRest(request: IncomingMessage, socket: Socket, settings: WireSettings): void {
  // After a `Connection: close` answer Node ends the socket (our FIN goes out)
  // and destroys it once written; keep only the half-close while draining.
  socket.removeListener('finish', socket.destroy);
  let drained = 0;
  const stop = () => {
    clearTimeout(timer);
    request.off('data', onData);
  };
  const cut = () => {
    stop();
    socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > settings.drainLimitBytes) cut();
  };
  const timer = setTimeout(cut, settings.drainTimeoutMs).unref();
  request.on('data', onData);
  request.resume();
  request.once('end', () => {
    stop();
    // The whole body is read: closing now is clean (a FIN, no reset).
    if (socket.writableEnded) socket.destroySoon();
  });
  socket.once('close', stop);
}

/**
 * Installs on Node's http server (any platform adapter has one):
 * - `Expect: 100-continue`: a body whose declared length is over its cap gets
 *   no `100 Continue`; the route answers (413, or its guard's 401) before the
 *   body is sent, with `Connection: close` since the body stays unread;
 * - every answer sent before its body ended is followed by a bounded drain.
 */
export function boundRequestBodies(server: Server, settings: WireSettings): void {
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (
      declaresMoreThan(request, bodyLimitForContentType(settings, request.headers['content-type']))
    ) {
      continueDeclined.add(request);
      response.setHeader('Connection', 'close');
    } else {
      response.writeContinue();
    }
    server.emit('request', request, response);
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!hasBody(request)) return;
    const socket = request.socket;
    response.once('finish', () => {
      if (!request.complete && !continueDeclined.has(request)) drainRest(request, socket, settings);
    });
  });
}
