import { TrustedProxies } from '@/auth/client-ip/client-ip';
import { invalidProxyEntries } from '@/platform/http/ip-address';

describe('TrustedProxies', () => {
  describe('configuration', () => {
    it('accepts IPv4/IPv6 addresses and CIDRs', () => {
      const proxies = new TrustedProxies([
        '10.0.0.1',
        '192.168.0.0/16',
        '::1',
        'fd00::/8',
        ' 172.16.0.0/12 ',
        '::ffff:100.64.0.0/106',
      ]);
      expect(proxies.size).toBe(6);
    });

    it('refuses bad entries, naming them', () => {
      expect(() => new TrustedProxies(['10.0.0.1', 'proxy.local', '10.0.0.0/33'])).toThrow(
        'Invalid trusted proxy entries (expected IP or CIDR): proxy.local, 10.0.0.0/33',
      );
      expect(
        invalidProxyEntries([
          '10.0.0.0/8',
          '10.0.0.0/',
          '10.0.0.0/-1',
          '10.0.0.0/8/8',
          '::/129',
          '10.0.0.0/abc',
          '1.2.3.4:80',
          '[::1]',
          'fe80::1%eth0',
          '::ffff:10.0.0.0/95',
          '',
        ]),
      ).toEqual([
        '10.0.0.0/',
        '10.0.0.0/-1',
        '10.0.0.0/8/8',
        '::/129',
        '10.0.0.0/abc',
        '1.2.3.4:80',
        '[::1]',
        'fe80::1%eth0',
        '::ffff:10.0.0.0/95',
        '',
      ]);
    });

    it('trusts nobody when the list is empty', () => {
      const proxies = new TrustedProxies([]);
      expect(proxies.size).toBe(0);
      expect(proxies.isTrusted('127.0.0.1')).toBe(false);
      expect(proxies.clientIp('127.0.0.1', '6.6.6.6')).toBe('127.0.0.1');
    });
  });

  describe('isTrusted', () => {
    const proxies = new TrustedProxies(['10.0.0.1', '192.168.0.0/16', '2001:db8:1::/48', '::1']);

    it('matches single addresses and CIDR ranges', () => {
      expect(proxies.isTrusted('10.0.0.1')).toBe(true);
      expect(proxies.isTrusted('10.0.0.2')).toBe(false);
      expect(proxies.isTrusted('192.168.0.0')).toBe(true);
      expect(proxies.isTrusted('192.168.255.255')).toBe(true);
      expect(proxies.isTrusted('192.169.0.1')).toBe(false);
      expect(proxies.isTrusted('2001:db8:1:ffff::5')).toBe(true);
      expect(proxies.isTrusted('2001:db8:2::5')).toBe(false);
      expect(proxies.isTrusted('::1')).toBe(true);
    });

    it('matches IPv4-mapped IPv6 and non-canonical spellings', () => {
      expect(proxies.isTrusted('::ffff:10.0.0.1')).toBe(true);
      expect(proxies.isTrusted('::ffff:192.168.3.4')).toBe(true);
      expect(proxies.isTrusted('0:0:0:0:0:0:0:1')).toBe(true);
      expect(proxies.isTrusted('2001:DB8:1:0::5')).toBe(true);
    });

    it('does not confuse IPv4 and IPv6', () => {
      const v6all = new TrustedProxies(['::/0']);
      expect(v6all.isTrusted('10.0.0.1')).toBe(false);
      expect(v6all.isTrusted('::ffff:10.0.0.1')).toBe(false);
      const v4all = new TrustedProxies(['0.0.0.0/0']);
      expect(v4all.isTrusted('2001:db8::1')).toBe(false);
      expect(v4all.isTrusted('::ffff:10.0.0.1')).toBe(true);
    });

    it('treats a mapped CIDR as the IPv4 range it names', () => {
      const mapped = new TrustedProxies(['::ffff:100.64.0.0/106']);
      expect(mapped.isTrusted('100.64.0.1')).toBe(true);
      expect(mapped.isTrusted('100.127.255.255')).toBe(true);
      expect(mapped.isTrusted('100.128.0.0')).toBe(false);
    });

    it('is false for garbage', () => {
      expect(proxies.isTrusted('')).toBe(false);
      expect(proxies.isTrusted('not-an-ip')).toBe(false);
      expect(proxies.isTrusted(undefined as unknown as string)).toBe(false);
    });
  });

  describe('clientIp', () => {
    const proxies = new TrustedProxies(['10.0.0.1', '10.0.1.0/24', '2001:db8:ffff::/48']);

    it('ignores X-Forwarded-For from an untrusted socket (spoofing)', () => {
      expect(proxies.clientIp('203.0.113.7', '1.1.1.1')).toBe('203.0.113.7');
      expect(proxies.clientIp('203.0.113.7', '10.0.0.1, 1.1.1.1')).toBe('203.0.113.7');
      expect(proxies.clientIp('::ffff:203.0.113.7', '1.1.1.1')).toBe('203.0.113.7');
    });

    it('uses the socket when there is no header', () => {
      expect(proxies.clientIp('203.0.113.7', undefined)).toBe('203.0.113.7');
      expect(proxies.clientIp('10.0.0.1', undefined)).toBe('10.0.0.1');
      expect(proxies.clientIp('10.0.0.1', '')).toBe('10.0.0.1');
    });

    it('one trusted hop: takes the entry the proxy appended, not the ones the client sent', () => {
      expect(proxies.clientIp('10.0.0.1', '198.51.100.20')).toBe('198.51.100.20');
      expect(proxies.clientIp('10.0.0.1', '6.6.6.6, 7.7.7.7, 198.51.100.20')).toBe('198.51.100.20');
      expect(proxies.clientIp('::ffff:10.0.0.1', '198.51.100.20')).toBe('198.51.100.20');
    });

    it('two trusted hops: skips the inner proxy', () => {
      // client -> 10.0.1.5 (edge) -> 10.0.0.1 (ingress) -> app
      expect(proxies.clientIp('10.0.0.1', '198.51.100.20, 10.0.1.5')).toBe('198.51.100.20');
      expect(proxies.clientIp('10.0.0.1', '6.6.6.6, 198.51.100.20, 10.0.1.5')).toBe(
        '198.51.100.20',
      );
    });

    it('does not let a client pass itself off as a trusted proxy', () => {
      // The client put a trusted address in its own header; the real hop is still found.
      expect(proxies.clientIp('10.0.0.1', '10.0.1.9, 198.51.100.20')).toBe('198.51.100.20');
    });

    it('all hops trusted: the leftmost trusted hop', () => {
      expect(proxies.clientIp('10.0.0.1', '10.0.1.7, 10.0.1.5')).toBe('10.0.1.7');
    });

    it('reads several header lines in order', () => {
      expect(proxies.clientIp('10.0.0.1', ['6.6.6.6', '198.51.100.20, 10.0.1.5'])).toBe(
        '198.51.100.20',
      );
    });

    it('IPv6 sockets and hops, normalised', () => {
      expect(proxies.clientIp('2001:db8:ffff::1', '2001:DB8:0:0::42')).toBe('2001:db8::42');
      expect(proxies.clientIp('2001:db8:ffff::1', '198.51.100.20, 2001:db8:ffff:1::2')).toBe(
        '198.51.100.20',
      );
      expect(proxies.clientIp('2001:db8:ffff::1', '[2001:db8::42]:51234')).toBe('2001:db8::42');
      expect(proxies.clientIp('2001:db8:aaaa::1', '198.51.100.20')).toBe('2001:db8:aaaa::1');
    });

    it('accepts ports and tolerates spacing and empty items', () => {
      expect(proxies.clientIp('10.0.0.1', '198.51.100.20:5555')).toBe('198.51.100.20');
      expect(proxies.clientIp('10.0.0.1', ' 198.51.100.20 ,, 10.0.1.5 ,')).toBe('198.51.100.20');
    });

    it('never returns a malformed entry, nor anything left of one', () => {
      expect(proxies.clientIp('10.0.0.1', 'unknown')).toBe('10.0.0.1');
      expect(proxies.clientIp('10.0.0.1', '6.6.6.6, unknown')).toBe('10.0.0.1');
      expect(proxies.clientIp('10.0.0.1', '6.6.6.6, garbage, 10.0.1.5')).toBe('10.0.1.5');
      expect(proxies.clientIp('10.0.0.1', '<script>, 198.51.100.20')).toBe('198.51.100.20');
    });

    it('returns the socket address as given when it is not an IP', () => {
      expect(proxies.clientIp('', '1.1.1.1')).toBe('');
      expect(proxies.clientIp(undefined as unknown as string, '1.1.1.1')).toBe('');
    });
  });
});
