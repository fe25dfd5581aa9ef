import {
  compressionBombs,
  expectRefusedUnchanged,
  inflatesPastLimit,
  PAYLOADS,
  rawRequest,
  sendHostile,
} from '@test/support/hostile';
import {
  authHeaders,
  BODY_ROUTES,
  BodyRoute,
  createHostileWorld,
  HostileWorld,
} from './hostile-routes';

interface BodyCase {
  name: string;
  contentType?: string;
  contentEncoding?: string;
  body: string | Buffer;
  status: 400 | 413 | 415;
  /** Admin/v2 error id when it is pinned. */
  code?: string;
}

const JSON_TYPE = 'application/json';
const XML_TYPE = 'application/xml';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const COMPRESSED = 'application/x-compressed-json';
const MIB = 1024 * 1024;

/** SPEC 6, item by item, shaped for one route's body contract. */
function bodyCases(route: BodyRoute): BodyCase[] {
  const [root, ns] = route.root;
  const xml = (inner: string) => `<${root} xmlns="${ns}">${inner}</${root}>`;
  const inX = (text: string) => xml(`<x>${text}</x>`);
  const bombs = compressionBombs();
  return [
    { name: 'malformed JSON', contentType: JSON_TYPE, body: '{"a":1,,}', status: 400 },
    { name: 'truncated JSON', contentType: JSON_TYPE, body: '{"a":"b', status: 400 },
    // A trailing document (`{}{}`) is not hostile: Newtonsoft never reads past the
    // root value, so it binds (test/dotnet/fixtures/json-reading, syntax/second-root).
    { name: 'JSON array instead of object', contentType: JSON_TYPE, body: '[{}]', status: 400 },
    {
      name: 'JSON wrong member types',
      contentType: JSON_TYPE,
      body: route.wrongTypes,
      status: 400,
    },
    {
      name: 'JSON __proto__ key',
      contentType: JSON_TYPE,
      body: '{"__proto__":{"polluted":true}}',
      status: 400,
    },
    {
      name: 'JSON constructor.prototype key',
      contentType: JSON_TYPE,
      body: '{"constructor":{"prototype":{"polluted":true}}}',
      status: 400,
    },
    {
      name: 'JSON nested 10,000 deep (arrays)',
      contentType: JSON_TYPE,
      body: PAYLOADS.nestedJson(),
      status: 400,
    },
    {
      name: 'JSON nested 10,000 deep (objects)',
      contentType: JSON_TYPE,
      body: PAYLOADS.nestedJsonObjects(),
      status: 400,
    },
    {
      name: 'JSON over 1 MiB',
      contentType: JSON_TYPE,
      body: `{"x":"${'a'.repeat(MIB)}"}`,
      status: 413,
    },
    { name: 'malformed XML', contentType: XML_TYPE, body: xml('<a><b></a>'), status: 400 },
    {
      name: 'truncated XML',
      contentType: XML_TYPE,
      body: xml('<x>1</x>').slice(0, -5),
      status: 400,
    },
    {
      name: 'XML wrong root',
      contentType: 'text/xml',
      body: '<Wrong xmlns="urn:x"/>',
      status: 400,
    },
    {
      name: 'XML billion laughs',
      contentType: XML_TYPE,
      body: PAYLOADS.billionLaughs(inX),
      status: 400,
    },
    {
      name: 'XML external entity',
      contentType: XML_TYPE,
      body: PAYLOADS.externalEntity(inX),
      status: 400,
    },
    {
      name: 'XML external parameter entity',
      contentType: 'text/xml',
      body: PAYLOADS.parameterEntity(inX),
      status: 400,
    },
    {
      name: 'XML nested 10,000 deep',
      contentType: XML_TYPE,
      body: xml('<a>'.repeat(PAYLOADS.deep) + '</a>'.repeat(PAYLOADS.deep)),
      status: 400,
    },
    {
      name: 'XML __proto__ element',
      contentType: XML_TYPE,
      body: xml('<__proto__><polluted>true</polluted></__proto__>'),
      status: 400,
    },
    {
      name: 'XML over 256 KiB',
      contentType: XML_TYPE,
      body: xml(`<x>${'a'.repeat(256 * 1024)}</x>`),
      status: 413,
    },
    {
      name: 'malformed form (broken escapes)',
      contentType: FORM_TYPE,
      body: '%E0%A4%A=1&%ZZ=%',
      status: 400,
    },
    { name: 'form with invalid UTF-8', contentType: FORM_TYPE, body: 'a=%FF%FE%FD', status: 400 },
    {
      name: 'form __proto__ key',
      contentType: FORM_TYPE,
      body: '__proto__[polluted]=1',
      status: 400,
    },
    {
      name: 'form constructor key',
      contentType: FORM_TYPE,
      body: 'constructor[prototype][polluted]=1',
      status: 400,
    },
    { name: 'form over 1 MiB', contentType: FORM_TYPE, body: `x=${'a'.repeat(MIB)}`, status: 413 },
    { name: 'DEFLATE bomb', contentType: COMPRESSED, body: bombs.deflate, status: 413 },
    { name: 'gzip bomb', contentType: COMPRESSED, body: bombs.gzip, status: 413 },
    { name: 'zlib bomb', contentType: COMPRESSED, body: bombs.zlib, status: 413 },
    {
      name: 'compressed JSON over 1 MiB once inflated',
      contentType: COMPRESSED,
      body: inflatesPastLimit(),
      status: 413,
    },
    {
      name: 'corrupt DEFLATE',
      contentType: COMPRESSED,
      body: Buffer.from('definitely not deflate'),
      status: 400,
    },
    { name: 'unsupported media type', contentType: 'text/plain', body: 'UserName=a', status: 415 },
    {
      name: 'unsupported media type (multipart)',
      contentType: 'multipart/form-data; boundary=x',
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      status: 415,
    },
    { name: 'a body without Content-Type', body: '{"a":1}', status: 415 },
  ];
}

