import { hash, verify } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
import { ARGON2_PARAMS } from '@/users/passwords/password-hasher';

/** argon2id parameters, as a row label names them. */
export interface Argon2Setting {
  label: string;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const OURS: Argon2Setting = { label: 'ours (SPEC 5)', ...ARGON2_PARAMS };
/** Keycloak's default argon2 policy, the one its sizing guide's 15 password logins/s per vCPU assumes. */
export const KEYCLOAK: Argon2Setting = {
  label: "Keycloak's (sizing guide: 15 logins/s per vCPU)",
  memoryCost: 7168,
  timeCost: 5,
  parallelism: 1,
};

// The package's `Algorithm` is a const enum; argon2id is 2.
const ARGON2ID = 2;

/**
 * Password verifications per second per core at `setting`: `cores` checks
 * kept in flight for `seconds` (libuv's pool runs them), over the cores.
 */
export async function argon2Rate(
  setting: Argon2Setting,
  seconds: number,
): Promise<{ perSecond: number; perCore: number; cores: number }> {
  const cores = availableParallelism();
  const options = { ...setting, algorithm: ARGON2ID, outputLen: 32 };
  const stored = await hash('correct horse battery staple', options);
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      if (!(await verify(stored, 'correct horse battery staple')))
        throw new Error('argon2 verify failed');
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: cores }, worker));
  const perSecond = done / ((performance.now() - started) / 1000);
  return { perSecond, perCore: perSecond / cores, cores };
}
