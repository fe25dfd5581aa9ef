import { GenericResponse, UserLogged, UsuarioDto } from '@/legacy/contracts';
import { prettyJson } from '@/docs/samples/pretty-json';
import { prettyXml } from '@/docs/samples/pretty-xml';
import { SampleGenerator } from '@/docs/samples/sample-generator';
import { sampleContext } from '@/docs/samples/wire-samples';
import { ContractClass, Negotiated, WireCodec } from '@/wire';
import { createTestApp, TestApp } from '@test/support/test-app';
import { compactJson, getHelp, pageSamples, unescapeHtml } from './docs-helpers';

const ZONE = 'America/Chicago';
const COMPRESSED: Negotiated = {
  formatter: 'compressed-json',
  mediaType: 'application/x-compressed-json',
  charset: null,
  contentType: 'application/x-compressed-json',
};

/** What the wire layer itself writes for a contract's Help sample instance. */
function wireOutput(contract: ContractClass) {
  const codec = new WireCodec();
  const instance = SampleGenerator.build(contract);
  const context = sampleContext(ZONE);
  return {
    json: codec.writeJson(contract, instance, context),
    xml: codec.writeXml(contract, instance, context),
    compressed: codec.encode(contract, instance, COMPRESSED, context),
  };
}

function rows(html: string, section: RegExp): string[][] {
  const part = section.exec(html)?.[0] ?? '';
  return [...part.matchAll(/<tr>\s*<td class="parameter-name">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[0].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      unescapeHtml(cell[1].replace(/<[^>]+>/g, '').trim()),
    ),
  );
}

const BODY = /<h3>Body Parameters<\/h3>[\s\S]*?(?=<h3 id="request-formats">|<h2)/;
const RESOURCE = /<h3>Resource Description<\/h3>[\s\S]*?(?=<h3 id="response-formats">|$)/;
const URI = /<h3>URI Parameters<\/h3>[\s\S]*?(?=<h3>Body)/;

