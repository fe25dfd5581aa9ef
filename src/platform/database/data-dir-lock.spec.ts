import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, DataDirLock, LOCK_FILE } from './data-dir-lock';

describe('DataDirLock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sg-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lockFile = () => join(dir, LOCK_FILE);

  it('writes our pid, and removes the file on release', () => {
    const lock = DataDirLock.acquire(dir);
    expect(readFileSync(lockFile(), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    lock.release();
  });

  it('refuses a second open of the same directory in this process', () => {
    const lock = DataDirLock.acquire(dir);
    try {
      expect(() => DataDirLock.acquire(dir)).toThrow(DataDirInUseError);
    } finally {
      lock.release();
    }
  });

  it('refuses while another live process holds it, naming the directory and the pid', async () => {
    const holder = spawn('sleep', ['30']);
    await once(holder, 'spawn');
    try {
      writeFileSync(lockFile(), `${holder.pid}\n`);
      expect(() => DataDirLock.acquire(dir)).toThrow(
        `DATA_DIR ${dir} is in use by process ${holder.pid}`,
      );
      expect(readFileSync(lockFile(), 'utf8')).toBe(`${holder.pid}\n`);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('recovers the stale lock of a killed process', async () => {
    const holder = spawn('sleep', ['30']);
    await once(holder, 'spawn');
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    writeFileSync(lockFile(), `${holder.pid}\n`);
    const lock = DataDirLock.acquire(dir);
    expect(readFileSync(lockFile(), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('treats a lock naming its own pid as stale (a restarted container reuses pids)', () => {
    writeFileSync(lockFile(), `${process.pid}\n`);
    const lock = DataDirLock.acquire(dir);
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('leaves a lock that is no longer its own in place on release', () => {
    const lock = DataDirLock.acquire(dir);
    writeFileSync(lockFile(), '1\n');
    lock.release();
    expect(readFileSync(lockFile(), 'utf8')).toBe('1\n');
  });
});
