import { Readable } from 'node:stream';
import { SourceRecord } from '@/users/import/users-import';
import { CliUsageError } from '../cli-usage-error';
import {
  csvRecords,
  importFormat,
  ImportSourceError,
  jsonLinesRecords,
  MAX_RECORD_BYTES,
} from './import-source';

async function all(records: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

const stream = (...chunks: Array<string | Buffer>) =>
  Readable.from(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));

describe('importFormat', () => {
  it('takes --format, else the extension', () => {
    expect(importFormat('users.CSV', undefined)).toBe('csv');
    expect(importFormat('users.ndjson', undefined)).toBe('jsonl');
    expect(importFormat('users.txt', 'jsonl')).toBe('jsonl');
    expect(() => importFormat('users.txt', undefined)).toThrow(CliUsageError);
    expect(() => importFormat('users.csv', 'xml')).toThrow(CliUsageError);
  });
});

describe('csvRecords', () => {
  it('maps fields to the header, skips a BOM and blank lines, gives the line a record starts on', async () => {
    const records = await all(
      csvRecords(
        stream(
          '\uFEFFlegacy_id,username,first_name\r\n1,ana,"Ana\nMaria"\n\n2,',
          'bo,"Bo ""B"""\n',
        ),
      ),
    );
    expect(records).toEqual([
      { line: 2, record: { legacy_id: '1', username: 'ana', first_name: 'Ana\nMaria' } },
      { line: 5, record: { legacy_id: '2', username: 'bo', first_name: 'Bo "B"' } },
    ]);
  });

  it('rejects a row with the wrong number of fields, and goes on', async () => {
    const records = await all(csvRecords(stream('legacy_id,username\n1,ana,extra\n2,bo\n')));
    expect(records).toEqual([
      { line: 2, problem: { column: '', reason: 'has 3 fields, the header 2' } },
      { line: 3, record: { legacy_id: '2', username: 'bo' } },
    ]);
  });

  it('decodes bytes that are not UTF-8 to U+FFFD (which the row check refuses)', async () => {
    const records = await all(
      csvRecords(stream('legacy_id,username\n1,', Buffer.from([0x61, 0xff, 0x62]), '\n')),
    );
    expect(records).toEqual([{ line: 2, record: { legacy_id: '1', username: 'a\uFFFDb' } }]);
  });

  it('refuses a bad header before any row, and an empty file', async () => {
    await expect(all(csvRecords(stream('id,username\n1,ana\n')))).rejects.toThrow(
      /legacy_id is missing.*unknown column "id"/,
    );
    await expect(all(csvRecords(stream('')))).rejects.toThrow(CliUsageError);
  });

  it('stops at a record larger than the limit instead of buffering it', async () => {
    const huge = `legacy_id,username\n1,"${'x'.repeat(MAX_RECORD_BYTES + 10)}"\n`;
    await expect(all(csvRecords(stream(huge)))).rejects.toThrow(ImportSourceError);
  });
});

describe('jsonLinesRecords', () => {
  it('reads one object per line; a line that is not an object is a rejected row', async () => {
    const records = await all(
      jsonLinesRecords(
        stream('{"legacy_id":1,"username":"ana"}\n\n[1]\n{oops\n"text"\r\n{"legacy_id":2}'),
      ),
    );
    expect(records).toEqual([
      { line: 1, record: { legacy_id: 1, username: 'ana' } },
      { line: 3, problem: { column: '', reason: 'not a JSON object' } },
      { line: 4, problem: { column: '', reason: expect.stringMatching(/^not JSON: /) } },
      { line: 5, problem: { column: '', reason: 'not a JSON object' } },
      { line: 6, record: { legacy_id: 2 } },
    ]);
  });

  it('rejects an overlong line', async () => {
    const records = await all(
      jsonLinesRecords(stream(`{"a":"${'x'.repeat(MAX_RECORD_BYTES)}"}\n`)),
    );
    expect(records).toEqual([
      { line: 1, problem: { column: '', reason: `longer than ${MAX_RECORD_BYTES} characters` } },
    ]);
  });
});
