import { isIP } from 'node:net';
import { isStorableText } from '@/platform/text/storable-text';

/** Longest endpoint URL accepted (the column holds 2048). */
export const MAX_OUTBOUND_URL_LENGTH = 2048;

/**
 * Why `text` may not be a webhook endpoint, or null when it may: an absolute
 * `https:` URL, or `http:` only to a loopback host (127.0.0.0/8, ::1,
 * localhost) for a receiver on the same machine; never credentials in the
 * URL, never another scheme, never control characters.
 */
export function outboundUrlProblem(text: string): string | null {
  if (text.length === 0 || text.length > MAX_OUTBOUND_URL_LENGTH)
    return `must be 1 to ${MAX_OUTBOUND_URL_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex -- control characters and spaces are what a URL may not hold
  if (/[\u0000-\u0020\u007f]/u.test(text) || !isStorableText(text))
    return 'must not contain spaces, control characters or unpaired surrogates';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'must use https (or http to a loopback address)';
  return isLoopbackHost(url.hostname) ? null : 'plain http is only allowed to a loopback address';
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}
