import { DomainError } from '@/platform/errors/domain-error';
import { isStorableText } from '@/platform/text/storable-text';
import { importedHash, StorablePassword } from '@/users/passwords/imported-hash';
import { normaliseEmail, normaliseName } from '@/users/user-fields';
import { usernameKey } from '@/users/username-key';
import { isValidUsername } from '@/users/users.service';

/** The columns (CSV header) / keys (JSON lines) an import file may carry. */
export const IMPORT_COLUMNS = [
  'legacy_id',
  'username',
  'email',
  'first_name',
  'last_name',
  'password_hash',
  'password_salt',
  'hash_format',
  'created_at',
  'roles',
  'blocked',
  'disabled',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: ImportColumn[] = ['legacy_id', 'username'];

/** One record as read from the file: column → value (CSV: text; JSON lines: any JSON value). */
export type ImportRecord = Record<string, unknown>;

/** A user as a validated row describes it. */
export interface ImportedUser {
  legacyId: number;
  username: string;
  usernameKey: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  password: StorablePassword | null;
  /** Null: not given (now() on insert, kept on update). */
  createdAt: Date | null;
  /** Role ids, sorted, distinct. */
  roleIds: number[];
  blocked: boolean;
  disabled: boolean;
}

export interface RowProblem {
  column: string;
  reason: string;
}

export type ParsedRow = { ok: true; user: ImportedUser } | { ok: false; problems: RowProblem[] };

const MAX_LEGACY_ID = 2_147_483_647;
const LEGACY_ID = /^[1-9]\d{0,9}$/;
/** ISO 8601 calendar date, optionally with a time and an offset; no offset means UTC. */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const FLAGS: Record<string, boolean> = {
  '': false,
  true: true,
  false: false,
  '1': true,
  '0': false,
};

/**
 * Problems with the columns of a file, before any row is read: the ones
 * every row needs, and names this import does not know (a typo such as
 * `pasword_hash` would otherwise silently import users without passwords).
 */
export function columnProblems(columns: string[]): string[] {
  const problems: string[] = [];
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.includes(column)) problems.push(`the column ${column} is missing`);
  }
  for (const column of columns) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) {
      problems.push(
        `unknown column ${JSON.stringify(column)} (known: ${IMPORT_COLUMNS.join(', ')})`,
      );
    }
  }
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  for (const column of new Set(repeated)) problems.push(`the column ${column} appears twice`);
  return problems;
}

class RowReader {
  readonly problems: RowProblem[] = [];

  constructor(private readonly record: ImportRecord) {}

  /** The value as the file gave it. */
  raw(column: ImportColumn): unknown {
    return this.record[column];
  }

  problem(column: string, reason: string): void {
    this.problems.push({ column, reason });
  }

  /**
   * The column as text ('' when absent, empty or JSON null). Text the
   * database cannot hold (U+0000, an unpaired surrogate) and U+FFFD (what
   * bytes that are not UTF-8 were decoded to) are refused for every column.
   */
  text(column: ImportColumn): string | null {
    const value = this.raw(column);
    if (value === undefined || value === null) return '';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      this.problem(column, 'expected text');
      return null;
    }
    if (!isStorableText(value)) {
      this.problem(column, 'holds U+0000 or an unpaired surrogate');
      return null;
    }
    if (value.includes('\uFFFD')) {
      this.problem(column, 'is not valid UTF-8 (or holds U+FFFD)');
      return null;
    }
    return value;
  }

  /** A DomainError from a shared field rule becomes this column's problem. */
  field<T>(column: ImportColumn, normalise: (value: string) => T): T | null {
    const value = this.text(column);
    if (value === null) return null;
    try {
      return normalise(value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.problem(column, error.message);
      return null;
    }
  }
}

function parseLegacyId(reader: RowReader): number | null {
  const text = reader.text('legacy_id');
  if (text === null) return null;
  const id = LEGACY_ID.test(text) ? Number(text) : NaN;
  if (!(id <= MAX_LEGACY_ID)) {
    reader.problem('legacy_id', `expected a whole number from 1 to ${MAX_LEGACY_ID}`);
    return null;
  }
  return id;
}

function parseUsername(reader: RowReader): { username: string; key: string } | null {
  const username = reader.text('username');
  if (username === null) return null;
  const key = isValidUsername(username) ? usernameKey(username) : null;
  if (key === null) {
    reader.problem('username', 'must be 1 to 256 characters without spaces or control characters');
    return null;
  }
  return { username, key };
}

