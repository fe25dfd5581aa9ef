import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules, parseRules, RulesError, rulesFor } from './rules';

describe('user rules', () => {
  it('reads routes, ignores, volatile kinds and headers', () => {
    const [rule] = parseRules({
      rules: [
        {
          route: 'POST /Auth/Login',
          ignore: ['$.summary', '/UserSessionDTO/Summary'],
          volatile: { '$.userHash': 'token' },
          headers: { ignore: ['Cache-Control'], volatile: ['X-Trace'], compare: ['X-Api'] },
        },
      ],
    });
    expect(rule.route).toBe('POST /Auth/Login');
    expect(rule.ignore.map((pattern) => pattern.syntax)).toEqual(['json', 'xml']);
    expect(rule.volatile).toMatchObject([{ pattern: { source: '$.userHash' }, kind: 'token' }]);
    expect(rule.headers).toEqual({
      ignore: ['cache-control'],
      volatile: ['x-trace'],
      compare: ['x-api'],
    });
  });

  it('applies a rule without a route everywhere, with one to that route only', () => {
    const rules = parseRules({
      rules: [{ ignore: ['$.a'] }, { route: 'GET /api/users/{n}', ignore: ['$.b'] }],
    });
    expect(rulesFor(rules, 'GET /api/users/{n}')).toHaveLength(2);
    expect(rulesFor(rules, 'GET /api/users')).toHaveLength(1);
  });

  it.each([
    ['no rules list', {}, 'expected an object with a "rules" list'],
    ['an unknown top-level key', { rules: [], extra: 1 }, 'unknown key extra'],
    ['an unknown rule key', { rules: [{ ignroe: [] }] }, 'rules[0]: unknown key ignroe'],
    ['a bad route', { rules: [{ route: '/Auth/Login' }] }, 'route must read like'],
    [
      'a path in no syntax',
      { rules: [{ ignore: ['userToken'] }] },
      'must start with $ (JSON) or /',
    ],
    [
      'an unknown kind',
      { rules: [{ volatile: { '$.a': 'timestamp' } }] },
      'kind must be one of token, date, guid, id, any',
    ],
    ['ignore not a list', { rules: [{ ignore: '$.a' }] }, 'must be a list of strings'],
    ['a bad header name', { rules: [{ headers: { ignore: ['A B'] } }] }, 'bad header name'],
  ])('refuses %s', (_what, document, message) => {
    expect(() => parseRules(document)).toThrow(RulesError);
    expect(() => parseRules(document)).toThrow(message);
  });

  describe('files', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sg-rules-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads YAML and JSON', async () => {
      const yaml = join(dir, 'rules.yaml');
      writeFileSync(
        yaml,
        'rules:\n  - route: POST /Auth/Login\n    volatile:\n      $.userHash: token\n',
      );
      expect(await loadRules(yaml)).toMatchObject([
        { route: 'POST /Auth/Login', volatile: [{ kind: 'token' }] },
      ]);
      const json = join(dir, 'rules.json');
      writeFileSync(json, '{"rules":[{"ignore":["//Summary"]}]}');
      expect(await loadRules(json)).toMatchObject([
        { route: null, ignore: [{ source: '//Summary' }] },
      ]);
    });

    it('names the file when it is missing or unreadable', async () => {
      await expect(loadRules(join(dir, 'none.yaml'))).rejects.toThrow('cannot read rules file');
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{rules');
      await expect(loadRules(bad)).rejects.toThrow(`rules file ${bad} is not valid JSON/YAML`);
      const wrong = join(dir, 'wrong.yaml');
      writeFileSync(wrong, 'rules:\n  - ignore: [nope]\n');
      await expect(loadRules(wrong)).rejects.toThrow(`rules file ${wrong}: rules[0].ignore`);
    });
  });
});