const CODES: Record<number, string> = { 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' };

describe('hostile bodies on every route that reads one', () => {
  let world: HostileWorld;

  beforeAll(async () => {
    world = await createHostileWorld();
  });
  afterAll(() => world.testApp.close());

  const table = BODY_ROUTES.flatMap((route) =>
    bodyCases(route).map((c) => ({ route: route.name, routeDef: route, ...c })),
  );

  it.each(table)('$route: $name → $status', async ({ routeDef, contentType, body, status }) => {
    const headers: Record<string, string> = authHeaders(routeDef, world);
    if (contentType) headers['Content-Type'] = contentType;
    const outcome = await sendHostile(world.testApp, {
      method: routeDef.method,
      path: routeDef.path(world),
      headers,
      body,
    });
    const code = routeDef.family === 'legacy' ? undefined : CODES[status];
    expectRefusedUnchanged(outcome, routeDef.family, status, code);
  });

  it.each(BODY_ROUTES)('$name answers an XML caller in XML (malformed body)', async (route) => {
    const outcome = await sendHostile(world.testApp, {
      method: route.method,
      path: route.path(world),
      headers: {
        ...authHeaders(route, world),
        'Content-Type': JSON_TYPE,
        Accept: 'application/xml',
      },
      body: '{"a":1,,}',
    });
    expect(outcome.response.status).toBe(400);
    expect(outcome.response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(outcome.response.text).toMatch(/^<Error>.*<\/Error>$/);
    if (route.family === 'legacy') {
      expect(outcome.response.text).toMatch(
        /^<Error><Message>The request is invalid\.<\/Message><ModelState>/,
      );
    }
    expect(outcome.after).toEqual(outcome.before);
  });

  it('the valid request still works afterwards (the admin session was never harmed)', async () => {
    const res = await rawRequest(world.testApp.server, {
      method: 'GET',
      path: '/Auth/Session',
      headers: { Authorization: world.adminBearer },
    });
    expect(res.status).toBe(200);
  });
});
