import { readApiClients } from './api-clients';
import { EnvReader } from './env-parsers';

const SECRET_A = 'secret-a-0123456789';
const SECRET_B = 'secret-b-0123456789';

function parse(value: string) {
  const read = new EnvReader({ API_CLIENT_KEYS: value });
  return { clients: readApiClients(read), problems: read.problems };
}

describe('API_CLIENT_KEYS', () => {
  it('is empty when unset: no client may call api/Auth', () => {
    expect(parse('')).toEqual({ clients: [], problems: [] });
  });

  it('reads name:secret entries, and names a bare secret by its position', () => {
    expect(parse(` acme : ${SECRET_A} ,${SECRET_B}`)).toEqual({
      clients: [
        { name: 'acme', secret: SECRET_A },
        { name: 'key2', secret: SECRET_B },
      ],
      problems: [],
    });
  });

  it('splits at the first colon: a secret may hold colons', () => {
    expect(parse(`acme:${SECRET_A}:more`).clients).toEqual([
      { name: 'acme', secret: `${SECRET_A}:more` },
    ]);
  });

  it('refuses an empty or malformed client name', () => {
    expect(parse(`:${SECRET_A}`).problems).toEqual([
      'API_CLIENT_KEYS entry 1 has an empty client name (use name:secret)',
    ]);
    expect(parse(`ok:${SECRET_A},a b:${SECRET_B}`).problems).toEqual([
      'API_CLIENT_KEYS entry 2: a client name is 1 to 64 letters, digits, ".", "_" or "-" (got "a b")',
    ]);
    expect(parse(`${'n'.repeat(65)}:${SECRET_A}`).problems).toHaveLength(1);
  });

  it('refuses duplicate names, case-insensitively, including a name taken by a position', () => {
    expect(parse(`acme:${SECRET_A},ACME:${SECRET_B}`).problems).toEqual([
      'API_CLIENT_KEYS names a client more than once: acme',
    ]);
    expect(parse(`${SECRET_A},key1:${SECRET_B}`).problems).toEqual([
      'API_CLIENT_KEYS names a client more than once: key1',
    ]);
  });

  it('refuses short secrets and shared secrets, without printing them', () => {
    const short = parse('acme:short-secret,globex:0123456789abcdef');
    expect(short.problems).toEqual([
      'API_CLIENT_KEYS entry 1 (client "acme"): the secret must be at least 16 characters',
    ]);
    expect(parse('tiny').problems).toEqual([
      'API_CLIENT_KEYS entry 1 (client "key1"): the secret must be at least 16 characters',
    ]);
    const shared = parse(`acme:${SECRET_A},globex:${SECRET_A}`);
    expect(shared.problems).toEqual(['API_CLIENT_KEYS gives two clients the same secret']);
    for (const problem of [...short.problems, ...shared.problems]) {
      expect(problem).not.toContain('short-secret');
      expect(problem).not.toContain(SECRET_A);
    }
  });
});
