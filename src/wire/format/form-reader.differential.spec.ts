import '@/legacy/contracts';
import { UserInfo, UsuarioDto } from '@/legacy/contracts';
import { DomainError } from '@/platform/errors/domain-error';
import { contractRegistry } from '@/wire/datacontract/registry';
import { ContractClass } from '@/wire/datacontract/wire-types';
import { canonicalValue, loadDotnetFixtures } from '@test/support/wire/dotnet-fixtures';
import { readForm } from './form-reader';

/** test/dotnet/fixtures/forms: bodies bound by Web API's model binding (Mono's System.Web.Http, in memory). */
interface FormFixture {
  contract: string;
  parameter: string;
  cases: Array<{
    name: string;
    body: string;
    outcome: { modelState: Record<string, string[]>; values: Record<string, unknown> };
  }>;
}

const CONTRACTS: Record<string, ContractClass> = { UsuarioDto, UserInfo };
const files = loadDotnetFixtures<FormFixture>('forms');

describe('form binding agrees with Web API model binding (differential)', () => {
  describe.each(files.map((f) => [f.file, f.fixture] as const))('%s', (_file, fixture) => {
    const plan = contractRegistry.plan(CONTRACTS[fixture.contract]);

    it.each(fixture.cases.map((c) => [c.name, c] as const))('binds %s', (_name, c) => {
      const { modelState, values } = c.outcome;
      let bound: unknown;
      let thrown: unknown;
      try {
        bound = readForm(plan, c.body, { parameterName: fixture.parameter });
      } catch (error) {
        thrown = error;
      }
      if (Object.keys(modelState).length === 0) {
        expect(thrown).toBeUndefined();
        expect(canonicalValue(bound, values)).toEqual(values);
        return;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      const ours = (thrown as DomainError).modelState!;
      expect(Object.keys(ours).sort()).toEqual(Object.keys(modelState).sort());
      for (const [key, messages] of Object.entries(modelState)) {
        // an empty message: Web API 1 recorded an overflow without text; only the key is compared
        if (messages.every((m) => m === '')) continue;
        expect(ours[key]).toEqual(messages);
      }
    });
  });
});
