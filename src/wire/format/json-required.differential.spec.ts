import '@/legacy/contracts';
import { UserInfo } from '@/legacy/contracts';
import { contractRegistry } from '@/wire/datacontract/registry';
import { loadDotnetFixtures } from '@test/support/wire/dotnet-fixtures';
import { InvalidBody } from '@/wire/wire-errors';
import { readJson } from './json-reader';

/** test/dotnet/fixtures/error-bodies/json-required.json: Newtonsoft 6 reading as Web API 2's JSON formatter. */
interface JsonRequiredFixture {
  parameter: string;
  cases: Array<{ name: string; body: string; modelState: Record<string, string[]> }>;
}

const fixture = loadDotnetFixtures<JsonRequiredFixture>('error-bodies').find(
  (f) => f.file === 'json-required.json',
)!.fixture;
const plan = contractRegistry.plan(UserInfo);
/** The `, line L, position P` Newtonsoft appends. */
const withoutLocation = (message: string) => message.replace(/, line \d+, position \d+\.$/, '.');

describe('missing IsRequired members in JSON land where Web API puts them (differential)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let thrown: unknown;
    try {
      readJson(plan, Buffer.from(c.body, 'utf8'), null, { parameterName: fixture.parameter });
    } catch (error) {
      thrown = error;
    }
    if (Object.keys(c.modelState).length === 0) return expect(thrown).toBeUndefined();
    expect(thrown).toBeInstanceOf(InvalidBody);
    const { detailedModelState, modelState } = thrown as InvalidBody;
    expect(Object.keys(detailedModelState)).toEqual(Object.keys(c.modelState));
    for (const [key, messages] of Object.entries(c.modelState)) {
      expect(detailedModelState[key].map(withoutLocation)).toEqual(messages.map(withoutLocation));
      expect(modelState?.[key]).toEqual(messages.map(() => 'An error has occurred.'));
    }
  });
});
