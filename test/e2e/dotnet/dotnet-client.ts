import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@test/support/service-process';

/** The C# client (test/dotnet/client) and the cases it saved (test/dotnet/fixtures/client). */
export const CLIENT_DIR = join(REPO_ROOT, 'test/dotnet/client');
export const CLIENT_FIXTURES_DIR = join(REPO_ROOT, 'test/dotnet/fixtures/client');
const CLIENT_EXE = join(CLIENT_DIR, 'bin/conformance-client.exe');

/** The zone the fixtures were made in: Local-kind dates the client writes carry its offset (-06:00). */
export const CLIENT_TIME_ZONE = 'America/Mexico_City';

export function monoInstalled(): boolean {
  return (
    spawnSync('sh', ['-c', 'command -v mcs && command -v mono'], { stdio: 'ignore' }).status === 0
  );
}

/** Compiles the client with mcs (a no-op when it is up to date). */
export function buildClient(): void {
  const build = spawnSync(join(CLIENT_DIR, 'build.sh'), { encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`build.sh failed:\n${build.stdout}${build.stderr}`);
}

export interface ClientRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the client asynchronously (the app under test answers from this same process). */
export function runClient(args: string[]): Promise<ClientRun> {
  return new Promise((resolve) => {
    execFile(
      'mono',
      [CLIENT_EXE, ...args],
      { env: { ...process.env, TZ: CLIENT_TIME_ZONE }, timeout: 120_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