describe('/Help', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ LEGACY_TIME_ZONE: ZONE });
  });
  afterAll(() => testApp.close());

  it('lists the legacy routes, publicly, as HTML', async () => {
    const response = await getHelp(testApp, '/Help').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const links = [...response.text.matchAll(/<a href="\/Help\/Api\/([^"]+)">([^<]+)<\/a>/g)];
    expect(links.map((link) => link[2])).toEqual([
      'POST Auth/Login',
      'GET Auth/Session',
      'POST Auth/Refresh',
      'POST Auth/Logout',
      'POST api/Auth?IP={IP}',
      'POST api/kill-session',
    ]);
    expect(links.map((link) => link[1])).toEqual([
      'POST-Auth-Login',
      'GET-Auth-Session',
      'POST-Auth-Refresh',
      'POST-Auth-Logout',
      'POST-api-Auth_IP',
      'POST-api-kill-session',
    ]);
    for (const [, id] of links) await getHelp(testApp, `/Help/Api/${id}`).expect(200);
  });

  it('finds a page by its id case-insensitively, as ASP.NET does', async () => {
    const response = await getHelp(testApp, '/help/api/post-API-KILL-session').expect(200);
    expect(response.text).toContain('<h1>POST api/kill-session</h1>');
  });

  describe('POST api/kill-session', () => {
    let html: string;
    beforeAll(async () => {
      html = (await getHelp(testApp, '/Help/Api/POST-api-kill-session').expect(200)).text;
    });

    it('describes URI and body parameters as ASP.NET words them', () => {
      expect(URI.exec(html)?.[0]).toContain('<p>None.</p>');
      const body = rows(html, BODY);
      expect(body).toHaveLength(24);
      expect(body[0]).toEqual(['Id', '', 'integer', 'None.']);
      expect(body.find((row) => row[0] === 'CreationDate')).toEqual([
        'CreationDate',
        '',
        'date',
        'None.',
      ]);
      expect(body.find((row) => row[0] === 'IdIssuerBranches')?.[2]).toBe('Collection of integer');
      expect(BODY.exec(html)?.[0]).toContain('modelName=UsuarioDto">UsuarioDto</a>');
      expect(rows(html, RESOURCE)).toEqual([
        ['Success', '', 'boolean', 'None.'],
        ['Message', '', 'string', 'None.'],
        ['Data', '', 'Object', 'None.'],
      ]);
    });

    it("shows the wire layer's own JSON and XML for the sample instance, byte for byte", () => {
      const samples = pageSamples(html, 'request');
      const request = wireOutput(UsuarioDto);
      for (const type of ['application/json', 'text/json']) {
        expect(compactJson(samples[type]!)).toBe(request.json);
        expect(samples[type]).toBe(prettyJson(request.json));
      }
      for (const type of ['application/xml', 'text/xml']) {
        expect(samples[type]!.replace(/>\n *</g, '><')).toBe(request.xml);
        expect(samples[type]).toBe(prettyXml(request.xml));
      }
      expect(Buffer.from(samples['application/x-compressed-json']!, 'base64')).toEqual(
        request.compressed,
      );
      expect(samples['application/x-www-form-urlencoded']).toBeNull();
      expect(html).toContain('<p>Sample not available.</p>');
    });

    it('builds the sample as ASP.NET does (seed 000 numbering)', () => {
      const json = pageSamples(html, 'request')['application/json']!;
      expect(json).toContain('\n  "Username": "sample string 2",\n');
      expect(json).toContain('\n  "FailedLoginAttempts": 1,\n  "IdRole": 9,\n');
      expect(json).toContain('\n  "IdUser": 13,\n');
      expect(json).toContain('"CreationDate": "2026-01-13T05:55:51.3021511-06:00"');
      expect(pageSamples(html, 'request')['application/xml']).toContain(
        '<UsuarioDto xmlns:i="http://www.w3.org/2001/XMLSchema-instance" ' +
          'xmlns="http://schemas.datacontract.org/2004/07/Model.Dto">\n  <Active>true</Active>\n',
      );
    });

    it('shows the response samples from the wire layer too', () => {
      const samples = pageSamples(html, 'response');
      const response = wireOutput(GenericResponse);
      expect(Object.keys(samples).sort()).toEqual([
        'application/json',
        'application/x-compressed-json',
        'application/xml',
        'text/json',
        'text/xml',
      ]);
      expect(samples['application/json']).toBe(
        '{\n  "Success": true,\n  "Message": "sample string 2",\n  "Data": {}\n}',
      );
      expect(compactJson(samples['text/json']!)).toBe(response.json);
      expect(samples['text/xml']!.replace(/>\n *</g, '><')).toBe(response.xml);
    });
  });

  it('POST api/Auth?IP={IP}: required URI parameter, required members, no JSON Token', async () => {
    const html = (await getHelp(testApp, '/Help/Api/POST-api-Auth_IP').expect(200)).text;
    expect(rows(html, URI)).toEqual([
      [
        'IP',
        "The person's client IP the session is bound to (at most 64 characters)",
        'string',
        'Required',
      ],
    ]);
    const body = rows(html, BODY);
    expect(body.filter((row) => row[3] === 'Required').map((row) => row[0])).toEqual([
      'id',
      'deleted',
      'state_id',
    ]);
    expect(body.find((row) => row[0] === 'id')?.[2]).toBe('globally unique identifier');
    expect(body.find((row) => row[0] === 'view_info')?.[2]).toBe('ViewInfo');
    const logged = wireOutput(UserLogged);
    expect(logged.json).not.toContain('Token');
    expect(logged.xml).toContain('<Token>');
    expect(html).not.toContain('&quot;Token&quot;');
    expect(html).toContain('&lt;Token&gt;sample string 3&lt;/Token&gt;');
  });

  it('POST Auth/Login: collection, enum and contract types as ASP.NET names them', async () => {
    const html = (await getHelp(testApp, '/Help/Api/POST-Auth-Login').expect(200)).text;
    const resource = rows(html, RESOURCE);
    const typeOf = (name: string) => resource.find((row) => row[0] === name)?.[2];
    expect(typeOf('SessionData')).toBe('Collection of Object');
    expect(typeOf('Features')).toBe('Collection of string');
    expect(typeOf('RecordState')).toBe('RecordState');
    expect(typeOf('Created')).toBe('AuditDataDTO');
    expect(typeOf('ExpiryDateUtc')).toBe('date');
    expect(RESOURCE.exec(html)?.[0]).toContain(
      '<a href="/Help/ResourceModel?modelName=AuditDataDTO">AuditDataDTO</a>',
    );
    const model = await getHelp(testApp, '/Help/ResourceModel?modelName=AuditDataDTO').expect(200);
    expect(model.text).toContain('<td class="parameter-name">DateUtc</td>');
  });

  it('escapes everything it prints', async () => {
    const page = (await getHelp(testApp, '/Help/Api/POST-api-kill-session')).text;
    const pre = [...page.matchAll(/<pre class="wrapped">([\s\S]*?)<\/pre>/g)].map((m) => m[1]);
    for (const text of pre) expect(text).not.toMatch(/[<>"]/);
    const hostile = '<script>alert("x")</script>';
    const response = await getHelp(testApp, `/Help/Api/${encodeURIComponent(hostile)}`).expect(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).not.toContain('<script>');
    expect(response.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const model = await getHelp(
      testApp,
      `/Help/ResourceModel?modelName=${encodeURIComponent(hostile)}`,
    ).expect(404);
    expect(model.text).not.toContain('<script>');
  });
});
