import request from 'supertest';
import { createTestApp, TestApp } from '@test/support/test-app';

/** The console's files: public, under a strict CSP, hashed assets immutable and the page never stored. */
describe('admin console files (headers)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('serves the page without a token, no-store, under a CSP without inline script or style', async () => {
    const page = await request(testApp.server).get('/admin/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = page.headers['content-security-policy'];
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "script-src-attr 'none'",
      "style-src-attr 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.text).not.toMatch(/<script>|<style|style=/);
  });

  it('serves the hashed script and stylesheet as immutable', async () => {
    const page = await request(testApp.server).get('/admin/');
    const assets = [...page.text.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const res = await request(testApp.server).get(asset).expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('answers 404 for a file that is not there, and never lists the directory', async () => {
    expect((await request(testApp.server).get('/admin/assets/missing-AAAAAAAA.js')).status).toBe(
      404,
    );
    expect((await request(testApp.server).get('/admin/assets/')).status).toBe(404);
  });
});
