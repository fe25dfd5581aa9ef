import { gzipSync } from 'node:zlib';
import { compareResponses, RecordedResponse } from './differ';
import { parseRules } from './rules';

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';

function response(
  body: string | Buffer,
  type = JSON_TYPE,
  extra: [string, string][] = [],
  status = 200,
): RecordedResponse {
  return {
    status,
    headers: [['content-type', type], ...extra],
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  };
}

const session = (values: Record<string, string>) =>
  `{"sessionID":${values.id ?? '1'},"userID":2,"userToken":"${values.token ?? 'q7Fz0y9KJ2pL1mN4xR8sT3vW'}",` +
  `"expiryDateUtc":"${values.date ?? '2024-05-20T04:23:26.0970256+00:00'}","userName":"${values.name ?? 'ana'}"}`;

const sessionXml = (values: Record<string, string>) =>
  '<UserSessionDTO xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:a">' +
  `<ExpiryDateUtc>${values.date ?? '2024-05-20T04:23:26.0970256+00:00'}</ExpiryDateUtc>` +
  '<Features xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">' +
  `<d2p1:string>a</d2p1:string><d2p1:string>${values.feature ?? 'b'}</d2p1:string></Features>` +
  `<SessionData i:nil="${values.nil ?? 'true'}" />` +
  `<SessionID>${values.id ?? '1'}</SessionID>` +
  `<UserToken>${values.token ?? 'q7Fz0y9KJ2pL1mN4xR8sT3vW'}</UserToken>` +
  '</UserSessionDTO>';

const noRules = parseRules({ rules: [] });

