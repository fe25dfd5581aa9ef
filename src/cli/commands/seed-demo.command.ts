import { Command, InvalidArgumentError } from 'commander';
import { PasswordHasher } from '@/users/passwords/password-hasher';
import { AppConfig } from '@/platform/config';
import { CliUsageError } from '../cli-usage-error';
import { DEMO_ADMIN_USERNAME, DEMO_PASSWORD, demoUserAgents } from '../seed/demo-data';
import { DemoSeeder } from '../seed/demo-seeder';
import { seedProgress } from '../seed/progress';
import { withDatabase } from '../with-database';

const BATCH_SIZE = 50_000;

/** A count such as `100000` or `100_000`. */
function count(value: string): number {
  const text = value.replace(/_/g, '');
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('expected a whole number');
  return Number(text);
}

interface SeedOptions {
  users: number;
  sessions: number;
  yes?: boolean;
}

/**
 * `seed:demo --users N --sessions M`: realistic users and sessions in the
 * configured database (DATABASE_URL, else embedded), in set-based batches.
 * Every demo user (and `demo-admin`, an administrator) has the password
 * DEMO_PASSWORD, hashed once with argon2id.
 */
export function seedDemoCommand(): Command {
  return new Command('seed:demo')
    .description(
      'seed demo users and sessions (every demo user has the same public password); ' +
        'refuses under NODE_ENV=production without --yes',
    )
    .option('--users <count>', 'users to create', count, 1000)
    .option('--sessions <count>', 'sessions to create', count, 10_000)
    .option('--yes', 'confirm seeding although NODE_ENV=production')
    .action((options: SeedOptions) => seedDemo(options));
}

async function seedDemo({ users, sessions, yes }: SeedOptions): Promise<void> {
  if (users === 0 && sessions > 0) throw new CliUsageError('--sessions needs at least one user');
  const started = Date.now();
  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  const refuseProductionUnlessConfirmed = (config: AppConfig) => {
    if (config.nodeEnv === 'production' && !yes) {
      throw new CliUsageError(
        'seed:demo writes users with a public password: under NODE_ENV=production pass --yes to confirm',
      );
    }
  };
  await withDatabase(
    async ({ dataSource }) => {
      const progress = seedProgress({ users, sessions });
      const runner = dataSource.createQueryRunner();
      try {
        const seeder = new DemoSeeder(runner);
        const plan = {
          users,
          sessions,
          passwordHash,
          userAgents: demoUserAgents(),
          batchSize: BATCH_SIZE,
          progress: progress.increment,
        };
        await seeder.ensureDemoAdmin(passwordHash);
        const seededUsers = await seeder.seedUsers(plan);
        const active = await seeder.seedSessions(plan, seededUsers);
        progress.stop();
        await seeder.analyze();
        process.stdout.write(
          `${JSON.stringify({
            users: seededUsers,
            sessions,
            activeSessions: active,
            admin: DEMO_ADMIN_USERNAME,
            password: DEMO_PASSWORD,
            seconds: (Date.now() - started) / 1000,
          })}\n`,
        );
      } finally {
        progress.stop();
        await runner.release();
      }
    },
    { precondition: refuseProductionUnlessConfirmed },
  );
}
