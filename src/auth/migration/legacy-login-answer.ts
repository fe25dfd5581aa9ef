/** What the legacy `POST Auth/Login` said about one user name and password. */
export type LegacyVerdict =
  /** 200 with a UserSessionDTO: the legacy service accepted the password. */
  | { outcome: 'accepted'; legacyUserId: number | null }
  /** 401: the legacy service refused the password (or knows no such user). */
  | { outcome: 'refused' }
  /**
   * No verdict on the password: a timeout, a connection error, any other
   * status (5xx, a redirect, 404 from a wrong URL) or a body that is not a
   * UserSessionDTO. Never counted against the user.
   */
  | { outcome: 'unavailable'; cause: string };

export const REFUSED: LegacyVerdict = Object.freeze({ outcome: 'refused' });

export const unavailable = (cause: string): LegacyVerdict => ({ outcome: 'unavailable', cause });

/**
 * Reads the legacy login's answer (seed 001): 401 refuses; only a 200 whose
 * body is a JSON UserSessionDTO carrying a session token accepts. Member names
 * are matched case-insensitively, as Newtonsoft reads them, so a service
 * configured for PascalCase JSON reads the same. Nothing in the body chooses
 * a local user or grants anything: only the legacy `UserID` is kept, for the
 * audit trail.
 */
export function readLegacyLoginAnswer(status: number, body: Buffer): LegacyVerdict {
  if (status === 401) return REFUSED;
  if (status !== 200) return unavailable(`status_${status}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return unavailable('invalid_body');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return unavailable('invalid_body');
  }
  const session = parsed as Record<string, unknown>;
  const member = (name: string): unknown => {
    const key = Object.keys(session).find((candidate) => candidate.toLowerCase() === name);
    return key === undefined ? undefined : session[key];
  };
  const token = member('usertoken');
  if (typeof token !== 'string' || token === '' || member('isauthorized') === false) {
    return unavailable('invalid_body');
  }
  const userId = member('userid');
  return {
    outcome: 'accepted',
    legacyUserId: typeof userId === 'number' && Number.isSafeInteger(userId) ? userId : null,
  };
}
