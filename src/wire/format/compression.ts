import { deflateRawSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { WireErrors } from '@/wire/wire-errors';
import { DomainError } from '@/platform/errors/domain-error';

/** `application/x-compressed-json` out: raw DEFLATE (RFC 1951), as .NET's DeflateStream. */
export function deflateJson(json: Buffer): Buffer {
  return deflateRawSync(json);
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A zlib header: CM = 8 (deflate), window ≤ 32K, and the FCHECK bits. */
function isZlib(bytes: Buffer): boolean {
  return (
    bytes.length >= 2 &&
    (bytes[0] & 0x0f) === 8 &&
    bytes[0] >> 4 <= 7 &&
    ((bytes[0] << 8) | bytes[1]) % 31 === 0
  );
}

/**
 * Inflates a compressed request body (raw DEFLATE, zlib or gzip, sniffed)
 * with an output cap: zlib stops as soon as the output passes `maxBytes`, so a
 * bomb costs at most that much work. Too large → 413; corrupt → 400.
 */
export function inflateBody(bytes: Buffer, maxBytes: number, parameterName: string): Buffer {
  const options = { maxOutputLength: maxBytes };
  try {
    if (isGzip(bytes)) return gunzipSync(bytes, options);
    if (isZlib(bytes)) {
      try {
        return inflateSync(bytes, options);
      } catch (error) {
        if (isTooLarge(error)) throw error;
        // A raw stream may start with bytes that look like a zlib header.
      }
    }
    return inflateRawSync(bytes, options);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (isTooLarge(error)) throw WireErrors.tooLarge();
    throw WireErrors.invalid({
      [parameterName]: ['The compressed body could not be decompressed.'],
    });
  }
}

function isTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError ||
    (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_BUFFER_TOO_LARGE'
  );
}
