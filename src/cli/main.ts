import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '@/platform/config';
import { DomainError } from '@/platform/errors/domain-error';
import { DatabaseUnavailableError } from '@/platform/database/database';
import { keysRotateCommand } from './commands/keys-rotate.command';
import { compareCommand } from './commands/compare.command';
import { importUsersCommand } from './commands/import-users.command';
import { migrationRunCommand } from './commands/migration-run.command';
import { renderCommand } from './commands/render.command';
import { seedDemoCommand } from './commands/seed-demo.command';
import { userCreateCommand } from './commands/user-create.command';
import { CliUsageError } from './cli-usage-error';
import { ImportSourceError } from './import/import-source';

/**
 * `npm run cli -- <command>`. commander parses everything: `--help` on any
 * command prints that command's help and runs nothing, unknown options and
 * missing arguments are errors that name them.
 */
function program(): Command {
  return new Command('npm run cli --')
    .description('session-gateway command line')
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ sortSubcommands: true })
    .addCommand(keysRotateCommand())
    .addCommand(compareCommand())
    .addCommand(migrationRunCommand())
    .addCommand(userCreateCommand())
    .addCommand(renderCommand())
    .addCommand(seedDemoCommand())
    .addCommand(importUsersCommand());
}

function isKnown(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof DomainError ||
    error instanceof CliUsageError ||
    error instanceof ImportSourceError
  );
}

// exitCode, not exit(): stdout is flushed before the process ends, also into a pipe.
program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // From a command with exitOverride: commander has already printed the help or the error.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(
      `session-gateway: ${isKnown(error) ? error.message : ((error as Error).stack ?? String(error))}\n`,
    );
    process.exitCode = error instanceof CliUsageError ? 2 : 1;
  });
