import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Verifies a JWT with jose (the independent JOSE library) against a JWKS
 * document, as another service would. jose is ESM-only and jest loads test
 * code as CommonJS, so it runs in a child Node process: given the token,
 * the key set and the expected issuer/audience/algorithm, it answers the
 * verified header and payload, or jose's error code.
 */
const SCRIPT = `
import { createLocalJWKSet, jwtVerify } from 'jose';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { token, jwks, issuer, audience, algorithms } = JSON.parse(input);
try {
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer, audience, algorithms });
  process.stdout.write(JSON.stringify({ ok: true, payload, header: protectedHeader }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, code: error.code ?? String(error) }));
}`;

export type JoseResult =
  | { ok: true; payload: Record<string, unknown>; header: Record<string, unknown> }
  | { ok: false; code: string };

export function joseVerify(
  token: string,
  jwks: unknown,
  expect: { issuer: string; audience: string; algorithms: string[] },
): Promise<JoseResult> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT],
      { cwd: resolve(__dirname, '../..'), timeout: 120_000 },
      (error, stdout) => (error ? fail(error) : done(JSON.parse(stdout) as JoseResult)),
    );
    child.stdin!.end(JSON.stringify({ token, jwks, ...expect }));
  });
}
