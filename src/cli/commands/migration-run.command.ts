import { CliCommand } from '../cli-command';
import { withDatabase } from '../with-database';

export const migrationRunCommand: CliCommand = {
  name: 'migration:run',
  usage: 'migration:run    apply pending migrations to the configured database',
  async run() {
    return withDatabase(
      async ({ dataSource }) => {
        const applied = await dataSource.runMigrations();
        const names = applied.map((migration) => migration.name);
        process.stdout.write(
          names.length > 0 ? `applied: ${names.join(', ')}\n` : 'no pending migrations\n',
        );
        return 0;
      },
      { migrate: false },
    );
  },
};
