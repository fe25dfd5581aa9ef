import { EnvReader } from './env-parsers';

/** A trusted caller of `POST api/Auth`: an identity provider, named in the audit trail and its identity links. */
export interface ApiClient {
  name: string;
  secret: string;
}

/** Shorter secrets can be guessed; 16 characters of a random string are far out of reach. */
export const MIN_API_CLIENT_SECRET_LENGTH = 16;

/** Names end up in audit events and in usernames `name:externalid`, so no `:` and nothing exotic. */
const CLIENT_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * API_CLIENT_KEYS: `name:secret` entries, comma-separated. A bare secret (no
 * `:`) stays accepted and is named `key{position}` (1-based), so a reordered
 * list renames it: name every client. Problems name the entry by position,
 * never by its secret.
 */
export function readApiClients(read: EnvReader): ApiClient[] {
  const clients = read.list('API_CLIENT_KEYS').map((entry, index) => {
    const separator = entry.indexOf(':');
    return separator < 0
      ? { name: `key${index + 1}`, secret: entry }
      : { name: entry.slice(0, separator).trim(), secret: entry.slice(separator + 1).trim() };
  });
  clients.forEach(({ name, secret }, index) => {
    const entry = `API_CLIENT_KEYS entry ${index + 1}`;
    read.check(
      CLIENT_NAME.test(name),
      name === ''
        ? `${entry} has an empty client name (use name:secret)`
        : `${entry}: a client name is 1 to 64 letters, digits, ".", "_" or "-" (got "${name}")`,
    );
    read.check(
      secret.length >= MIN_API_CLIENT_SECRET_LENGTH,
      `${entry} (client "${name}"): the secret must be at least ${MIN_API_CLIENT_SECRET_LENGTH} characters`,
    );
  });
  const names = clients.map((client) => client.name.toLowerCase());
  const repeatedNames = names.filter((name, index) => names.indexOf(name) !== index);
  read.check(
    repeatedNames.length === 0,
    `API_CLIENT_KEYS names a client more than once: ${[...new Set(repeatedNames)].join(', ')}`,
  );
  const secrets = clients.map((client) => client.secret);
  read.check(
    new Set(secrets).size === secrets.length,
    'API_CLIENT_KEYS gives two clients the same secret',
  );
  return clients;
}
