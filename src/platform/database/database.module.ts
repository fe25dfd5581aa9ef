import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OpenDatabase } from './database';

export const OPEN_DATABASE = Symbol('OPEN_DATABASE');

/**
 * Provides the TypeORM DataSource to the repositories. The database is opened
 * (and migrated) before Nest starts, so a bad DATABASE_URL stops start-up with
 * a clear message, and it is closed last, after every request has finished.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(OPEN_DATABASE) private readonly database: OpenDatabase) {}

  static forRoot(database: OpenDatabase) {
    return {
      module: DatabaseModule,
      providers: [
        { provide: OPEN_DATABASE, useValue: database },
        { provide: DataSource, useValue: database.dataSource },
      ],
      exports: [OPEN_DATABASE, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
