import type { IncomingMessage } from 'node:http';
import { WireErrors } from '@/wire/wire-errors';

/** A request carries a body unless it says otherwise (`Content-Length: 0`, or neither length nor chunking). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/** True when the declared `Content-Length` already exceeds `limit`. */
export function declaresMoreThan(request: IncomingMessage, limit: number): boolean {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Reads the raw body with a byte cap and a time limit. A declared length over
 * the cap is refused without reading anything; a stream that grows past it,
 * or is still arriving after `timeoutMs`, stops being kept at once. The rest
 * of a refused body is discarded (see `bodyBounds`), so the caller still
 * reads the answer.
 */
export function readRawBody(
  request: IncomingMessage,
  limit: number,
  timeoutMs: number,
): Promise<Buffer> {
  if (declaresMoreThan(request, limit)) {
    request.resume();
    return Promise.reject(WireErrors.tooLarge());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onError);
      if (!error) return resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      chunks.length = 0;
      request.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(WireErrors.tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = () =>
      finish(WireErrors.invalid({ '': ['The request body could not be read.'] }));
    const timer = setTimeout(() => finish(WireErrors.bodyTimeout()), timeoutMs);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onError);
  });
}
