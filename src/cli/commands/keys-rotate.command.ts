import { Command } from 'commander';
import { rotateSigningKey, rotationRefusal } from '@/auth/tokens/signing-keys';
import { SigningKeysRepository } from '@/auth/tokens/signing-keys.repository';
import { CliUsageError } from '../cli-usage-error';
import { withDatabase } from '../with-database';

export function keysRotateCommand(): Command {
  return new Command('keys:rotate')
    .description(
      'make a new signing key (JWT_ALGORITHM=EdDSA or RS256 with keys in the database). Tokens ' +
        'signed with the previous key stay valid until they expire: it stays published and ' +
        'accepted for ACCESS_TOKEN_TTL_SECONDS + JWT_KEY_CACHE_TTL_SECONDS. Running instances ' +
        'sign with the new key within JWT_KEY_CACHE_TTL_SECONDS. On the embedded database, stop ' +
        'the service first (one process per DATA_DIR); on PostgreSQL, run it beside the service.',
    )
    .action(() =>
      withDatabase(
        async ({ dataSource }, config) => {
          const rotated = await rotateSigningKey(new SigningKeysRepository(dataSource), config);
          const previous = rotated.retired.length > 0 ? rotated.retired.join(', ') : 'none';
          process.stdout.write(
            `new ${config.jwt.signing.algorithm} signing key: ${rotated.kid}\n` +
              `previous key: ${previous}, accepted for ${rotated.overlapSeconds} more seconds\n`,
          );
        },
        {
          precondition: (config) => {
            const refusal = rotationRefusal(config);
            if (refusal) throw new CliUsageError(refusal);
          },
        },
      ),
    );
}
