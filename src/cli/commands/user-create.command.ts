import { PasswordHasher } from '@/auth/passwords/password-hasher';
import { UsersRepository } from '@/users/users.repository';
import { UsersService } from '@/users/users.service';
import { CliCommand, parseArgs } from '../cli-command';
import { withDatabase } from '../with-database';

export const userCreateCommand: CliCommand = {
  name: 'user:create',
  usage:
    'user:create --username NAME --password SECRET [--admin] [--email E] [--first-name F] [--last-name L]',
  async run(args) {
    const { flags } = parseArgs(args);
    const text = (key: string) =>
      typeof flags[key] === 'string' ? (flags[key] as string) : undefined;
    const username = text('username');
    const password = text('password');
    if (!username || !password) {
      process.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    return withDatabase(async ({ dataSource }) => {
      const service = new UsersService(new UsersRepository(dataSource), new PasswordHasher());
      const user = await service.create({
        username,
        password,
        admin: flags.admin === true,
        email: text('email'),
        firstName: text('first-name'),
        lastName: text('last-name'),
      });
      process.stdout.write(
        `${JSON.stringify({ id: user.id, guid: user.guid, username: user.username, roles: user.roles?.map((r) => r.name) })}\n`,
      );
      return 0;
    });
  },
};
