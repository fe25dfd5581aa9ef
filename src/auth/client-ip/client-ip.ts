import { BlockList, isIP, SocketAddress } from 'node:net';

type Family = 'ipv4' | 'ipv6';

interface ParsedIp {
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
function parseIp(value: string): ParsedIp | null {
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

interface ProxyRule {
  address: string;
  family: Family;
  prefix?: number;
}

function parseProxyEntry(entry: string): ProxyRule | null {
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

/**
 * The proxies whose `X-Forwarded-For` entries we believe (`TRUSTED_PROXIES`):
 * IPv4/IPv6 addresses and CIDR ranges, compiled once into a BlockList.
 */
export class TrustedProxies {
  // One list per family: a single BlockList checks IPv4 addresses against IPv6
  // rules as ::ffff:a.b.c.d, so `::/0` would quietly trust every IPv4 peer too.
  private readonly rules: Record<Family, BlockList> = {
    ipv4: new BlockList(),
    ipv6: new BlockList(),
  };
  readonly size: number;

  /** Throws, naming them, when entries are neither an IP nor a CIDR: a typo must not silently trust nobody. */
  constructor(entries: readonly string[]) {
    const invalid = TrustedProxies.invalidEntries(entries);
    if (invalid.length > 0) {
      throw new Error(`Invalid trusted proxy entries (expected IP or CIDR): ${invalid.join(', ')}`);
    }
    const rules = entries.map((entry) => parseProxyEntry(entry) as ProxyRule);
    for (const rule of rules) {
      const list = this.rules[rule.family];
      if (rule.prefix === undefined) list.addAddress(rule.address, rule.family);
      else list.addSubnet(rule.address, rule.prefix, rule.family);
    }
    this.size = rules.length;
  }

  /** The entries that are neither an IP nor a CIDR, for configuration validation. */
  static invalidEntries(entries: readonly string[]): string[] {
    return entries.filter((entry) => parseProxyEntry(entry) === null);
  }

  isTrusted(ip: string): boolean {
    const parsed = typeof ip === 'string' ? parseIp(ip) : null;
    return parsed !== null && this.matches(parsed);
  }

  /**
   * The caller's address: the socket's, unless the socket is a trusted proxy;
   * then `X-Forwarded-For` is read from the right (each proxy appends the
   * address it received the request from), passing over trusted proxies, and
   * the first address that is not one is the client. Everything left of that
   * was written by the client itself and is never believed.
   * A malformed entry ends the walk at the nearest trusted hop: anything to its
   * left came through a hop that did not append a real address, so it could
   * have been forged. The result is in canonical form (see normalizeIp).
   */
  clientIp(socketAddress: string, forwardedFor: string | string[] | undefined): string {
    const socket = typeof socketAddress === 'string' ? parseIp(socketAddress) : null;
    if (!socket) return typeof socketAddress === 'string' ? socketAddress : '';
    if (!this.matches(socket)) return socket.address;

    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
    const hops = header
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop.length > 0);

    let nearest = socket.address;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = parseIp(hops[i]);
      if (!hop) break;
      if (!this.matches(hop)) return hop.address;
      nearest = hop.address;
    }
    return nearest;
  }

  private matches(ip: ParsedIp): boolean {
    return this.rules[ip.family].check(ip.address, ip.family);
  }
}

/** One-off convenience; request paths should build a TrustedProxies once and reuse it. */
export function resolveClientIp(
  socketAddress: string,
  forwardedFor: string | undefined,
  trustedProxies: string[],
): string {
  return new TrustedProxies(trustedProxies).clientIp(socketAddress, forwardedFor);
}
