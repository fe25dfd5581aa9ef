import { describeUserAgent, MAX_USER_AGENT_LENGTH } from '@/sessions/device/user-agent';

const UNKNOWN = { smartphone: '-', operatingSystem: 'Other- v. ', application: 'Other- v. ' };

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1';
const SAMSUNG_CHROME =
  'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36';

describe('describeUserAgent', () => {
  it('desktop Chrome on Windows: no smartphone', () => {
    expect(describeUserAgent(CHROME_WINDOWS)).toEqual({
      smartphone: '-',
      operatingSystem: 'Windows- v. 10',
      application: 'Chrome- v. 120.0.0.0',
    });
  });

  it('iPhone Safari', () => {
    expect(describeUserAgent(IPHONE_SAFARI)).toEqual({
      smartphone: 'Apple iPhone',
      operatingSystem: 'iOS- v. 17.1.2',
      application: 'Mobile Safari- v. 17.1.2',
    });
  });

  it('Android Chrome on a Samsung', () => {
    expect(describeUserAgent(SAMSUNG_CHROME)).toEqual({
      smartphone: 'Samsung SM-S918B',
      operatingSystem: 'Android- v. 13',
      application: 'Chrome- v. 120.0.6099.144',
    });
  });

  it('Samsung Internet on a Samsung', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
      ),
    ).toEqual({
      smartphone: 'Samsung SM-S918B',
      operatingSystem: 'Android- v. 13',
      application: 'Samsung Internet- v. 23.0',
    });
  });

  it('reduced Android UA (model "K", no vendor): just the model', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      ),
    ).toEqual({
      smartphone: 'K',
      operatingSystem: 'Android- v. 10',
      application: 'Chrome- v. 120.0.0.0',
    });
  });

  it('counts a tablet as a mobile device', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ).smartphone,
    ).toBe('Apple iPad');
  });

  it('a Mac has a vendor and model but is not a mobile device', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      ),
    ).toEqual({
      smartphone: '-',
      operatingSystem: 'Mac OS- v. 10.15.7',
      application: 'Safari- v. 17.1',
    });
  });

  it('known OS without a version keeps the empty version', () => {
    expect(
      describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0'),
    ).toEqual({ smartphone: '-', operatingSystem: 'Linux- v. ', application: 'Firefox- v. 121.0' });
  });

  it('an app with only a device and OS (Dalvik) has an unknown application', () => {
    expect(
      describeUserAgent('Dalvik/2.1.0 (Linux; U; Android 11; Pixel 5 Build/RQ3A.210805.001.A1)'),
    ).toEqual({
      smartphone: 'Google Pixel 5',
      operatingSystem: 'Android- v. 11',
      application: 'Other- v. ',
    });
  });

  it.each([
    ['curl', 'curl/8.4.0'],
    ['okhttp', 'okhttp/4.9.0'],
    ['.NET HttpClient (no User-Agent header)', undefined],
    ['null', null],
    ['empty', ''],
    ['whitespace', '   '],
    ['garbage', '%%% not a user agent {}[] \u0000\u0007'],
  ])('%s prints as unknown', (_name, ua) => {
    expect(describeUserAgent(ua)).toEqual(UNKNOWN);
  });

  it('ignores everything after the length cap', () => {
    const padded = `${'x'.repeat(MAX_USER_AGENT_LENGTH)} ${CHROME_WINDOWS}`;
    expect(describeUserAgent(padded)).toEqual(UNKNOWN);
    // Still parses a real UA followed by junk beyond the cap.
    expect(describeUserAgent(`${CHROME_WINDOWS}${' '.repeat(10_000)}`).application).toBe(
      'Chrome- v. 120.0.0.0',
    );
  });

  it('stays fast on long, pathological input', () => {
    const started = process.hrtime.bigint();
    for (const chunk of ['a', '(', ';', '/', '1.', 'Mozilla/5.0 (']) {
      describeUserAgent(chunk.repeat(100_000));
    }
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });

  it('never emits control characters', () => {
    const result = describeUserAgent(
      `Mozilla/5.0 (Linux; Android 13; SM-S918B\u0001) Chrome/120.0\u0000`,
    );
    // eslint-disable-next-line no-control-regex
    expect(Object.values(result).join('')).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('accepts a non-string at runtime without throwing', () => {
    expect(describeUserAgent(42 as unknown as string)).toEqual(UNKNOWN);
  });
});
