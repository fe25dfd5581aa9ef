import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const MAIN = resolve(ROOT, 'dist/src/main.js');
const BARE_APP = resolve(ROOT, 'dist/bench/bare-app.js');
const CLI = resolve(ROOT, 'dist/src/cli/main.js');

export interface BenchService {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** `npm run cli -- ...` on the built CLI, against the same database the service will use. */
export async function runCli(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  return stdout;
}

/** Starts the built service (`dist/src/main.js`) on a free loopback port and waits for /health. */
export function startService(env: Record<string, string>): Promise<BenchService> {
  return startProcess(MAIN, '/health', env);
}

/** Starts the bare Nest yardstick app (`bench/bare-app.ts`) in its own process. */
export function startBareApp(): Promise<BenchService> {
  return startProcess(BARE_APP, '/constant', { NODE_ENV: 'production' });
}

async function startProcess(
  script: string,
  readyPath: string,
  env: Record<string, string>,
): Promise<BenchService> {
  const port = await freePort();
  let stderr = '';
  const child: ChildProcess = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    // Log lines go to /dev/null: they are written (the cost is measured), not kept.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited early:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not become ready:\n${stderr}`);
    }
    const healthy = await fetch(baseUrl + readyPath)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (healthy) break;
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
