import request from 'supertest';
import {
  GenericResponse,
  UserInfo,
  UserLogged,
  UserSessionDTO,
  UsuarioDto,
} from '@/legacy/contracts';
import { LoginRequestDto, RefreshRequestDto } from '@/legacy/contracts/login-request.contract';
import { SampleGenerator, SAMPLE_INSTANT } from '@/docs/samples/sample-generator';
import {
  ContractClass,
  contractRegistry,
  openApiSchemaFor,
  openApiXmlSchemaFor,
  WireCodec,
} from '@/wire';
import { createTestApp, TestApp } from '@test/support/test-app';
import { inlineRefs, servedRoutes } from './docs-helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RESPONSE_TYPES = [
  'application/json',
  'text/json',
  'application/xml',
  'text/xml',
  'application/x-compressed-json',
];
const REQUEST_TYPES = [...RESPONSE_TYPES, 'application/x-www-form-urlencoded'];

const LEGACY: Array<{
  method: string;
  path: string;
  response: ContractClass;
  body: ContractClass | null;
  errors: string[];
  security: Json[];
}> = [
  {
    method: 'post',
    path: '/Auth/Login',
    response: UserSessionDTO,
    body: LoginRequestDto,
    errors: ['400', '401', '413', '415', '429', '500'],
    security: [{ basic: [] }, {}],
  },
  {
    method: 'get',
    path: '/Auth/Session',
    response: UserSessionDTO,
    body: null,
    errors: ['401', '500'],
    security: [{ bearer: [] }],
  },
  {
    method: 'post',
    path: '/Auth/Refresh',
    response: UserSessionDTO,
    body: RefreshRequestDto,
    errors: ['400', '401', '413', '415', '429', '500'],
    security: [{ 'X-Refresh-Token': [] }, {}],
  },
  {
    method: 'post',
    path: '/Auth/Logout',
    response: GenericResponse,
    body: null,
    errors: ['401', '500'],
    security: [{ bearer: [] }],
  },
  {
    method: 'post',
    path: '/api/Auth',
    response: UserLogged,
    body: UserInfo,
    errors: ['400', '401', '413', '415', '429', '500'],
    security: [{ 'X-Api-Key': [] }],
  },
  {
    method: 'post',
    path: '/api/kill-session',
    response: GenericResponse,
    body: UsuarioDto,
    errors: ['400', '401', '403', '413', '415', '500'],
    security: [{ bearer: [] }],
  },
];

