import { ContractPlan } from '@/wire/contracts/registry';
import { ModelStateErrors } from '@/wire/wire-errors';
import { ReadOptions } from './json-reader';
import { ObjectBinder } from './object-binder';

const MAX_FORM_PATH_SEGMENTS = 8;

/** `a.b[0][c]` → `['a','b','0','c']`; `x[]` → `['x', '']`. */
function keySegments(key: string): string[] {
  const segments: string[] = [];
  for (const part of key.split('.')) {
    const match = /^([^[\]]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!match) return [key];
    if (match[1] !== '') segments.push(match[1]);
    for (const bracket of match[2].match(/\[[^\]]*\]/g) ?? []) segments.push(bracket.slice(1, -1));
  }
  return segments;
}

/** Null-prototype nodes: a `__proto__` key is an own property here, which the binder then rejects. */
type FormNode = Record<string, unknown>;

/**
 * Turns `application/x-www-form-urlencoded` into the nested shape the binder
 * takes: repeated keys, `key[]` and `key[0]` make arrays; `a.b` and `a[b]` nest.
 */
export function formToTree(text: string): FormNode {
  const root = Object.create(null) as FormNode;
  for (const [key, value] of new URLSearchParams(text)) {
    const segments = keySegments(key);
    if (segments.length === 0 || segments.length > MAX_FORM_PATH_SEGMENTS) continue;
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const last = i === segments.length - 1;
      const next = segments[i + 1];
      const nextIsIndex = next !== undefined && (next === '' || /^\d+$/.test(next));
      if (last || (nextIsIndex && i === segments.length - 2)) {
        // `x`, `x[]`, `x[0]`: a value or an array of values
        const existing = node[segment];
        if (existing === undefined) node[segment] = nextIsIndex ? [value] : value;
        else if (Array.isArray(existing)) existing.push(value);
        else node[segment] = [existing, value];
        break;
      }
      if (segment === '' || /^\d+$/.test(segment)) continue;
      let child = node[segment];
      if (child === undefined || typeof child !== 'object' || Array.isArray(child)) {
        child = Object.create(null) as FormNode;
        node[segment] = child;
      }
      node = child as FormNode;
    }
  }
  return root;
}

/** Form bodies bind by member name, case-insensitively (SPEC 4.7). */
export function readForm(plan: ContractPlan, text: string, options: ReadOptions): unknown {
  // model binding, not a formatter: its messages are ModelState ErrorMessages, shown to every caller
  const errors = new ModelStateErrors(options.parameterName, 'message');
  // URLSearchParams silently keeps broken escapes (`%ZZ`, `%E0%A4`) as text; a
  // body that is not well-formed form data is a 400, not a guess (SPEC 6).
  if (!isWellFormedForm(text)) {
    errors.add('', 'The request body is not valid application/x-www-form-urlencoded data.');
    errors.throwIfAny();
  }
  const instance = new ObjectBinder('form', errors).bindRoot(plan, formToTree(text));
  errors.throwIfAny();
  return instance;
}

/** Every `%` starts a valid escape and the escapes decode to valid UTF-8. */
function isWellFormedForm(text: string): boolean {
  if (!text.includes('%')) return true;
  for (const pair of text.split('&')) {
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '));
    } catch {
      return false;
    }
  }
  return true;
}
