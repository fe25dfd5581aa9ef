import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'session-gateway.pid';

/** Another live process holds the data directory: two PGlite copies of one directory diverge. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${pid}: stop that process, or use another DATA_DIR`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').split('\n', 1)[0], 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * One process per embedded data directory, held for the life of the process:
 * the way PostgreSQL's postmaster.pid works. The lock file is created with
 * O_EXCL and holds our pid. A lock whose pid is gone (a killed process), or is
 * our own or our parent's (a container restarted with the same pids), is stale
 * and replaced; any other live pid makes the second opener fail at once.
 */
export class DataDirLock {
  /** Lock files this process holds: a second open in the same process is refused too. */
  private static readonly held = new Set<string>();
  private released = false;
  private readonly releaseOnExit = () => this.release();

  private constructor(private readonly path: string) {
    DataDirLock.held.add(path);
    process.once('exit', this.releaseOnExit);
  }

  static acquire(dataDir: string): DataDirLock {
    const path = join(dataDir, LOCK_FILE);
    if (DataDirLock.held.has(path)) throw new DataDirInUseError(dataDir, process.pid);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
        closeSync(fd);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = holderOf(path);
      const stale =
        holder === null || holder === process.pid || holder === process.ppid || !isAlive(holder);
      if (!stale) throw new DataDirInUseError(dataDir, holder);
      try {
        unlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    throw new DataDirInUseError(dataDir, holderOf(path) ?? 0);
  }

  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): void {
    if (this.released) return;
    this.released = true;
    DataDirLock.held.delete(this.path);
    process.removeListener('exit', this.releaseOnExit);
    if (holderOf(this.path) === process.pid) unlinkSync(this.path);
  }
}
