import { DomainError } from '@/platform/errors/domain-error';
import { isStorableText } from '@/platform/text/storable-text';
import { normaliseEmail, normaliseName } from '@/users/user-fields';
import { AccountPatch } from '@/users/users.repository';
import { CreateUserRequest, UpdateUserRequest } from './user.contract';

export interface CreateAccountInput {
  username: string;
  password: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  isOperator: boolean;
  roles: string[];
}

function invalid(code: string, message: string): DomainError {
  return new DomainError('InvalidArgument', code, message);
}

/** Distinct role names, in the order given. */
export function normaliseRoles(roles: string[] | null): string[] {
  const names = (roles ?? []).map((role) => (typeof role === 'string' ? role.trim() : ''));
  // A name no role can have (U+0000, unpaired surrogates) is unknown without asking the database.
  if (names.some((name) => name === '' || name.length > 64 || !isStorableText(name)))
    throw invalid('UnknownRole', 'Roles holds an empty, overlong or impossible name');
  return [...new Set(names)];
}

export function toCreateAccountInput(body: CreateUserRequest): CreateAccountInput {
  if (typeof body.UserName !== 'string') throw invalid('InvalidUsername', 'UserName is required');
  if (typeof body.Password !== 'string') throw invalid('InvalidPassword', 'Password is required');
  return {
    username: body.UserName,
    password: body.Password,
    email: normaliseEmail(body.Email),
    firstName: normaliseName(body.FirstName, 'FirstName'),
    lastName: normaliseName(body.LastName, 'LastName'),
    isOperator: body.IsOperator ?? false,
    roles: normaliseRoles(body.Roles),
  };
}

/** Null members stay unchanged; an empty string clears a text field; Roles replaces the set. */
export function toAccountPatch(body: UpdateUserRequest): AccountPatch {
  const patch: AccountPatch = {};
  if (body.UserName !== null) patch.username = body.UserName;
  if (body.Email !== null) patch.email = normaliseEmail(body.Email);
  if (body.FirstName !== null) patch.firstName = normaliseName(body.FirstName, 'FirstName');
  if (body.LastName !== null) patch.lastName = normaliseName(body.LastName, 'LastName');
  if (body.IsOperator !== null) patch.isOperator = body.IsOperator;
  if (body.Roles !== null) patch.roles = normaliseRoles(body.Roles);
  return patch;
}
