import type { IncomingMessage } from 'node:http';
import { WireErrors } from '@/wire/wire-errors';

/** A request carries a body unless it says otherwise (`Content-Length: 0`, or neither length nor chunking). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Past the cap, up to this much more is read and discarded before answering
 * 413, so an ordinary client finishes its upload and sees the answer; beyond
 * it the answer goes out at once and the connection closes.
 */
function drainAllowance(limit: number): number {
  return Math.max(4 * limit, 4 * 1024 * 1024);
}

/** Discards the rest of an oversized body (bounded), then reports 413. */
function rejectTooLarge(
  request: IncomingMessage,
  limit: number,
  alreadyRead: number,
): Promise<never> {
  const error = WireErrors.tooLarge();
  if (request.readableEnded) return Promise.reject(error);
  return new Promise<never>((_resolve, reject) => {
    let discarded = alreadyRead;
    const done = () => {
      request.off('data', onData);
      request.off('end', done);
      request.off('error', done);
      request.off('aborted', done);
      request.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > drainAllowance(limit)) done();
    };
    request.on('data', onData);
    request.on('end', done);
    request.on('error', done);
    request.on('aborted', done);
    request.resume();
  });
}

/**
 * Reads the raw body with a byte cap. A declared length over the cap is
 * refused without keeping anything; a stream that grows past it stops being
 * kept at once (either way the rest is drained, boundedly, before the 413).
 */
export function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    if (declared > drainAllowance(limit)) {
      request.resume();
      return Promise.reject(WireErrors.tooLarge());
    }
    return rejectTooLarge(request, limit, 0);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      if (error) {
        request.resume();
        reject(error);
      } else resolve(body!);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      chunks.length = 0;
      rejectTooLarge(request, limit, size).catch(reject);
    };
    const onEnd = () => finish(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    const onError = () =>
      finish(WireErrors.invalid({ '': ['The request body could not be read.'] }));
    const onAborted = onError;
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}
