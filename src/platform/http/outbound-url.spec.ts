import { outboundUrlProblem } from './outbound-url';

describe('outboundUrlProblem', () => {
  it.each([
    'https://hooks.example.com/session-events',
    'https://203.0.113.9:8443/x?y=1',
    'http://127.0.0.1:8080/hook',
    'http://127.255.0.3/hook',
    'http://localhost:9000/',
    'http://[::1]:9000/hook',
  ])('accepts %s', (url) => {
    expect(outboundUrlProblem(url)).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/', 'loopback'],
    ['http://10.0.0.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://localhost.evil.example/', 'loopback'],
    ['http://127.0.0.1.nip.io/', 'loopback'],
    ['ftp://127.0.0.1/', 'https'],
    ['file:///etc/passwd', 'https'],
    ['javascript:alert(1)', 'https'],
    ['gopher://127.0.0.1:6379/', 'https'],
    ['https://user:pass@hooks.example.com/', 'credentials'],
    ['https://user@hooks.example.com/', 'credentials'],
    ['/relative/path', 'absolute'],
    ['', 'characters'],
    [`https://example.com/${'a'.repeat(2048)}`, 'characters'],
    ['https://example.com/\u0000', 'control'],
    ['https://example.com/ x', 'control'],
    ['https://example.com/\ud800', 'surrogates'],
  ])('refuses %j (%s)', (url, problem) => {
    expect(outboundUrlProblem(url)).toContain(problem);
  });
});
