import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createTestApp, TestApp } from '@test/support/test-app';

describe('v2 sessions in OpenAPI', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('documents every route with its body, answers and v2 errors', () => {
    const document = SwaggerModule.createDocument(testApp.app, new DocumentBuilder().build());
    const create = document.paths['/v2/sessions'].post!;
    expect(create.summary).toBe('Create a session (modern login)');
    expect(create.description).toContain('accessTokenExpirationDate');
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '429']);
    const byId = document.paths['/v2/sessions/{id}'];
    expect(byId.get?.summary).toBe('Read a session');
    expect(Object.keys(byId.patch!.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
    ]);
    expect(byId.patch!.description).toContain('403 (gRPC 7, SessionTokenInvalid)');
    expect(Object.keys(byId.delete!.responses).sort()).toEqual(['200', '401', '403', '404']);
    expect(document.paths['/v2/sessions/search'].post?.summary).toBe('Search active sessions');
    const created = create.responses['201'] as {
      content: Record<string, { schema: { properties: object } }>;
    };
    expect(Object.keys(created.content['application/json'].schema.properties)).toEqual([
      'details',
      'sessionId',
      'sessionToken',
      'accessToken',
      'accessTokenExpirationDate',
    ]);
  });
});
