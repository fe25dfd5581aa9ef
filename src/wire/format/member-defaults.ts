import { ContractPlan, MemberPlan } from '@/wire/datacontract/registry';

/** .NET's `DateTime.MinValue`, the value of a DateTime member absent from a body. */
export const DATE_TIME_MIN_VALUE_MS = -62135596800000;
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** The value a member gets when a body does not carry it (`default(T)`). */
export function defaultValue(member: MemberPlan): unknown {
  if (member.nullable) return null;
  switch (member.type.kind) {
    case 'int':
    case 'long':
    case 'double':
    case 'enum':
      return 0;
    case 'bool':
      return false;
    case 'guid':
      return EMPTY_GUID;
    case 'date':
      return new Date(DATE_TIME_MIN_VALUE_MS);
    default:
      return null;
  }
}

/**
 * Gives every settable member not seen in the body its default, and reports
 * the `IsRequired` ones that were missing.
 */
export function completeInstance(
  plan: ContractPlan,
  instance: Record<string, unknown>,
  seen: Set<MemberPlan>,
  onMissingRequired: (member: MemberPlan) => void,
): void {
  for (const member of plan.allMembers) {
    if (member.readOnly || seen.has(member)) continue;
    instance[member.property] = defaultValue(member);
    if (member.required) onMissingRequired(member);
  }
}

export function joinPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** Names that must never become object keys (prototype pollution). */
export function isDangerousKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
