import '@/legacy/contracts';
import { UserInfo, UsuarioDto } from '@/legacy/contracts';
import { contractRegistry } from '@/wire/datacontract/registry';
import { outcomeOf } from '@test/support/wire/json-reading-fixtures';
import { WireCodec } from '@/wire/wire-codec';

const codec = new WireCodec(contractRegistry);
const MIB = 1024 * 1024;

function timedRead(contract: typeof UsuarioDto | typeof UserInfo, body: string) {
  const started = performance.now();
  const outcome = outcomeOf(() =>
    codec.decode(contract, 'json', Buffer.from(body, 'utf8'), {
      parameterName: 'body',
      charset: null,
      maxInflatedBytes: MIB,
    }),
  );
  return { outcome, ms: performance.now() - started };
}

describe('JSON reader: hostile bodies cost linear time', () => {
  const G = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it.each([
    ['a megabyte of digits for an int', UsuarioDto, `{"Id":${'7'.repeat(MIB)}}`, false],
    ['a megabyte of digits for a string', UsuarioDto, `{"Username":${'7'.repeat(MIB)}}`, true],
    ['a megabyte of digits in a skipped member', UsuarioDto, `{"Nope":${'7'.repeat(MIB)}}`, true],
    ['a megabyte of hex digits', UsuarioDto, `{"Username":0x${'f'.repeat(MIB)}}`, false],
    [
      'a megabyte of date-like text',
      UsuarioDto,
      `{"CreationDate":"1/13/2026 5:55${' '.repeat(MIB)}x"}`,
      false,
    ],
    [
      'a Microsoft date with a megabyte of digits',
      UsuarioDto,
      `{"CreationDate":"\\/Date(${'7'.repeat(MIB)})\\/"}`,
      false,
    ],
    [
      'a megabyte of digits for a boolean',
      UserInfo,
      `{"id":"${G}","deleted":${'1'.repeat(MIB)},"state_id":1}`,
      true,
    ],
    ['a megabyte of nested arrays', UsuarioDto, `{"Nope":${'['.repeat(MIB)}}`, false],
  ])('%s', (_name, contract, body, accepted) => {
    const { outcome, ms } = timedRead(contract, body);
    expect(outcome.accepted).toBe(accepted);
    expect(ms).toBeLessThan(1000);
  });
});
