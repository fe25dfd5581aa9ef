import 'reflect-metadata';
import { ConfigError } from '@/config';
import { DomainError } from '@/common/errors/domain-error';
import { DatabaseUnavailableError } from '@/database/database';
import { CliCommand } from './cli-command';
import { migrationRunCommand } from './commands/migration-run.command';
import { renderCommand } from './commands/render.command';
import { seedDemoCommand } from './commands/seed-demo.command';
import { userCreateCommand } from './commands/user-create.command';

const COMMANDS: CliCommand[] = [
  migrationRunCommand,
  userCreateCommand,
  renderCommand,
  seedDemoCommand,
];

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(
      `usage: npm run cli -- <command> ...\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}\n`,
    );
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof ConfigError ||
      error instanceof DatabaseUnavailableError ||
      error instanceof DomainError;
    process.stderr.write(
      `session-gateway: ${known ? (error as Error).message : (error as Error).stack}\n`,
    );
    process.exit(1);
  },
);
