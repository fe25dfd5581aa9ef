/**
 * The one launcher of the built service, shared by the tests and `npm run
 * bench` (which compiles it into dist/test/support).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** The checkout: the nearest folder above holding package.json (this file runs from test/ and from dist/test/). */
function repoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const REPO_ROOT = repoRoot(__dirname);
export const MAIN = resolve(REPO_ROOT, 'dist/src/main.js');

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RunningService {
  process: ChildProcess;
  pid: number;
  baseUrl: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface LaunchOptions {
  timeoutMs?: number;
  /** Another built script than the service (the bench's bare app). */
  script?: string;
  /** The path that answers 200 once it is ready. */
  readyPath?: string;
  /** Node options (the bench's `--cpu-prof`). */
  nodeArgs?: string[];
  /**
   * Keep standard output (the log lines) for `output()`; the bench sends them
   * to /dev/null instead: written (their cost is measured), not read.
   */
  keepStdout?: boolean;
}

/** Starts the built service (`node dist/src/main.js`) and waits until /health answers 200. */
export async function startService(
  env: Record<string, string>,
  options: LaunchOptions | number = {},
): Promise<RunningService> {
  const {
    timeoutMs = 60_000,
    script = MAIN,
    readyPath = '/health',
    nodeArgs = [],
    keepStdout = true,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not become ready:\n${output}`);
    }
    const healthy = await fetch(`${baseUrl}${readyPath}`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (healthy) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    process: child,
    pid: child.pid!,
    baseUrl,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** Runs the built service expecting it to fail; resolves with exit code and output. */
export async function runFailingService(
  env: Record<string, string>,
  as: { uid?: number; gid?: number } = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    ...as,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code: code as number | null, output };
}

export const CLI = resolve(REPO_ROOT, 'dist/src/cli/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`npm run cli -- ...`) with `input` on standard input;
 * killed after `timeoutMs` (default 180 s: opening the embedded database and
 * migrating it takes over a minute on a machine shared by many test runs).
 */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  input = '',
  timeoutMs = 180_000,
): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.stdin!.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code: code as number | null, stdout, stderr };
}
