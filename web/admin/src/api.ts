/**
 * The console's only door to the service. The access token lives in this
 * module's memory and nowhere else (no storage, no cookie): a reload signs out.
 * A 401 from any call means the token expired or was revoked; the handler set
 * by the app then asks to sign in again.
 */

/** A refusal the person can act on, with a sentence saying what happened. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by calls made while signed out; the sign-in screen is already showing. */
export class SignedOut extends Error {}

const MESSAGES: Record<string, string> = {
  PermissionDenied: 'You do not have the permission for this.',
  TargetOutranksCaller: 'This account holds permissions you do not have, so you cannot change it.',
  RoleNotHeld: 'You can only grant roles whose permissions you hold yourself.',
  CannotChangeOwnRoles: 'Nobody can change their own roles.',
  LastAdministrator:
    'This is the last active administrator: it cannot be blocked, disabled or lose the admin role.',
  NoActiveSession: 'That session has already ended. The list has been refreshed.',
  AlreadyBlocked: 'This user is already blocked.',
  NotBlocked: 'This user is not blocked.',
  AlreadyDisabled: 'This user is already disabled.',
  UserExists: 'A user with that name already exists. Choose another name.',
  UserNotFound: 'That user no longer exists.',
  InvalidUsername: 'That username is not allowed (1 to 256 visible characters).',
  InvalidPassword: 'The password must be 8 to 1024 characters long.',
  InvalidEmail: 'That e-mail address is not valid.',
  InvalidName: 'A first or last name is not valid.',
  UnknownRole: 'One of the roles does not exist.',
  InvalidGuid: 'That is not a valid user GUID.',
  InvalidUserId: 'The user filter must be a user GUID or a numeric user ID.',
  InvalidDate: 'A date is not valid.',
  InvalidDateRange: '"From" must be earlier than "to".',
  InvalidSearch: 'That search text is not allowed.',
  InvalidPaging: 'That page does not exist.',
};

let token: string | null = null;
let onSignedOut: () => void = () => {};

export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/** UTF-8 `user:password` in base64, as `Authorization: Basic` carries it. */
function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new ApiError(
      0,
      'Network',
      'The service cannot be reached. Check the connection and try again.',
    );
  }
}

/** The service's own login (`POST /Auth/Login`, Basic); keeps the access token in memory. */
export async function signIn(username: string, password: string): Promise<void> {
  const res = await send('/Auth/Login', {
    method: 'POST',
    headers: { Authorization: basic(username, password), Accept: 'application/json' },
  });
  if (res.status === 401)
    throw new ApiError(
      401,
      'BadCredentials',
      'Wrong username or password, or the account is locked, blocked or disabled.',
    );
  if (res.status === 429)
    throw new ApiError(
      429,
      'TooManyAttempts',
      'Too many sign-in attempts from here. Wait a minute, then try again.',
    );
  if (!res.ok)
    throw new ApiError(res.status, 'Http', `Sign-in failed (HTTP ${res.status}). Try again.`);
  const body = (await res.json()) as { userToken?: unknown };
  if (typeof body.userToken !== 'string')
    throw new ApiError(500, 'Http', 'Sign-in answered without a token.');
  token = body.userToken;
}

/** Ends the session on the server too, so the token is dead even if it leaked. */
export async function signOut(): Promise<void> {
  const current = token;
  token = null;
  if (current)
    await send('/Auth/Logout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${current}`, Accept: 'application/json' },
    }).catch(() => undefined);
}

/** A JSON call to the admin API with the bearer token. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (!token) throw new SignedOut();
  const headers: Record<string, string> = {
    Authorization: `Bearer ${token}`,
    Accept: 'application/json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await send(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    token = null;
    onSignedOut();
    throw new SignedOut();
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const message = (data as { Message?: unknown } | null)?.Message;
    const code = typeof message === 'string' ? message.replace(/^err_/, '') : 'Http';
    throw new ApiError(
      res.status,
      code,
      MESSAGES[code] ??
        `The request failed (HTTP ${res.status}${code === 'Http' ? '' : `, ${code}`}).`,
    );
  }
  return data as T;
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
