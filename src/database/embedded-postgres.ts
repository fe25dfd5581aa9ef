import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SOCKET_PORT = 5432;

/**
 * PGlite (PostgreSQL compiled to WASM) served on a private Unix socket by
 * pglite-socket, so the app talks to it through the ordinary `pg` driver and
 * TypeORM's `postgres` driver: the same driver, SQL and migrations as a real
 * server. The socket lives in a fresh 0700 temp dir, not on TCP, so no other
 * local user can reach the unauthenticated embedded server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly socketDir: string,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    const inMemory = dataDir === 'memory';
    let target: string | undefined;
    if (!inMemory) {
      target = resolve(dataDir, 'pgdata');
      mkdirSync(target, { recursive: true });
    }
    const db = await PGlite.create(target);
    const socketDir = mkdtempSync(join(tmpdir(), 'session-gateway-pg-'));
    const server = new PGLiteSocketServer({
      db,
      path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
      maxConnections,
    });
    await server.start();
    return new EmbeddedPostgres(db, server, socketDir);
  }

  /** Connection options for the `pg` driver. */
  get connection(): { host: string; port: number; username: string; database: string } {
    return { host: this.socketDir, port: SOCKET_PORT, username: 'postgres', database: 'postgres' };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(this.socketDir, { recursive: true, force: true });
  }
}
