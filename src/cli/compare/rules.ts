import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { compilePattern, PathPattern, PathPatternError } from './paths';
import { VOLATILE_KINDS, VolatileKind } from './volatile';

/**
 * The user's rules file (`--rules FILE`, JSON or YAML):
 *
 *   rules:
 *     - ignore: [$.summary, /UserSessionDTO/Summary]
 *     - route: POST /Auth/Login          # optional: only this route
 *       volatile: { $.userHash: token, //UserHash: token }
 *       headers: { ignore: [Cache-Control], volatile: [X-Trace], compare: [X-Api-Version] }
 *
 * A route is `METHOD /path/template` as the summary prints it.
 */
export interface UserRule {
  route: string | null;
  ignore: PathPattern[];
  volatile: { pattern: PathPattern; kind: VolatileKind }[];
  headers: { ignore: string[]; volatile: string[]; compare: string[] };
}

export class RulesError extends Error {}

const RULE_KEYS = ['route', 'ignore', 'volatile', 'headers'];
const HEADER_KEYS = ['ignore', 'volatile', 'compare'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export async function loadRules(file: string): Promise<UserRule[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RulesError(`cannot read rules file ${file}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new RulesError(`rules file ${file} is not valid JSON/YAML: ${(error as Error).message}`);
  }
  try {
    return parseRules(document);
  } catch (error) {
    throw new RulesError(`rules file ${file}: ${(error as Error).message}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new RulesError(`${where} must be a list of strings`);
  return value as string[];
}

function pattern(source: string, where: string): PathPattern {
  try {
    return compilePattern(source);
  } catch (error) {
    if (error instanceof PathPatternError) throw new RulesError(`${where}: ${error.message}`);
    throw error;
  }
}

export function parseRules(document: unknown): UserRule[] {
  if (!isRecord(document) || !Array.isArray(document.rules))
    throw new RulesError('expected an object with a "rules" list');
  const unknownTop = Object.keys(document).filter((key) => key !== 'rules');
  if (unknownTop.length) throw new RulesError(`unknown key ${unknownTop[0]}`);
  return document.rules.map((raw: unknown, i: number) => {
    const where = `rules[${i}]`;
    if (!isRecord(raw)) throw new RulesError(`${where} must be an object`);
    const unknown = Object.keys(raw).find((key) => !RULE_KEYS.includes(key));
    if (unknown) throw new RulesError(`${where}: unknown key ${unknown}`);
    if (
      raw.route !== undefined &&
      (typeof raw.route !== 'string' || !/^[A-Z]+ \/\S*$/.test(raw.route))
    )
      throw new RulesError(`${where}.route must read like "POST /Auth/Login"`);
    const volatile = raw.volatile ?? {};
    if (!isRecord(volatile)) throw new RulesError(`${where}.volatile must map paths to kinds`);
    const headers = raw.headers ?? {};
    if (!isRecord(headers)) throw new RulesError(`${where}.headers must be an object`);
    const unknownHeaderKey = Object.keys(headers).find((key) => !HEADER_KEYS.includes(key));
    if (unknownHeaderKey) throw new RulesError(`${where}.headers: unknown key ${unknownHeaderKey}`);
    const headerList = (key: string) => {
      const names = strings(headers[key], `${where}.headers.${key}`);
      const bad = names.find((name) => !HEADER_NAME.test(name));
      if (bad !== undefined)
        throw new RulesError(`${where}.headers.${key}: bad header name ${bad}`);
      return names.map((name) => name.toLowerCase());
    };
    return {
      route: (raw.route as string | undefined) ?? null,
      ignore: strings(raw.ignore, `${where}.ignore`).map((source) =>
        pattern(source, `${where}.ignore`),
      ),
      volatile: Object.entries(volatile).map(([source, kind]) => {
        if (!VOLATILE_KINDS.includes(kind as VolatileKind))
          throw new RulesError(
            `${where}.volatile.${source}: kind must be one of ${VOLATILE_KINDS.join(', ')}`,
          );
        return { pattern: pattern(source, `${where}.volatile`), kind: kind as VolatileKind };
      }),
      headers: {
        ignore: headerList('ignore'),
        volatile: headerList('volatile'),
        compare: headerList('compare'),
      },
    };
  });
}

/** The rules that apply to one route. */
export function rulesFor(rules: UserRule[], route: string): UserRule[] {
  return rules.filter((rule) => rule.route === null || rule.route === route);
}
