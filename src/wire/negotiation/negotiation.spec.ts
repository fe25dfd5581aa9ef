import { FormatterId, negotiate } from './negotiation';

type Row = [
  accept: string | undefined,
  contentType: string | undefined,
  acceptCharset: string | undefined,
  formatter: FormatterId,
  header: string,
];

const JSON_UTF8 = 'application/json; charset=utf-8';
const XML_UTF8 = 'application/xml; charset=utf-8';

// Expected results follow ASP.NET Web API 2's DefaultContentNegotiator (SPEC 4.2).
const table: Row[] = [
  [undefined, undefined, undefined, 'json', JSON_UTF8],
  ['*/*', undefined, undefined, 'json', JSON_UTF8],
  ['text/*', undefined, undefined, 'json', 'text/json; charset=utf-8'],
  ['application/*', undefined, undefined, 'json', JSON_UTF8],
  ['application/xml', undefined, undefined, 'xml', XML_UTF8],
  ['text/xml', undefined, undefined, 'xml', 'text/xml; charset=utf-8'],
  ['text/json', undefined, undefined, 'json', 'text/json; charset=utf-8'],
  ['application/json', undefined, undefined, 'json', JSON_UTF8],
  ['APPLICATION/XML', undefined, undefined, 'xml', XML_UTF8],
  ['application/xml;q=0.9,*/*;q=0.8', undefined, undefined, 'xml', XML_UTF8],
  ['application/json;q=0.5,application/xml;q=0.9', undefined, undefined, 'xml', XML_UTF8],
  // equal q: the first formatter (JSON) keeps the match; a later one needs a strictly higher q
  ['application/xml,application/json', undefined, undefined, 'json', JSON_UTF8],
  ['application/json,application/xml', undefined, undefined, 'json', JSON_UTF8],
  // at equal q a literal type sorts before */*
  ['*/*,application/xml', undefined, undefined, 'xml', XML_UTF8],
  [
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    undefined,
    undefined,
    'xml',
    XML_UTF8,
  ],
  ['application/xml;q=0', undefined, undefined, 'json', JSON_UTF8],
  ['application/xml;q=0', 'application/xml', undefined, 'xml', XML_UTF8],
  ['application/json;q=0,application/xml;q=0.1', undefined, undefined, 'xml', XML_UTF8],
  ['text/html', undefined, undefined, 'json', JSON_UTF8],
  ['text/html', 'text/xml; charset=utf-8', undefined, 'xml', 'text/xml; charset=utf-8'],
  [undefined, 'application/xml', undefined, 'xml', XML_UTF8],
  [undefined, 'text/xml', undefined, 'xml', 'text/xml; charset=utf-8'],
  [undefined, 'application/x-www-form-urlencoded', undefined, 'json', JSON_UTF8],
  [
    undefined,
    'application/x-compressed-json',
    undefined,
    'compressed-json',
    'application/x-compressed-json',
  ],
  [
    'application/x-compressed-json',
    'application/json',
    undefined,
    'compressed-json',
    'application/x-compressed-json',
  ],
  [
    'application/x-compressed-json',
    undefined,
    'utf-16',
    'compressed-json',
    'application/x-compressed-json',
  ],
  ['application/json; charset=utf-8; foo=bar', undefined, undefined, 'json', JSON_UTF8],
  [undefined, undefined, 'utf-16', 'json', 'application/json; charset=utf-16'],
  ['application/xml', undefined, 'utf-16', 'xml', 'application/xml; charset=utf-16'],
  ['application/xml', undefined, 'iso-8859-1', 'xml', XML_UTF8],
  [
    'application/xml',
    undefined,
    'iso-8859-1, utf-16;q=0.5',
    'xml',
    'application/xml; charset=utf-16',
  ],
  [undefined, undefined, 'utf-16;q=0, *', 'json', JSON_UTF8],
  [
    undefined,
    'application/json; charset=utf-16',
    undefined,
    'json',
    'application/json; charset=utf-16',
  ],
  ['text/*;q=0.5,application/xml;q=0.4', undefined, undefined, 'json', 'text/json; charset=utf-8'],
  ['image/png', 'application/json', undefined, 'json', JSON_UTF8],
  ['not a media type', 'text/xml', undefined, 'xml', 'text/xml; charset=utf-8'],
];

describe('content negotiation (Web API 2 DefaultContentNegotiator)', () => {
  it('has a table of at least 25 cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(25);
  });

  it.each(table)(
    'Accept %j, Content-Type %j, Accept-Charset %j → %s (%s)',
    (accept, contentType, acceptCharset, formatter, header) => {
      const result = negotiate({ accept, contentType, acceptCharset });
      expect(result.formatter).toBe(formatter);
      expect(result.contentType).toBe(header);
    },
  );
});
