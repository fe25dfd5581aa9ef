import { AddressInfo } from 'node:net';
import {
  createTestApp,
  createUserWithPassword,
  TEST_API_KEY,
  TEST_PASSWORD,
  TestApp,
} from '@test/support/test-app';
import {
  buildClient,
  CLIENT_FIXTURES_DIR,
  CLIENT_TIME_ZONE,
  monoInstalled,
  runClient,
} from './dotnet-client';

// The project's own .NET client (test/dotnet/client, Mono) against the real app on a TCP port.
// Under CI a missing Mono is a failure: .ci/run installs it.
const mono = monoInstalled();
if (!mono && process.env.CI === 'true') {
  throw new Error(
    'Mono (mcs, mono) is not installed: apt-get install mono-devel libnewtonsoft-json-cil-dev',
  );
}
const suite = mono ? describe : describe.skip;

suite('the .NET conformance client (Mono) against the live app', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let checks: string[];

  beforeAll(async () => {
    buildClient();
    const listed = await runClient(['--list']);
    checks = listed.stdout.trim().split('\n');
    testApp = await createTestApp({ LEGACY_TIME_ZONE: CLIENT_TIME_ZONE });
    await new Promise<void>((done) => testApp.server.listen(0, '127.0.0.1', done));
    baseUrl = `http://127.0.0.1:${(testApp.server.address() as AddressInfo).port}`;
  }, 240_000);

  afterAll(() => testApp?.close());

  it('passes every check, each listed (--save-cases when DOTNET_SAVE_CASES=1)', async () => {
    const admin = await createUserWithPassword(testApp, { roles: ['admin'] });
    const save = process.env.DOTNET_SAVE_CASES === '1' ? ['--save-cases', CLIENT_FIXTURES_DIR] : [];
    const run = await runClient([
      '--url',
      baseUrl,
      '--admin-user',
      admin.username,
      '--admin-password',
      TEST_PASSWORD,
      '--api-key',
      TEST_API_KEY,
      ...save,
    ]);
    const lines = run.stdout.split('\n');
    const outcome = (check: string) =>
      lines.find((line) => line.slice(6) === check || line.slice(6).startsWith(`${check}: `)) ??
      `MISSING ${check}`;
    expect(checks.length).toBeGreaterThanOrEqual(41);
    expect(checks.map(outcome).filter((line) => !line.startsWith('PASS'))).toEqual([]);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^checks: ${checks.length}, passed: ${checks.length}, failed: 0, skipped: 0 `),
      ),
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  }, 180_000);
});
