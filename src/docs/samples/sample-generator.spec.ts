import { UserInfo, UserSessionDTO, UsuarioDto } from '@/legacy/contracts';
import { SAMPLE_INSTANT, sampleGuid, SampleGenerator } from './sample-generator';

describe('SampleGenerator (ASP.NET ObjectGenerator)', () => {
  it('counts simple members per object; nullable value types start over at 1', () => {
    const sample = SampleGenerator.build(UsuarioDto);
    expect(sample.Id).toBe(1);
    expect(sample.Username).toBe('sample string 2');
    expect(sample.FailedLoginAttempts).toBe(1);
    expect(sample.IdRole).toBe(9);
    expect(sample.IdUser).toBe(13);
    expect(sample.IdIssuerBranches).toEqual([1, 2]);
    expect(sample.CreationDate).toBe(SAMPLE_INSTANT);
  });

  it('sets members with a setter (FullName consumes a number), skips getter-only ones', () => {
    const info = SampleGenerator.build(UserInfo);
    expect(info.FirstName).toBe('sample string 3');
    expect(info.Id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const session = SampleGenerator.build(UserSessionDTO);
    expect(session.Created).toBe(session.LastUpdated);
    expect(session.Features).toEqual(['sample string 1', 'sample string 2']);
    expect(session.RecordState).toBe(0);
  });

  it('derives GUIDs deterministically', () => {
    expect(sampleGuid('a')).toBe(sampleGuid('a'));
    expect(sampleGuid('a')).not.toBe(sampleGuid('b'));
  });
});
