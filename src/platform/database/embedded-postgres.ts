import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { DataDirLock } from './data-dir-lock';

const SOCKET_PORT = 5432;

/** DATA_DIR cannot be created or written by the user the service runs as. */
export class DataDirAccessError extends Error {}

function currentUser(): string {
  const { username, uid } = userInfo();
  return `${username} (uid ${uid})`;
}

/** Creates DATA_DIR if needed and checks that this process may read and write it. */
function ensureWritableDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DataDirAccessError(
      `DATA_DIR ${dir} is not usable by user ${currentUser()} (${code}): ` +
        'give that user read and write access to it, or set DATA_DIR to a directory it owns',
    );
  }
}

/**
 * PGlite (PostgreSQL compiled to WASM) served on a private Unix socket by
 * pglite-socket, so the app talks to it through the ordinary `pg` driver and
 * TypeORM's `postgres` driver: the same driver, SQL and migrations as a real
 * server. The socket lives in a fresh 0700 temp dir, not on TCP, so no other
 * local user can reach the unauthenticated embedded server. A directory on
 * disk is locked for the life of the process: a second PGlite copy of the
 * same files would silently diverge from the first.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly socketDir: string,
    private readonly lock: DataDirLock | undefined,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    let lock: DataDirLock | undefined;
    let target: string | undefined;
    if (dataDir !== 'memory') {
      const root = resolve(dataDir);
      ensureWritableDirectory(root);
      lock = DataDirLock.acquire(root);
      target = join(root, 'pgdata');
    }
    let db: PGlite | undefined;
    let socketDir: string | undefined;
    try {
      if (target) mkdirSync(target, { recursive: true });
      db = await PGlite.create(target);
      socketDir = mkdtempSync(join(tmpdir(), 'session-gateway-pg-'));
      const server = new PGLiteSocketServer({
        db,
        path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
        maxConnections,
      });
      await server.start();
      return new EmbeddedPostgres(db, server, socketDir, lock);
    } catch (error) {
      // A failed start leaves nothing behind: no socket directory, no lock.
      await db?.close().catch(() => undefined);
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
      lock?.release();
      throw error;
    }
  }

  /** Connection options for the `pg` driver. */
  get connection(): { host: string; port: number; username: string; database: string } {
    return { host: this.socketDir, port: SOCKET_PORT, username: 'postgres', database: 'postgres' };
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      rmSync(this.socketDir, { recursive: true, force: true });
      this.lock?.release();
    }
  }
}
