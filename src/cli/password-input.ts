import { createInterface } from 'node:readline';
import { CliUsageError } from './cli-usage-error';

export interface PasswordSources {
  /** `--password` (visible in the process list: the other sources are preferred). */
  password?: string;
  /** `--password-stdin`: the first line of standard input. */
  passwordStdin?: boolean;
}

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new CliUsageError('--password-stdin: standard input was empty');
}

/** Reads a line from the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            stdin.removeListener('data', onData);
            return resolve(typed);
          }
          if (char === '\u0003') {
            stdin.removeListener('data', onData);
            return reject(new CliUsageError('cancelled'));
          }
          typed =
            char === '\u007f' || char === '\b' ? [...typed].slice(0, -1).join('') : typed + char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

/**
 * The new user's password, from (in order) `--password-stdin`, `--password`
 * or USER_PASSWORD (commander fills `password` from either), or a prompt on
 * a terminal. Nothing to read from is a usage error, never an empty password.
 */
export async function readPassword(sources: PasswordSources): Promise<string> {
  if (sources.passwordStdin) return firstLineOfStdin();
  if (sources.password !== undefined) return sources.password;
  if (process.stdin.isTTY) return promptHidden('password: ');
  throw new CliUsageError(
    'no password given: use --password-stdin, USER_PASSWORD, or run on a terminal to be prompted',
  );
}
