import { Command } from 'commander';
import { runMigrationsUnderLock } from '@/platform/database/database';
import { withDatabase } from '../with-database';

export function migrationRunCommand(): Command {
  return new Command('migration:run')
    .description('apply pending migrations to the configured database (they also run at start-up)')
    .action(() =>
      withDatabase(
        async ({ dataSource }) => {
          const applied = await runMigrationsUnderLock(dataSource);
          const names = applied.map((migration) => migration.name);
          process.stdout.write(
            names.length > 0 ? `applied: ${names.join(', ')}\n` : 'no pending migrations\n',
          );
        },
        { migrate: false },
      ),
    );
}
