import '@/legacy/contracts';
import { UserInfo, UsuarioDto } from '@/legacy/contracts';
import { contractRegistry } from '@/wire/datacontract/registry';
import { ContractClass } from '@/wire/datacontract/wire-types';
import {
  canonicalValue,
  loadDotnetFixtures,
  XmlReadingFixture,
} from '@test/support/wire/dotnet-fixtures';
import { InvalidBody } from '@/wire/wire-errors';
import { XmlReader } from './xml-reader';

const CONTRACTS: Record<string, ContractClass> = { UsuarioDto, UserInfo };
const reader = new XmlReader(contractRegistry);
const files = loadDotnetFixtures<XmlReadingFixture>('xml-reading');

describe('XML reading agrees with DataContractSerializer (differential)', () => {
  it('has fixtures for every legacy request contract', () => {
    expect(new Set(files.map((f) => f.fixture.contract))).toEqual(new Set(Object.keys(CONTRACTS)));
  });

  describe.each(files.map((f) => [f.file, f.fixture] as const))('%s', (_file, fixture) => {
    const plan = contractRegistry.plan(CONTRACTS[fixture.contract]);
    const read = (body: string) => reader.read(plan, body, { parameterName: fixture.parameter });

    it.each(fixture.cases.filter((c) => c.outcome === 'bound').map((c) => [c.name, c] as const))(
      'binds %s as DCS does',
      (_name, c) => {
        const value = read(c.body);
        expect(canonicalValue(value, c.values)).toEqual(c.values);
      },
    );

    it.each(fixture.cases.filter((c) => c.outcome === 'error').map((c) => [c.name, c] as const))(
      'refuses %s as DCS does, one entry under the parameter key',
      (_name, c) => {
        let thrown: unknown;
        try {
          read(c.body);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(InvalidBody);
        const modelState = (thrown as InvalidBody).detailedModelState;
        expect((thrown as InvalidBody).modelState).toEqual({
          [fixture.parameter]: ['An error has occurred.'],
        });
        expect(Object.keys(modelState)).toEqual([fixture.parameter]);
        expect(modelState[fixture.parameter]).toHaveLength(1);
        // DCS's own text, less the `Error in line L position P. ` prefix (no positions here)
        expect(modelState[fixture.parameter][0]).toBe(
          c.message!.replace(/^Error in line \d+ position \d+\. /, ''),
        );
      },
    );
  });
});