describe('/docs and /docs-json', () => {
  let testApp: TestApp;
  let document: Json;

  beforeAll(async () => {
    testApp = await createTestApp({ LEGACY_TIME_ZONE: 'America/Chicago' });
    // No bearer token: SwaggerModule serves through the adapter, outside the global guard.
    const response = await request(testApp.server).get('/docs-json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.body as Json;
  });
  afterAll(() => testApp.close());

  it('is an OpenAPI 3 document with the decisions in its description', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('session-gateway');
    expect(document.info.description).toContain('UserLogged JSON carries no `Token`');
    expect(document.info.description).toContain('The refresh token is only echoed when issued');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'X-Api-Key',
      'X-Refresh-Token',
      'basic',
      'bearer',
      'oauth-client',
    ]);
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('lists every route the app serves, and nothing else', () => {
    const documented: string[] = [];
    for (const [path, item] of Object.entries(document.paths as Json))
      for (const method of Object.keys(item)) documented.push(`${method.toUpperCase()} ${path}`);
    const served = servedRoutes(testApp);
    expect(served.length).toBeGreaterThan(25);
    expect(documented.sort()).toEqual(served);
  });

  it('serves Swagger UI without a token', async () => {
    const response = await request(testApp.server).get('/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('swagger-ui');
  });

  describe.each(LEGACY)('$method $path', ({ method, path, response, body, errors, security }) => {
    const operation = () => document.paths[path][method] as Json;

    it('answers its contract in every media type, referencing the registry schemas', () => {
      const ok = operation().responses['200'];
      expect(Object.keys(ok.content).sort()).toEqual([...RESPONSE_TYPES].sort());
      const name = contractRegistry.plan(response).name;
      for (const type of ['application/json', 'text/json']) {
        expect(ok.content[type].schema).toEqual({ $ref: `#/components/schemas/${name}` });
        expect(inlineRefs(document, ok.content[type].schema)).toEqual(openApiSchemaFor(response));
      }
      for (const type of ['application/xml', 'text/xml']) {
        // `<Name>.xml` when the XML form differs (GenericResponse's does not: one schema).
        expect(ok.content[type].schema.$ref).toMatch(
          new RegExp(`^#/components/schemas/${name}(\\.xml)?$`),
        );
        expect(inlineRefs(document, ok.content[type].schema)).toEqual(
          openApiXmlSchemaFor(response),
        );
      }
      expect(ok.content['application/x-compressed-json'].schema.allOf).toEqual([
        { $ref: `#/components/schemas/${name}` },
      ]);
    });

    it('documents its errors as Web API HttpError bodies in JSON and XML', () => {
      const codes = Object.keys(operation().responses).filter((code) => Number(code) >= 400);
      expect(codes.sort()).toEqual(errors);
      for (const code of codes) {
        const content = operation().responses[code].content;
        expect(Object.keys(content).sort()).toEqual([...RESPONSE_TYPES].sort());
        expect(content['application/json'].schema).toEqual({
          $ref: '#/components/schemas/HttpError',
        });
        expect(inlineRefs(document, content['application/xml'].schema).xml).toEqual({
          name: 'Error',
        });
        expect(content['application/xml'].example).toMatch(/^<Error><Message>/);
      }
      expect(operation().responses['401']?.content['application/json'].example).toEqual(
        errors.includes('401')
          ? { Message: 'Authorization has been denied for this request.' }
          : undefined,
      );
    });

    it('names its credentials', () => {
      expect(operation().security).toEqual(security);
      expect(
        (operation().parameters as Json[]).filter((p) => p.in === 'header').map((p) => p.name),
      ).toEqual([]);
    });

    it('reads its body in every request format', () => {
      if (!body) return expect(operation().requestBody).toBeUndefined();
      const content = operation().requestBody.content;
      expect(Object.keys(content).sort()).toEqual([...REQUEST_TYPES].sort());
      const xml = inlineRefs(document, content['application/xml'].schema);
      expect(xml.xml).toEqual({
        name: contractRegistry.plan(body).name,
        namespace: contractRegistry.plan(body).namespace,
      });
      // A request carries only the members the contract requires (IsRequired); answers carry all.
      expect(xml.required ?? []).toEqual(
        contractRegistry
          .plan(body)
          .xmlMembers.filter((member) => member.required)
          .map((member) => member.xmlName),
      );
    });
  });

  it('requires IP on POST api/Auth', () => {
    const parameters = document.paths['/api/Auth'].post.parameters as Json[];
    expect(parameters).toEqual([
      expect.objectContaining({ name: 'IP', in: 'query', required: true }),
    ]);
  });

  it('gives samples written by the wire layer as examples', () => {
    const codec = new WireCodec();
    const context = { timeZone: 'America/Chicago', now: SAMPLE_INSTANT.getTime() };
    const sample = SampleGenerator.build(UsuarioDto);
    const content = document.paths['/api/kill-session'].post.requestBody.content;
    expect(content['application/xml'].example).toBe(codec.writeXml(UsuarioDto, sample, context));
    expect(content['application/json'].example).toEqual(
      JSON.parse(codec.writeJson(UsuarioDto, sample, context)),
    );
    // Read-only members are left out of request examples (ASP.NET's sample writes them).
    const userInfo = document.paths['/api/Auth'].post.requestBody.content['application/json'];
    expect(userInfo.example).not.toHaveProperty('full_name');
    expect(userInfo.example).toHaveProperty('first_name', expect.any(String));
  });

  it('writes admin and v2 errors in their own formats', () => {
    const revoke = document.paths['/api/admin/v1/authenticated-sessions/revoke'].post.responses;
    expect(inlineRefs(document, revoke['404'].content['application/json'].schema).title).toBe(
      'AdminError',
    );
    expect(revoke['404'].content['application/json'].example).toEqual({
      Message: 'err_NoActiveSession',
    });
    const read = document.paths['/v2/sessions/{id}'].get.responses;
    expect(inlineRefs(document, read['404'].content['application/json'].schema).title).toBe(
      'V2Error',
    );
    expect(read['404'].content['application/json'].example).toMatchObject({
      code: 5,
      details: [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail' }],
    });
    expect(read['404'].content['text/xml'].example).toMatch(/^<Error><code>5<\/code>/);
  });

  it('gives the admin and v2 routes every media type too', () => {
    const list = document.paths['/api/admin/v1/authenticated-sessions/list'].get;
    expect(Object.keys(list.responses['200'].content).sort()).toEqual([...RESPONSE_TYPES].sort());
    const create = document.paths['/v2/sessions'].post;
    expect(Object.keys(create.requestBody.content).sort()).toEqual([...REQUEST_TYPES].sort());
    expect(create.security).toEqual([]);
  });

  it('names one schema per contract form, and every reference resolves', () => {
    const schemas = document.components.schemas as Json;
    for (const name of [
      'UserSessionDTO',
      'UserSessionDTO.xml',
      'CreateSessionRequest',
      'AdminUser',
    ])
      expect(schemas).toHaveProperty([name]);
    // v2 contracts read the same in JSON and XML: one schema, with its XML name and namespace.
    expect(schemas).not.toHaveProperty(['CreateSessionRequest.xml']);
    expect(schemas.CreateSessionRequest.xml).toEqual({
      name: 'CreateSessionRequest',
      namespace: 'http://schemas.datacontract.org/2004/07/SessionGateway.V2',
    });
    // A nested contract is a reference; its element is named after the member.
    expect(schemas['UserSessionDTO.xml'].properties.Created).toEqual({
      type: 'object',
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/AuditDataDTO.xml' }],
      xml: { name: 'Created' },
    });
    const refs = JSON.stringify(document).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(100);
    for (const ref of new Set(refs))
      expect(schemas).toHaveProperty([JSON.parse(ref).replace('#/components/schemas/', '')]);
  });

  it('puts a type beside every nullable, and says public routes need no credentials', () => {
    const nullableWithoutType: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (value === null || typeof value !== 'object') return;
      const node = value as Json;
      if (node.nullable === true && typeof node.type !== 'string') nullableWithoutType.push(path);
      for (const [key, item] of Object.entries(node)) walk(item, `${path}/${key}`);
    };
    walk(document, '#');
    expect(nullableWithoutType).toEqual([]);
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });
});
