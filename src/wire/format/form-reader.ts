import { ContractPlan } from '@/wire/datacontract/registry';
import { ModelStateErrors } from '@/wire/wire-errors';
import { FormBinder, FormValues } from './form-binder';
import { ReadOptions } from './json-document';
import { isDangerousKey } from './member-defaults';

/** Keys longer than this are ignored (nothing legitimate comes close). */
const MAX_FORM_KEY_LENGTH = 256;

/**
 * jQuery's bracket style to model-binding names, as Web API's
 * JQueryMvcFormUrlEncodedFormatter does: `a[b]` → `a.b`, `a[]` → `a`,
 * `a[0]` kept.
 */
function modelBindingKey(key: string): string {
  return key.replace(/\[([^\]]*)\]/g, (whole, inner: string) =>
    inner === '' ? '' : /^\d+$/.test(inner) ? whole : `.${inner}`,
  );
}

/**
 * Form values by lower-cased model-binding key, in body order. Values live in
 * a Map, so no key can reach a prototype; a key naming one (`__proto__[x]`)
 * is refused all the same, as JSON bodies refuse it (Web API would ignore it).
 */
export function formValues(text: string, errors: ModelStateErrors): FormValues {
  const values: FormValues = new Map();
  for (const [key, value] of new URLSearchParams(text)) {
    if (key.length === 0 || key.length > MAX_FORM_KEY_LENGTH) continue;
    const name = modelBindingKey(key).toLowerCase();
    const dangerous = name.split(/[.[\]]/).find(isDangerousKey);
    if (dangerous !== undefined) {
      errors.add(name, `The member name '${dangerous}' is not allowed.`);
      continue;
    }
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  return values;
}

/** Form bodies bind as Web API's model binding binds them (SPEC 4.7). */
export function readForm(plan: ContractPlan, text: string, options: ReadOptions): unknown {
  // model binding, not a formatter: its messages are ModelState ErrorMessages, shown to every caller
  const errors = new ModelStateErrors(options.parameterName, 'message');
  // URLSearchParams silently keeps broken escapes (`%ZZ`, `%E0%A4`) as text; a
  // body that is not well-formed form data is a 400, not a guess (SPEC 6).
  if (!isWellFormedForm(text)) {
    errors.add('', 'The request body is not valid application/x-www-form-urlencoded data.');
    errors.throwIfAny();
  }
  const instance = new FormBinder(formValues(text, errors), errors).bindRoot(plan);
  errors.throwIfAny();
  return instance;
}

/** Every `%` starts a valid escape and the escapes decode to valid UTF-8. */
export function isWellFormedForm(text: string): boolean {
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