describe('compareResponses', () => {
  it('identical bytes, status and headers are identical', () => {
    expect(compareResponses(response(session({})), response(session({})), noRules)).toEqual({
      status: 'identical',
    });
  });

  it('the status comes first', () => {
    expect(
      compareResponses(
        response('{}', JSON_TYPE, [], 200),
        response('[]', JSON_TYPE, [], 401),
        noRules,
      ),
    ).toEqual({ status: 'different', path: 'status', legacy: '200', candidate: '401' });
  });

  it('compares the headers a client acts on, by name', () => {
    expect(
      compareResponses(response('{}'), response('{}', 'application/json'), noRules),
    ).toMatchObject({
      path: 'Content-Type',
      legacy: JSON_TYPE,
      candidate: 'application/json',
    });
    expect(
      compareResponses(
        response('{}', JSON_TYPE, [['server', 'Microsoft-IIS/8.5']]),
        response('{}'),
        noRules,
      ),
    ).toEqual({ status: 'identical' });
    expect(
      compareResponses(
        response('{}', JSON_TYPE, [['cache-control', 'no-cache']]),
        response('{}'),
        noRules,
      ),
    ).toMatchObject({ path: 'Cache-Control', legacy: 'no-cache', candidate: '(absent)' });
  });

  it('volatile headers are equal when present on both sides, different when one lacks them', () => {
    const legacy = response('{}', JSON_TYPE, [
      ['date', 'Tue, 01 Dec 2026 04:00:00 GMT'],
      ['set-cookie', 'sid=a; path=/; HttpOnly'],
    ]);
    const candidate = response('{}', JSON_TYPE, [
      ['date', 'Tue, 01 Dec 2026 04:00:09 GMT'],
      ['set-cookie', 'sid=b; path=/; HttpOnly'],
    ]);
    expect(compareResponses(legacy, candidate, noRules)).toEqual({
      status: 'equal',
      volatile: [
        { path: 'Date', shape: 'header' },
        { path: 'Set-Cookie', shape: 'header' },
      ],
    });
    expect(
      compareResponses(legacy, response('{}', JSON_TYPE, candidate.headers.slice(1, 2)), noRules),
    ).toMatchObject({ status: 'different', path: 'Set-Cookie', candidate: '(absent)' });
  });

  describe('JSON', () => {
    it('tokens, dates and ids of the same shape are equal up to volatile values', () => {
      const verdict = compareResponses(
        response(session({})),
        response(
          session({
            id: '57',
            token: 'Zx81kLmN0pQrStUvWxYz1234',
            date: '2026-12-01T04:30:00.123+00:00',
          }),
        ),
        noRules,
      );
      expect(verdict).toEqual({
        status: 'equal',
        volatile: [
          { path: '$.sessionID', shape: 'id (number)' },
          { path: '$.userToken', shape: 'token (opaque)' },
          { path: '$.expiryDateUtc', shape: 'date (ISO 8601, offset)' },
        ],
      });
    });

    it('a changed value is the first difference, with both values', () => {
      expect(
        compareResponses(response(session({})), response(session({ name: 'bob' })), noRules),
      ).toEqual({
        status: 'different',
        path: '$.userName',
        legacy: '"ana"',
        candidate: '"bob"',
      });
    });

    it('a date in another form is a difference', () => {
      expect(
        compareResponses(
          response(session({})),
          response(session({ date: '\\\\/Date(1716179006097)\\\\/' })),
          noRules,
        ),
      ).toMatchObject({ status: 'different', path: '$.expiryDateUtc' });
    });

    it('a renamed member, a reordered member, a missing member', () => {
      expect(
        compareResponses(response('{"userToken":"x"}'), response('{"token":"x"}'), noRules),
      ).toEqual({
        status: 'different',
        path: '$.userToken',
        legacy: 'member "userToken"',
        candidate: 'member "token"',
      });
      expect(
        compareResponses(response('{"a":1,"b":2}'), response('{"b":2,"a":1}'), noRules),
      ).toMatchObject({
        path: '$.a',
      });
      expect(compareResponses(response('{"a":1,"b":2}'), response('{"a":1}'), noRules)).toEqual({
        status: 'different',
        path: '$.b',
        legacy: 'member "b"',
        candidate: '(absent)',
      });
    });

    it('number text and types count: 1.0 is not 1, "5" is not 5', () => {
      expect(compareResponses(response('[1.0]'), response('[1]'), noRules)).toMatchObject({
        path: '$[0]',
        legacy: '1.0',
        candidate: '1',
      });
      expect(
        compareResponses(response('{"UserID":"5"}'), response('{"UserID":5}'), noRules),
      ).toMatchObject({
        path: '$.UserID',
        legacy: '"5"',
        candidate: '5',
      });
    });

    it('array elements by position, with the first missing one named', () => {
      expect(
        compareResponses(response('[{"Id":1},{"Id":2}]'), response('[{"Id":7}]'), noRules),
      ).toEqual({
        status: 'different',
        path: '$[1]',
        legacy: '{"Id":2}',
        candidate: '(absent)',
      });
    });

    it('whitespace only is equal, and says so', () => {
      expect(
        compareResponses(response('{"a":[1, 2]}'), response('{ "a" : [1,2] }'), noRules),
      ).toEqual({
        status: 'equal',
        volatile: [{ path: 'body', shape: 'formatting' }],
      });
    });

    it('a body that does not parse is compared as bytes', () => {
      expect(compareResponses(response('{"a":1'), response('{"a":2'), noRules)).toEqual({
        status: 'different',
        path: 'body byte 5',
        legacy: '"1"',
        candidate: '"2"',
      });
      expect(compareResponses(response('{}x'), response('{}'), noRules)).toMatchObject({
        path: 'body byte 2',
        candidate: '(ends after 2 bytes)',
      });
    });

    it('reads a gzip body before comparing', () => {
      const gz = (text: string) =>
        response(gzipSync(Buffer.from(text)), JSON_TYPE, [['content-encoding', 'gzip']]);
      expect(
        compareResponses(gz(session({})), gz(session({ name: 'bob' })), noRules),
      ).toMatchObject({
        path: '$.userName',
      });
    });
  });

  describe('XML', () => {
    const xml = (values: Record<string, string>) => response(sessionXml(values), XML_TYPE);

    it('volatile values by element path', () => {
      expect(
        compareResponses(
          xml({}),
          xml({ id: '9', token: 'Zx81kLmN0pQrStUvWxYz1234', date: '2026-12-01T04:30:00+00:00' }),
          noRules,
        ),
      ).toEqual({
        status: 'equal',
        volatile: [
          { path: '/UserSessionDTO/ExpiryDateUtc', shape: 'date (ISO 8601, offset)' },
          { path: '/UserSessionDTO/SessionID', shape: 'id (string)' },
          { path: '/UserSessionDTO/UserToken', shape: 'token (opaque)' },
        ],
      });
    });

    it('Z against an offset is a difference', () => {
      expect(
        compareResponses(xml({}), xml({ date: '2026-12-01T04:30:00Z' }), noRules),
      ).toMatchObject({
        status: 'different',
        path: '/UserSessionDTO/ExpiryDateUtc',
      });
    });

    it('repeated elements carry their index; attributes their @name', () => {
      expect(compareResponses(xml({}), xml({ feature: 'c' }), noRules)).toEqual({
        status: 'different',
        path: '/UserSessionDTO/Features/string[2]',
        legacy: '"b"',
        candidate: '"c"',
      });
      expect(compareResponses(xml({}), xml({ nil: 'false' }), noRules)).toEqual({
        status: 'different',
        path: '/UserSessionDTO/SessionData/@nil',
        legacy: '"true"',
        candidate: '"false"',
      });
    });

    it('a renamed element is named with both names', () => {
      const renamed = sessionXml({}).replace(/UserToken>/g, 'Token>');
      expect(compareResponses(xml({}), response(renamed, XML_TYPE), noRules)).toEqual({
        status: 'different',
        path: '/UserSessionDTO/UserToken',
        legacy: '<UserToken>',
        candidate: '<Token>',
      });
    });

    it('namespaces by URI: another prefix is no difference, another namespace is', () => {
      const prefixed = sessionXml({}).replace(/d2p1/g, 'q1');
      expect(compareResponses(xml({}), response(prefixed, XML_TYPE), noRules)).toEqual({
        status: 'equal',
        volatile: [{ path: 'body', shape: 'formatting' }],
      });
      const moved = sessionXml({}).replace('Serialization/Arrays', 'Serialization/Other');
      expect(compareResponses(xml({}), response(moved, XML_TYPE), noRules)).toEqual({
        status: 'different',
        path: '/UserSessionDTO/Features/string[1]',
        legacy: '<string> in "http://schemas.microsoft.com/2003/10/Serialization/Arrays"',
        candidate: '<string> in "http://schemas.microsoft.com/2003/10/Serialization/Other"',
      });
    });

    it('whitespace between elements and comments are not content; text is', () => {
      const pretty = sessionXml({})
        .replace(/></g, '>\n  <')
        .replace('<SessionID>', '<!-- x --><SessionID>');
      expect(compareResponses(xml({}), response(pretty, XML_TYPE), noRules)).toMatchObject({
        status: 'equal',
      });
      const empty = (inner: string) => response(`<A><B>${inner}</B></A>`, XML_TYPE);
      expect(compareResponses(empty(''), empty(' '), noRules)).toEqual({
        status: 'different',
        path: '/A/B',
        legacy: '(empty)',
        candidate: '" "',
      });
    });

    it('reads UTF-16 with a BOM as the same document', () => {
      const utf16 = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(sessionXml({}), 'utf16le'),
      ]);
      expect(compareResponses(xml({}), response(utf16, XML_TYPE), noRules)).toMatchObject({
        status: 'equal',
      });
    });

    it('a DOCTYPE is compared as bytes, never expanded', () => {
      const bomb = '<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;</a>';
      expect(
        compareResponses(response(bomb, XML_TYPE), response(`${bomb} `, XML_TYPE), noRules),
      ).toMatchObject({
        path: `body byte ${bomb.length}`,
      });
    });
  });

  describe('property bags: the value is named by the property', () => {
    const bag = (token: string, user: string) =>
      `{"appData":[{"n":"RefreshToken","v":"${token}"},{"n":"UserName","v":"${user}"}]}`;
    const bagXml = (token: string, user: string) =>
      response(
        '<S xmlns:d2p1="urn:c"><AppData>' +
          `<d2p1:Property><d2p1:Name>RefreshToken</d2p1:Name><d2p1:Value>${token}</d2p1:Value></d2p1:Property>` +
          `<d2p1:Property><d2p1:Name>UserName</d2p1:Name><d2p1:Value>${user}</d2p1:Value></d2p1:Property>` +
          '</AppData></S>',
        XML_TYPE,
      );
    const tokenA = 'ZI_rUY0QbBPZzGI7D4RN26xd-RjPcmvbaU96Rw69M0M';
    const tokenB = 'Xv8Le4ZnK05lmfIYfm8loCyTZ7DpZN-WrvcxvZzVkvw';

    it('JSON', () => {
      expect(
        compareResponses(response(bag(tokenA, 'ana')), response(bag(tokenB, 'ana')), noRules),
      ).toEqual({
        status: 'equal',
        volatile: [{ path: '$.appData[0].v', shape: 'token (opaque)' }],
      });
      expect(
        compareResponses(response(bag(tokenA, tokenA)), response(bag(tokenA, tokenB)), noRules),
      ).toMatchObject({
        status: 'different',
        path: '$.appData[1].v',
      });
    });

    it('XML', () => {
      expect(compareResponses(bagXml(tokenA, 'ana'), bagXml(tokenB, 'ana'), noRules)).toEqual({
        status: 'equal',
        volatile: [{ path: '/S/AppData/Property[1]/Value', shape: 'token (opaque)' }],
      });
      expect(
        compareResponses(bagXml(tokenA, tokenA), bagXml(tokenA, tokenB), noRules),
      ).toMatchObject({
        status: 'different',
        path: '/S/AppData/Property[2]/Value',
      });
    });
  });

  describe('user rules', () => {
    it('ignore drops a member or element on both sides', () => {
      const rules = parseRules({ rules: [{ ignore: ['$.userName', '//Features'] }] });
      expect(
        compareResponses(response(session({})), response(session({ name: 'bob' })), rules),
      ).toEqual({
        status: 'equal',
        volatile: [{ path: 'body', shape: 'formatting' }],
      });
      expect(
        compareResponses(response('{"a":1,"userName":"x"}'), response('{"a":1}'), rules),
      ).toMatchObject({
        status: 'equal',
      });
      const xml = (values: Record<string, string>) => response(sessionXml(values), XML_TYPE);
      expect(compareResponses(xml({}), xml({ feature: 'c' }), rules)).toMatchObject({
        status: 'equal',
      });
    });

    it('volatile of a kind: equal when both have the shape, different when not', () => {
      const rules = parseRules({
        rules: [{ volatile: { '$.userName': 'token', '$.userID': 'any' } }],
      });
      expect(
        compareResponses(response(session({})), response(session({ name: 'zed' })), rules),
      ).toEqual({ status: 'equal', volatile: [{ path: '$.userName', shape: 'token (text)' }] });
      expect(
        compareResponses(response(session({})), response(session({ name: '' })), rules),
      ).toMatchObject({ status: 'different', path: '$.userName' });
      const dateRule = parseRules({
        rules: [{ volatile: { '/UserSessionDTO/SessionID': 'date' } }],
      });
      const xml = (values: Record<string, string>) => response(sessionXml(values), XML_TYPE);
      expect(compareResponses(xml({}), xml({ id: '2' }), dateRule)).toMatchObject({
        status: 'different',
        path: '/UserSessionDTO/SessionID',
      });
    });

    it('headers: ignore, compare and volatile', () => {
      const rules = parseRules({
        rules: [
          { headers: { ignore: ['Cache-Control'], compare: ['X-Api'], volatile: ['X-Trace'] } },
        ],
      });
      const a = response('{}', JSON_TYPE, [
        ['cache-control', 'no-cache'],
        ['x-trace', '1'],
      ]);
      const b = response('{}', JSON_TYPE, [['x-trace', '2']]);
      expect(compareResponses(a, b, rules)).toEqual({
        status: 'equal',
        volatile: [{ path: 'X-Trace', shape: 'header' }],
      });
      expect(
        compareResponses(response('{}', JSON_TYPE, [['x-api', '1']]), response('{}'), rules),
      ).toMatchObject({
        path: 'X-Api',
      });
    });
  });
});
