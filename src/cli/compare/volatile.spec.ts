import { builtInShape, cookieShape, dateShape, guidShape, shapeOfKind } from './volatile';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('built-in volatile shapes', () => {
  it('tokens: JWT-shaped anywhere, long opaque strings only in token-named members', () => {
    expect(builtInShape('anything', JWT, true)).toBe('token (JWT)');
    expect(builtInShape('userToken', 'q7Fz0y9KJ2pL1mN4xR8sT3vW', true)).toBe('token (opaque)');
    expect(builtInShape('RefreshToken', 'q7Fz0y9KJ2pL1mN4xR8sT3vW', true)).toBe('token (opaque)');
    expect(builtInShape('userName', 'q7Fz0y9KJ2pL1mN4xR8sT3vW', true)).toBeNull();
    // Short, or with spaces: a message, not a token.
    expect(builtInShape('userToken', 'abc', true)).toBeNull();
    expect(builtInShape('Token', 'sample string 2', true)).toBeNull();
    expect(builtInShape('refreshToken', '', true)).toBeNull();
  });

  it('dates: the .NET forms, each its own shape', () => {
    expect(dateShape('\\/Date(1716179006097)\\/')).toBe('date (\\/Date(ms)\\/)');
    expect(dateShape('/Date(1716179006097)/')).toBe('date (\\/Date(ms)\\/)');
    expect(dateShape('\\/Date(1716179006097-0600)\\/')).toBe('date (\\/Date(ms±hhmm)\\/)');
    expect(dateShape('2024-05-20T04:23:26.0970256+00:00')).toBe('date (ISO 8601, offset)');
    expect(dateShape('2026-01-13T05:55:51.3021511-06:00')).toBe(
      dateShape('2024-05-20T04:23:26.097+00:00'),
    );
    expect(dateShape('2020-09-21T10:42:50Z')).toBe('date (ISO 8601, Z)');
    expect(dateShape('2020-09-21T10:42:50')).toBe('date (ISO 8601, unspecified)');
    expect(dateShape('2020-09-21T10:42:50Z')).not.toBe(dateShape('2020-09-21T10:42:50+00:00'));
    // .NET drops trailing zeros of the fraction: a whole second has none.
    expect(dateShape('2020-09-21T10:42:50+00:00')).toBe(
      dateShape('2020-09-21T10:42:50.1234567+00:00'),
    );
    expect(dateShape('5/20/2024 4:23:26 AM')).toBeNull();
    expect(dateShape('2024-05-20')).toBeNull();
  });

  it('dates inside a text: the text around them must match', () => {
    const summary = (at: string) => builtInShape('summary', `ana on ${at}Z`, true);
    expect(summary('5/20/2024 4:23:26 AM')).toBe('text with a date (ana on ‹date›Z)');
    expect(summary('12/1/2026 10:05:09 PM')).toBe(summary('5/20/2024 4:23:26 AM'));
    expect(builtInShape('summary', 'bob on 5/20/2024 4:23:26 AMZ', true)).not.toBe(
      summary('5/20/2024 4:23:26 AM'),
    );
    expect(builtInShape('note', 'since 2024-05-20T04:23:26Z', true)).toBe(
      'text with a date (since ‹date›)',
    );
    expect(builtInShape('summary', 'sample string 4', true)).toBeNull();
  });

  it('GUIDs: casing and braces are part of the shape', () => {
    expect(guidShape('5c8131ab-8d9b-4aa0-875d-8f1f1bf16a0c')).toBe('guid (lower)');
    expect(guidShape('5C8131AB-8D9B-4AA0-875D-8F1F1BF16A0C')).toBe('guid (upper)');
    expect(guidShape('{5c8131ab-8d9b-4aa0-875d-8f1f1bf16a0c}')).toBe('guid (braced, lower)');
    expect(guidShape('{5c8131ab-8d9b-4aa0-875d-8f1f1bf16a0c')).toBeNull();
    expect(guidShape('5c8131ab8d9b4aa0875d8f1f1bf16a0c')).toBeNull();
    expect(builtInShape('id', '5c8131ab-8d9b-4aa0-875d-8f1f1bf16a0c', true)).toBe('guid (lower)');
  });

  it('ids: integers in *Id/*ID members, and a number is not a string', () => {
    expect(builtInShape('SessionID', '1', false)).toBe('id (number)');
    expect(builtInShape('userId', '42', false)).toBe('id (number)');
    expect(builtInShape('id', '42', false)).toBe('id (number)');
    expect(builtInShape('group_id', '42', false)).toBe('id (number)');
    expect(builtInShape('SessionID', '1', true)).toBe('id (string)');
    expect(builtInShape('IdRole', '9', false)).toBeNull();
    expect(builtInShape('Valid', '1', false)).toBeNull();
    expect(builtInShape('FailedLoginAttempts', '1', false)).toBeNull();
    expect(builtInShape('UserID', '1.5', false)).toBeNull();
  });

  it('user kinds still need the shape', () => {
    expect(shapeOfKind('date', 'not a date')).toBeNull();
    expect(shapeOfKind('guid', '42')).toBeNull();
    expect(shapeOfKind('id', 'abc')).toBeNull();
    expect(shapeOfKind('token', 'sample string 3')).toBe('token (text)');
    expect(shapeOfKind('token', '')).toBeNull();
    expect(shapeOfKind('any', '')).toBe('any');
  });

  it('cookies: the name and the attributes count, not the value or the expiry', () => {
    expect(cookieShape('sid=abc; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly')).toBe(
      cookieShape('sid=xyz; path=/; expires=Thu, 22 Oct 2026 07:28:00 GMT; HttpOnly'),
    );
    expect(cookieShape('sid=abc; HttpOnly')).not.toBe(cookieShape('sid=abc'));
    expect(cookieShape('sid=abc')).not.toBe(cookieShape('session=abc'));
  });
});