function parseCreatedAt(reader: RowReader): Date | null {
  const text = reader.text('created_at');
  if (!text) return null;
  const match = ISO_DATE.exec(text);
  const date = match ? new Date(isoWithOffset(match)) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || !sameCalendarDate(match)) {
    reader.problem('created_at', 'expected an ISO 8601 date or date and time');
    return null;
  }
  if (date.getTime() > Date.now() + 86_400_000 || date.getUTCFullYear() < 1900) {
    reader.problem('created_at', 'outside 1900 to today');
    return null;
  }
  return date;
}

/** Date.parse reads an offset-less date-time as local time: make it UTC, as documented. */
function isoWithOffset(match: RegExpExecArray): string {
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset = 'Z'] = match;
  const millis = fraction ? `.${fraction.slice(1, 4).padEnd(3, '0')}` : '';
  const zone = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${millis}${zone}`;
}

/** `2021-02-30` rolls over to March in Date: refuse it rather than import another day. */
function sameCalendarDate(match: RegExpExecArray): boolean {
  const [, y, mo, d] = match;
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return probe.getUTCMonth() === Number(mo) - 1 && probe.getUTCDate() === Number(d);
}

function parseFlag(reader: RowReader, column: 'blocked' | 'disabled'): boolean {
  const text = reader.text(column);
  if (text === null) return false;
  const flag = FLAGS[text.trim().toLowerCase()];
  if (flag === undefined) reader.problem(column, 'expected true, false, 1, 0 or empty');
  return flag ?? false;
}

function parseRoles(reader: RowReader, roles: ReadonlyMap<string, number>): number[] {
  const value = rolesValue(reader);
  if (value === null) return [];
  const ids = new Set<number>();
  for (const name of value) {
    const id = roles.get(name);
    if (id === undefined) reader.problem('roles', `no role is named ${JSON.stringify(name)}`);
    else ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** `;`-separated text, or (JSON lines) an array of names; blanks between separators are ignored. */
function rolesValue(reader: RowReader): string[] | null {
  const raw = reader.raw('roles');
  if (Array.isArray(raw)) {
    if (raw.some((role) => typeof role !== 'string' || !isStorableText(role))) {
      reader.problem('roles', 'expected role names');
      return null;
    }
    return raw.map((role: string) => role.trim()).filter((role) => role !== '');
  }
  const text = reader.text('roles');
  if (text === null) return null;
  return text
    .split(';')
    .map((role) => role.trim())
    .filter((role) => role !== '');
}

/**
 * Validates one record into an ImportedUser, or every problem it has (column
 * and reason). `roles` maps the role names that exist to their ids: a row
 * naming another role is refused, so an imported user never holds a role the
 * file does not give or that nobody defined.
 */
export function parseImportRow(
  record: ImportRecord,
  roles: ReadonlyMap<string, number>,
): ParsedRow {
  const reader = new RowReader(record);
  for (const key of Object.keys(record)) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(key)) reader.problem(key, 'unknown column');
  }
  const legacyId = parseLegacyId(reader);
  const name = parseUsername(reader);
  const email = reader.field('email', normaliseEmail);
  const firstName = reader.field('first_name', (value) => normaliseName(value, 'first_name'));
  const lastName = reader.field('last_name', (value) => normaliseName(value, 'last_name'));
  const format = reader.text('hash_format');
  const hash = reader.text('password_hash');
  const salt = reader.text('password_salt');
  const password =
    format !== null && hash !== null && salt !== null
      ? importedHash(format.trim(), hash.trim(), salt.trim())
      : null;
  if (password && !password.ok) reader.problem(password.column, password.reason);
  const createdAt = parseCreatedAt(reader);
  const roleIds = parseRoles(reader, roles);
  const blocked = parseFlag(reader, 'blocked');
  const disabled = parseFlag(reader, 'disabled');
  if (reader.problems.length > 0 || legacyId === null || name === null || !password?.ok) {
    return { ok: false, problems: reader.problems };
  }
  return {
    ok: true,
    user: {
      legacyId,
      username: name.username,
      usernameKey: name.key,
      email,
      firstName,
      lastName,
      password: password.password,
      createdAt,
      roleIds,
      blocked,
      disabled,
    },
  };
}
