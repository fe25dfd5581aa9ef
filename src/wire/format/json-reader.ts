import { ContractPlan } from '@/wire/contracts/registry';
import { ModelStateErrors } from '@/wire/wire-errors';
import { ObjectBinder } from './object-binder';

export interface ReadOptions {
  /** The action parameter's name: ModelState keys start with it (`usuario.Username`). */
  parameterName: string;
  /** Deepest nesting of objects/arrays (or elements) accepted. */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 64;

/**
 * Finds nesting deeper than `limit` in one pass over the text, before
 * JSON.parse builds anything (a 10,000-deep body costs a scan, not a parse).
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 || code === 91) {
      if (++depth > limit) return true;
    } else if (code === 125 || code === 93) depth--;
  }
  return false;
}

function describeSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `Unexpected character encountered while parsing value. ${message.replace(/^.*?JSON[^:]*:?\s*/i, '')}`.trim();
}

/**
 * JSON request bodies: JSON.parse (which only ever creates own data
 * properties, so `__proto__` keys cannot reach a prototype) then the binder,
 * which skips dangerous keys and unknown members.
 */
export function readJson(plan: ContractPlan, text: string, options: ReadOptions): unknown {
  const errors = new ModelStateErrors(options.parameterName);
  if (exceedsJsonDepth(text, options.maxDepth ?? DEFAULT_MAX_DEPTH)) {
    errors.add('', 'The JSON is nested too deeply.');
    errors.throwIfAny();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    errors.add('', describeSyntaxError(error));
    errors.throwIfAny();
  }
  if (parsed === null) return null;
  const instance = new ObjectBinder(errors).bindRoot(plan, parsed);
  errors.throwIfAny();
  return instance;
}
