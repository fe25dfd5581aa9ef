import { loadDotnetFixtures } from '@test/support/wire/dotnet-fixtures';
import { dotnetUriString } from './dotnet-uri';

/** test/dotnet/fixtures/error-bodies/not-found-uri.json: System.Uri.ToString() on Mono. */
interface UriFixture {
  cases: Array<{ name: string; url: string; printed: string | null }>;
}

const cases = loadDotnetFixtures<UriFixture>('error-bodies')
  .filter((f) => f.file === 'not-found-uri.json')
  .flatMap((f) => f.fixture.cases)
  .filter((c) => c.printed !== null);

describe('404 URIs print as System.Uri.ToString() does (differential)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const match = /^(\w+):\/\/([^/?]+)(.*)$/.exec(c.url)!;
    expect(dotnetUriString(match[1], match[2], match[3] || '/')).toBe(c.printed);
  });
});
