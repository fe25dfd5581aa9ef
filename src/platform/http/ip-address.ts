/**
 * IP address and CIDR parsing, shared by configuration (validating
 * TRUSTED_PROXIES at start-up) and authentication (the client-IP decision in
 * src/auth/client-ip).
 */
import { isIP, SocketAddress } from 'node:net';

export type Family = 'ipv4' | 'ipv6';

export interface ParsedIp {
  address: string;
  family: Family;
}

const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED_IPV6 = /^\[([^\]]+)\](?::\d{1,5})?$/;
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/;

/**
 * Canonical form of an address: IPv6 compressed and lower-case, IPv4-mapped
 * IPv6 (`::ffff:1.2.3.4`, as a dual-stack socket reports IPv4 peers) turned
 * into plain IPv4, so one client always gets one key (rate limits, sessions).
 * Also accepts the `1.2.3.4:port` and `[v6]:port` forms some proxies write.
 */
export function parseIp(value: string): ParsedIp | null {
  let text = value.trim();
  const bracketed = BRACKETED_IPV6.exec(text);
  if (bracketed) text = bracketed[1];
  else {
    const withPort = IPV4_WITH_PORT.exec(text);
    if (withPort) text = withPort[1];
  }
  const version = isIP(text);
  if (version === 4) return { address: text, family: 'ipv4' };
  if (version !== 6) return null;
  let canonical: string;
  try {
    canonical = new SocketAddress({ address: text, family: 'ipv6' }).address;
  } catch {
    return null;
  }
  const mapped = MAPPED_IPV4.exec(canonical);
  return mapped ? { address: mapped[1], family: 'ipv4' } : { address: canonical, family: 'ipv6' };
}

/** Canonical form of an IP address (see parseIp), or null when it is not one. */
export function normalizeIp(value: string): string | null {
  return typeof value === 'string' ? (parseIp(value)?.address ?? null) : null;
}

export interface ProxyRule {
  address: string;
  family: Family;
  prefix?: number;
}

export function parseProxyEntry(entry: string): ProxyRule | null {
  const [addressPart, prefixPart, ...rest] = entry.trim().split('/');
  if (rest.length > 0 || addressPart.includes('[') || addressPart.includes('%')) return null;
  const ip = isIP(addressPart) ? parseIp(addressPart) : null;
  if (!ip) return null;
  const wasMapped = isIP(addressPart) === 6 && ip.family === 'ipv4';
  if (prefixPart === undefined) return ip;
  if (!/^\d{1,3}$/.test(prefixPart)) return null;
  // `::ffff:10.0.0.0/104` is the IPv4 network 10.0.0.0/8 written in IPv6.
  const prefix = Number(prefixPart) - (wasMapped ? 96 : 0);
  const max = ip.family === 'ipv4' ? 32 : 128;
  return prefix >= 0 && prefix <= max ? { ...ip, prefix } : null;
}

/** The entries that are neither an IP nor a CIDR, for configuration validation. */
export function invalidProxyEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => parseProxyEntry(entry) === null);
}
