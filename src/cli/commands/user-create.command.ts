import { Command, Option } from 'commander';
import { AuditRepository } from '@/audit/audit.repository';
import { PasswordHasher } from '@/users/passwords/password-hasher';
import { UsersRepository } from '@/users/users.repository';
import { UsersService } from '@/users/users.service';
import { readPassword } from '../password-input';
import { withDatabase } from '../with-database';

interface UserCreateOptions {
  username: string;
  password?: string;
  passwordStdin?: boolean;
  admin?: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
}

export function userCreateCommand(): Command {
  return new Command('user:create')
    .description(
      'create a user. The password comes from --password-stdin, USER_PASSWORD, a prompt on a ' +
        'terminal, or --password (visible to other local users: avoid). On the embedded database, ' +
        'stop the service first (one process per DATA_DIR), or use ADMIN_USERNAME/ADMIN_PASSWORD at start-up.',
    )
    .requiredOption('--username <name>', 'login name')
    .addOption(
      new Option('--password <secret>', 'the password (prefer the other sources)').env(
        'USER_PASSWORD',
      ),
    )
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--admin', 'grant the admin role and the operator flag')
    .option('--email <address>', 'e-mail address')
    .option('--first-name <name>', 'first name')
    .option('--last-name <name>', 'last name')
    .action(async (options: UserCreateOptions) => {
      const password = await readPassword(options);
      await withDatabase(async ({ dataSource }) => {
        const service = new UsersService(new UsersRepository(dataSource), new PasswordHasher());
        const user = await service.create({
          username: options.username,
          password,
          admin: options.admin === true,
          email: options.email,
          firstName: options.firstName,
          lastName: options.lastName,
        });
        await new AuditRepository(dataSource).record({
          action: 'user.created',
          subjectUserId: user.id,
          details: { source: 'cli', admin: options.admin === true },
        });
        process.stdout.write(
          `${JSON.stringify({ id: user.id, guid: user.guid, username: user.username, roles: user.roles?.map((r) => r.name) })}\n`,
        );
      });
    });
}
