import { DomainError } from '@/platform/errors/domain-error';
import { isStorableText } from '@/platform/text/storable-text';

/** The profile fields every way in (admin API, import) accepts: one set of rules. */
export const MAX_NAME_LENGTH = 256;
export const MAX_EMAIL_LENGTH = 320;
const EMAIL = /^[^\s@]+@[^\s@]+$/u;

function invalid(code: string, message: string): DomainError {
  return new DomainError('InvalidArgument', code, message);
}

/** Trimmed text, null when blank; longer than `max` is the `code` 400. */
function optionalText(
  value: string | null,
  max: number,
  code: string,
  label: string,
): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (text.length > max) throw invalid(code, `${label} must be at most ${max} characters`);
  if (!isStorableText(text))
    throw invalid(code, `${label} must not contain U+0000 or an unpaired surrogate`);
  return text;
}

export function normaliseEmail(value: string | null): string | null {
  const email = optionalText(value, MAX_EMAIL_LENGTH, 'InvalidEmail', 'Email');
  if (email !== null && !EMAIL.test(email))
    throw invalid('InvalidEmail', 'Email is not an e-mail address');
  return email;
}

export function normaliseName(value: string | null, label: string): string | null {
  return optionalText(value, MAX_NAME_LENGTH, 'InvalidName', label);
}
