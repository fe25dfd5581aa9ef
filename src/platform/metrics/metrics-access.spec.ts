import { presentsMetricsToken } from './metrics-access';

describe('presentsMetricsToken', () => {
  const token = 'scraper-token-0123456789';

  it('accepts exactly `Bearer <token>` (scheme in any case)', () => {
    expect(presentsMetricsToken(`Bearer ${token}`, token)).toBe(true);
    expect(presentsMetricsToken(`bearer ${token}`, token)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const header of [
      undefined,
      '',
      token,
      'Bearer ',
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${token}`,
      `Bearer ${token} extra`,
    ]) {
      expect(presentsMetricsToken(header, token)).toBe(false);
    }
  });
});
