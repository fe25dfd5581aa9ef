import '@/legacy/contracts';
import { GenericResponse, UserSessionDTO, UsuarioDto } from '@/legacy/contracts';
import { DomainError } from '@/platform/errors/domain-error';
import { contractRegistry } from '@/wire/datacontract/registry';
import { XmlReader } from './xml-reader';

const reader = new XmlReader(contractRegistry);
const read = <T>(cls: new () => T, xml: string) =>
  reader.read(contractRegistry.plan(cls), xml, { parameterName: 'p' }) as T;
const NS = 'http://schemas.datacontract.org/2004/07/Model.Dto';

describe('XML reader', () => {
  it('resolves namespaces by URI, not by prefix', () => {
    const value = read(
      UsuarioDto,
      `<x:UsuarioDto xmlns:x="${NS}"><x:Id>7</x:Id><x:Username>ana</x:Username></x:UsuarioDto>`,
    );
    expect(value.Id).toBe(7);
    expect(value.Username).toBe('ana');
  });

  it('reads members in contract order: one after a later member is skipped, as DCS does', () => {
    const value = read(
      UsuarioDto,
      `<UsuarioDto xmlns="${NS}"><Id xmlns="urn:other">9</Id><Id>3</Id><Unknown>x</Unknown><Username>b</Username><Id>4</Id></UsuarioDto>`,
    );
    expect(value).toMatchObject({ Id: 3, Username: 'b', Mail: null, IdIssuerBranches: null });
    // the issue's body: kill-session must not end user 42's sessions for `bob`
    const reordered = read(
      UsuarioDto,
      `<UsuarioDto xmlns="${NS}"><Username>bob</Username><Id>42</Id></UsuarioDto>`,
    );
    expect(reordered).toMatchObject({ Id: 0, Username: 'bob' });
  });

  it('reads text exactly: no trimming, no number guessing, entities and CDATA', () => {
    const value = read(
      UsuarioDto,
      `<UsuarioDto xmlns="${NS}"><FirstName>  a &amp; &lt;b&gt; &#x1F600; </FirstName><LastName><![CDATA[<raw &amp;>]]></LastName><Mail></Mail><Username>007</Username></UsuarioDto>`,
    );
    expect(value.Username).toBe('007');
    expect(value.FirstName).toBe('  a & <b> 😀 ');
    expect(value.LastName).toBe('<raw &amp;>');
    expect(value.Mail).toBe('');
  });

  it('reads i:nil with any prefix bound to XMLSchema-instance', () => {
    const value = read(
      UsuarioDto,
      `<UsuarioDto xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${NS}"><Active xsi:nil="true"/><Id>1</Id></UsuarioDto>`,
    );
    expect(value.Active).toBeNull();
  });

  it('reads object-typed members by i:type, including contracts', () => {
    const value = read(
      GenericResponse,
      '<GenericResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/API.Helpers">' +
        `<Data xmlns:q="${NS}" i:type="q:UsuarioDto"><q:Id>5</q:Id></Data><Success>true</Success></GenericResponse>`,
    );
    expect(value.Data).toBeInstanceOf(UsuarioDto);
    expect((value.Data as UsuarioDto).Id).toBe(5);
  });

  it('reads collection contracts and enums', () => {
    const value = read(
      UserSessionDTO,
      '<UserSessionDTO xmlns="http://schemas.datacontract.org/2004/07/AlayaCare.Residential.AuthClient.Abstractions" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
        '<Props xmlns:c="http://schemas.datacontract.org/2004/07/AlayaCare.Residential.Common.Collections"><c:Property><c:Name>RefreshToken</c:Name>' +
        '<c:Value xmlns:x="http://www.w3.org/2001/XMLSchema" i:type="x:string">rt</c:Value></c:Property></Props><RecordState>Deleted</RecordState></UserSessionDTO>',
    );
    expect(value.RefreshToken).toBe('rt');
    expect(value.RecordState).toBe(2);
  });

  it.each([
    ['a wrong root', `<Other xmlns="${NS}"/>`],
    ['a DOCTYPE', `<!DOCTYPE x><UsuarioDto xmlns="${NS}"/>`],
    ['an undeclared entity', `<UsuarioDto xmlns="${NS}"><Username>&nbsp;</Username></UsuarioDto>`],
    [
      'an element inside a string member',
      `<UsuarioDto xmlns="${NS}"><Username><b>x</b></Username></UsuarioDto>`,
    ],
  ])('rejects %s with a 400', (_name, xml) => {
    expect(() => read(UsuarioDto, xml)).toThrow(DomainError);
  });

  it('rejects an enum value that is not a member name (DCS is case-sensitive)', () => {
    const xml =
      '<UserSessionDTO xmlns="http://schemas.datacontract.org/2004/07/AlayaCare.Residential.AuthClient.Abstractions"><RecordState>active</RecordState></UserSessionDTO>';
    expect(() => read(UserSessionDTO, xml)).toThrow(DomainError);
  });
});
