import { jsonSamples, readSeed } from '@test/support/wire/vector-fixtures';
import { readLegacyLoginAnswer } from './legacy-login-answer';

const seedSession = jsonSamples(readSeed('001'))[0];
const answer = (status: number, body: string) => readLegacyLoginAnswer(status, Buffer.from(body));

describe('readLegacyLoginAnswer', () => {
  it("accepts seed 001's UserSessionDTO bytes, keeping only the legacy UserID", () => {
    expect(answer(200, seedSession)).toEqual({ outcome: 'accepted', legacyUserId: 2 });
  });

  it('reads member names as Newtonsoft does (any case), with or without a BOM', () => {
    expect(answer(200, '\uFEFF{"UserID":7,"UserToken":"abc"}')).toEqual({
      outcome: 'accepted',
      legacyUserId: 7,
    });
    expect(answer(200, '{"USERTOKEN":"abc","userid":"7"}')).toEqual({
      outcome: 'accepted',
      legacyUserId: null,
    });
  });

  it('refuses on 401 whatever the body', () => {
    expect(answer(401, '')).toEqual({ outcome: 'refused' });
    expect(answer(401, seedSession)).toEqual({ outcome: 'refused' });
  });

  it.each([
    [403, '{}'],
    [404, ''],
    [302, ''],
    [500, '{"Message":"An error has occurred."}'],
    [503, seedSession],
  ])('gives no verdict on any other status (%i)', (status, body) => {
    expect(answer(status, body)).toEqual({ outcome: 'unavailable', cause: `status_${status}` });
  });

  it.each([
    ['HTML', '<html>Service Unavailable</html>'],
    ['truncated JSON', seedSession.slice(0, 100)],
    ['an array', `[${seedSession}]`],
    ['null', 'null'],
    ['no token', '{"userID":2}'],
    ['an empty token', '{"userToken":""}'],
    ['a token that is no string', '{"userToken":1}'],
    ['a session marked unauthorized', '{"userToken":"abc","isAuthorized":false}'],
  ])('gives no verdict on a 200 whose body is %s', (_label, body) => {
    expect(answer(200, body)).toEqual({ outcome: 'unavailable', cause: 'invalid_body' });
  });
});
