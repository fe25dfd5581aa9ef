import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { LoadOptions, LoadResult } from './load';

/** One line describing where the numbers come from. */
export function machine(): string {
  const cpu = cpus();
  return (
    `node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'CPU'}, ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`
  );
}

/** A load in its own process, so its client work does not slow the autocannon measuring alongside. */
export async function stormInWorker(options: LoadOptions): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    [resolve(__dirname, 'storm-worker.js'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`storm worker exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}
