import { BlockList } from 'node:net';
import {
  Family,
  invalidProxyEntries,
  ParsedIp,
  parseIp,
  parseProxyEntry,
  ProxyRule,
} from '@/platform/http/ip-address';

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
    const invalid = invalidProxyEntries(entries);
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
