import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import {
  createTestApp,
  createUserWithPassword,
  TEST_PASSWORD,
  TestApp,
} from '@test/support/test-app';
import { REPO_ROOT } from '@test/support/service-process';
import { MISTYPED_CLIENT, TYPED_CLIENT } from './typed-client.fixture';

const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');
const OPENAPI_TS = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');
const TSC = require.resolve('typescript/bin/tsc');

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer: string }>;
}

/** Runs a Node CLI without blocking the event loop (the app under test answers in this process). */
async function runNode(args: string[], cwd: string) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Warnings the document accepts knowingly. XML examples are the text the wire
 * layer writes, a string, which redocly checks against the object schema as
 * if it were JSON. Health, metrics and the Help pages answer no 4xx. The
 * service is UNLICENSED (package.json): there is no licence to name.
 */
function isAcceptedWarning(problem: Problem): boolean {
  const pointer = problem.location[0]?.pointer ?? '';
  if (problem.ruleId === 'info-license') return true;
  if (problem.ruleId === 'no-invalid-media-type-examples')
    return /~1xml\/example$/.test(pointer) && /type must be (object|array)/.test(problem.message);
  if (problem.ruleId === 'operation-4xx-response')
    // Routes with no 4xx of their own: probes, pages, the public key set.
    return /^#\/paths\/~1(health|metrics|Help|\.well-known)[^/]*\/get\/responses$/.test(pointer);
  return false;
}

describe('OpenAPI document for tools (redocly, openapi-typescript, a typed client)', () => {
  let testApp: TestApp;
  let workDir: string;
  let documentFile: string;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.server.address() as AddressInfo).port}`;
    workDir = mkdtempSync(join(tmpdir(), 'openapi-tools-'));
    // The generated client compiles against the project's TypeScript and @types/node.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(workDir, 'node_modules'), 'dir');
    documentFile = join(workDir, 'openapi.json');
    const response = await request(testApp.server).get('/docs-json').expect(200);
    writeFileSync(documentFile, response.text);
  });
  afterAll(async () => {
    await testApp.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('passes `redocly lint` (recommended rules) with no errors and only known warnings', async () => {
    const result = await runNode(
      [REDOCLY, 'lint', documentFile, '--format=json', '--max-problems=100000'],
      workDir,
    );
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number };
      problems: Problem[];
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(result.code).toBe(0);
    expect(report.problems.filter((p) => !isAcceptedWarning(p))).toEqual([]);
  }, 120_000);

  describe('types from openapi-typescript', () => {
    let types: string;

    beforeAll(async () => {
      const result = await runNode(
        [OPENAPI_TS, documentFile, '-o', join(workDir, 'schema.d.ts')],
        workDir,
      );
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      types = readFileSync(join(workDir, 'schema.d.ts'), 'utf8');
    }, 120_000);

    it('name the contracts (components.schemas is not never)', () => {
      expect(types).not.toMatch(/schemas: never/);
      for (const name of ['CreateSessionResponse', 'UserSessionDTO', 'AdminUserPage', 'HttpError'])
        expect(types).toContain(`    ${name}: {`);
      expect(types).toContain('"UserSessionDTO.xml": {');
      expect(types).toContain('accessToken: string | null;');
    });

    it('compile a strict typed client that logs in, reads its session and lists users', async () => {
      writeFileSync(join(workDir, 'client.ts'), TYPED_CLIENT);
      const compiled = await runNode(
        [
          TSC,
          ...['--strict', '--target', 'es2022', '--module', 'commonjs', '--types', 'node'],
          ...['--outDir', join(workDir, 'out'), 'client.ts'],
        ],
        workDir,
      );
      expect(compiled.stdout + compiled.stderr).toBe('');
      expect(compiled.code).toBe(0);

      const admin = await createUserWithPassword(testApp, { roles: ['admin'] });
      const run = await runNode(
        [join(workDir, 'out/client.js'), baseUrl, admin.username, TEST_PASSWORD],
        workDir,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(summary).toEqual({
        sessionId: expect.stringMatching(/^\d+$/),
        readId: summary.sessionId,
        loginName: admin.username,
        userNames: expect.arrayContaining([admin.username]),
        totalCount: expect.any(Number),
      });
    }, 120_000);

    it('reject a client that misuses them', async () => {
      writeFileSync(join(workDir, 'mistyped.ts'), MISTYPED_CLIENT);
      const compiled = await runNode(
        [TSC, '--strict', '--noEmit', '--types', 'node', 'mistyped.ts'],
        workDir,
      );
      expect(compiled.code).not.toBe(0);
      expect(compiled.stdout).toContain("Property 'Token' does not exist");
      expect(compiled.stdout).toMatch(
        /mistyped\.ts\(11,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/,
      );
    }, 120_000);
  });
});
