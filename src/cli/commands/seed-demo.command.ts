import { PasswordHasher } from '@/auth/passwords/password-hasher';
import { CliCommand, parseArgs } from '../cli-command';
import { DEMO_ADMIN_USERNAME, DEMO_PASSWORD, demoUserAgents } from '../seed/demo-data';
import { DemoSeeder } from '../seed/demo-seeder';
import { seedProgress } from '../seed/progress';
import { withDatabase } from '../with-database';

const BATCH_SIZE = 50_000;

function count(value: string | true | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  const text = String(value).replace(/_/g, '');
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * `seed:demo --users N --sessions M`: realistic users and sessions in the
 * configured database (DATABASE_URL, else embedded), in set-based batches.
 * Every demo user (and `demo-admin`, an administrator) has the password
 * DEMO_PASSWORD, hashed once with argon2id.
 */
export const seedDemoCommand: CliCommand = {
  name: 'seed:demo',
  usage: 'seed:demo [--users N (1000)] [--sessions M (10000)]',
  async run(args) {
    const { flags } = parseArgs(args);
    const users = count(flags.users, 1000);
    const sessions = count(flags.sessions, 10_000);
    if (users === null || sessions === null || (users === 0 && sessions > 0)) {
      process.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    const started = Date.now();
    const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
    return withDatabase(async ({ dataSource }) => {
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
        return 0;
      } finally {
        progress.stop();
        await runner.release();
      }
    });
  },
};
