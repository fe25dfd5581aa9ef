import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Readiness } from './readiness';

const PING_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), PING_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
    private readonly readiness: Readiness,
  ) {}

  async ping(key = 'database') {
    const indicator = this.health.check(key);
    try {
      await withTimeout(this.dataSource.query('SELECT 1'));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /** Up when every migration this build knows has been applied. */
  async migrations(key = 'migrations') {
    const indicator = this.health.check(key);
    try {
      const pending = await withTimeout(this.dataSource.showMigrations());
      return pending ? indicator.down({ message: 'migrations are pending' }) : indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /** Down from the moment a shutdown begins. */
  accepting(key = 'process') {
    const indicator = this.health.check(key);
    return this.readiness.shuttingDown
      ? indicator.down({ message: 'shutting down' })
      : indicator.up();
  }
}
