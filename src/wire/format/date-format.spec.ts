import {
  dateFromUtcTicks,
  formatDate,
  formatUsGeneral,
  MAX_DATE_TIME_TICKS,
  parseDate,
  subMillisecondTicks,
  utcTicksOf,
} from './date-format';

describe('dates (SPEC 4.4)', () => {
  const at = (iso: string) => new Date(iso);

  it.each([
    ['2026-01-13T11:55:51.302Z', 'America/Mexico_City', '2026-01-13T05:55:51.302-06:00'],
    ['2021-07-04T17:00:00.100Z', 'America/Mexico_City', '2021-07-04T12:00:00.1-05:00'], // DST still existed in 2021
    ['2026-07-04T17:00:00.000Z', 'America/Mexico_City', '2026-07-04T11:00:00-06:00'], // and no more since 2022
    ['2026-03-29T00:59:59.000Z', 'Europe/Madrid', '2026-03-29T01:59:59+01:00'], // last second before spring forward
    ['2026-03-29T01:00:00.000Z', 'Europe/Madrid', '2026-03-29T03:00:00+02:00'],
    ['2026-10-25T00:30:00.000Z', 'Europe/Madrid', '2026-10-25T02:30:00+02:00'], // the repeated hour, first pass
    ['2026-10-25T01:30:00.000Z', 'Europe/Madrid', '2026-10-25T02:30:00+01:00'], // second pass
    ['2024-05-20T04:23:26.097Z', 'UTC', '2024-05-20T04:23:26.097+00:00'],
    ['2026-01-01T00:00:00.000Z', 'Asia/Kolkata', '2026-01-01T05:30:00+05:30'],
    ['2026-01-01T00:00:00.000Z', 'Asia/Kathmandu', '2026-01-01T05:45:00+05:45'],
  ])('local: %s in %s → %s', (iso, zone, expected) => {
    expect(formatDate(at(iso), 'local', zone)).toBe(expected);
  });

  it('prints utc, utc-seconds and utc-millis', () => {
    const date = at('2024-06-13T06:44:35.590Z');
    expect(formatDate(date, 'utc', 'Europe/Madrid')).toBe('2024-06-13T06:44:35.59Z');
    expect(formatDate(date, 'utc-seconds', 'Europe/Madrid')).toBe('2024-06-13T06:44:35Z');
    expect(formatDate(date, 'utc-millis', 'Europe/Madrid')).toBe('2024-06-13T06:44:35.590Z');
    expect(formatDate(at('2024-06-13T06:44:35.000Z'), 'utc-millis', 'UTC')).toBe(
      '2024-06-13T06:44:35.000Z',
    );
  });

  it('reads seven fraction digits and prints them back', () => {
    const date = parseDate('2024-05-20T04:23:26.0970256+00:00')!;
    expect(date.toISOString()).toBe('2024-05-20T04:23:26.097Z');
    expect(subMillisecondTicks(date)).toBe(256);
    expect(formatDate(date, 'local', 'UTC')).toBe('2024-05-20T04:23:26.0970256+00:00');
    expect(formatDate(date, 'utc', 'UTC')).toBe('2024-05-20T04:23:26.0970256Z');
  });

  it('reads every style, a missing offset as UTC, and rejects impossible dates', () => {
    expect(parseDate('2026-02-03T20:05:26.581+01:00')!.toISOString()).toBe(
      '2026-02-03T19:05:26.581Z',
    );
    expect(parseDate('2026-02-03T19:05:26Z')!.toISOString()).toBe('2026-02-03T19:05:26.000Z');
    expect(parseDate('2026-02-03T19:05:26')!.toISOString()).toBe('2026-02-03T19:05:26.000Z');
    expect(parseDate('2026-02-03')!.toISOString()).toBe('2026-02-03T00:00:00.000Z');
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01',
      'yesterday',
      '2026-01-01T25:00:00Z',
      '2026-01-01T00:00:00.12345678Z',
    ])
      expect(parseDate(bad)).toBeNull();
  });

  it('formats the en-US general date on the zone clock, as AuditDataDTO.Summary needs', () => {
    expect(formatUsGeneral(at('2024-05-20T04:23:26.097Z'), 'UTC')).toBe('5/20/2024 4:23:26 AM');
    expect(formatUsGeneral(at('2034-12-31T00:00:00Z'), 'UTC')).toBe('12/31/2034 12:00:00 AM');
    expect(formatUsGeneral(at('2034-12-31T13:05:09Z'), 'Europe/Madrid')).toBe(
      '12/31/2034 2:05:09 PM',
    );
  });
});

describe('dates at the edges (expected texts printed by Newtonsoft.Json 6 on Mono)', () => {
  const ticks = (iso: string, extraTicks = 0) =>
    dateFromUtcTicks(utcTicksOf(new Date(iso)) + BigInt(extraTicks));
  const MAX = dateFromUtcTicks(MAX_DATE_TIME_TICKS);

  it.each([
    // local mean time: -6:36:36 and +9:18:59 print as whole minutes, the wall clock on the same offset
    ['1900-01-01T06:36:36.000Z', 'America/Mexico_City', '1900-01-01T00:00:36-06:36'],
    ['1900-01-01T06:36:36.000Z', 'Asia/Tokyo', '1900-01-01T15:36:36+09:00'],
    // before DateTime.MinValue on the local clock: clamped, never year 0000
    ['0001-01-01T00:00:00.000Z', 'America/Mexico_City', '0001-01-01T00:00:00-06:36'],
    ['0001-01-01T03:00:00.000Z', 'America/Mexico_City', '0001-01-01T00:00:00-06:36'],
    ['0001-01-01T00:00:00.000Z', 'Asia/Tokyo', '0001-01-01T09:18:00+09:18'],
    ['0001-01-01T03:00:00.000Z', 'Asia/Tokyo', '0001-01-01T12:18:00+09:18'],
  ])('local: %s in %s → %s', (iso, zone, expected) => {
    const date = ticks(iso);
    const printed = formatDate(date, 'local', zone);
    expect(printed).toBe(expected);
    if (iso.startsWith('1900')) expect(utcTicksOf(parseDate(printed)!)).toBe(utcTicksOf(date));
  });

  it('clamps DateTime.MaxValue on a clock east of UTC, never year 10000', () => {
    expect(formatDate(MAX, 'local', 'America/Mexico_City')).toBe(
      '9999-12-31T17:59:59.9999999-06:00',
    );
    expect(formatDate(MAX, 'local', 'Asia/Tokyo')).toBe('9999-12-31T23:59:59.9999999+09:00');
    const beyond = new Date(MAX.getTime() + 3600_000);
    expect(formatDate(beyond, 'utc', 'UTC')).toBe('9999-12-31T23:59:59.9999999Z');
    expect(formatDate(beyond, 'utc-seconds', 'UTC')).toBe('9999-12-31T23:59:59Z');
    expect(formatDate(new Date(-62135596800000 - 1), 'utc', 'UTC')).toBe('0001-01-01T00:00:00Z');
  });

  it('keeps a client’s seven fraction digits at the edges too', () => {
    const date = ticks('0001-01-01T10:00:00.123Z', 4567);
    expect(formatDate(date, 'utc', 'UTC')).toBe('0001-01-01T10:00:00.1234567Z');
    expect(formatDate(date, 'local', 'Asia/Kolkata')).toBe('0001-01-01T15:53:00.1234567+05:53');
  });
});
