import { parse } from 'csv-parse';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { columnProblems } from '@/users/import/import-row';
import { SourceRecord } from '@/users/import/users-import';
import { CliUsageError } from '../cli-usage-error';

export type ImportFormat = 'csv' | 'jsonl';

/** A record (CSV) or line (JSON lines) longer than this is not a user: refused, never buffered further. */
export const MAX_RECORD_BYTES = 1 << 20;

/** The format an `--format` value or the file's extension names. */
export function importFormat(file: string, format: string | undefined): ImportFormat {
  const name = (format ?? file.slice(file.lastIndexOf('.') + 1)).toLowerCase();
  if (name === 'csv') return 'csv';
  if (name === 'jsonl' || name === 'ndjson') return 'jsonl';
  throw new CliUsageError(
    format === undefined
      ? `cannot tell the format of ${file} from its extension: pass --format csv or --format jsonl`
      : `unknown --format ${format} (csv or jsonl)`,
  );
}

/** A file whose structure is broken (CSV quoting), so no later record can be trusted. */
export class ImportSourceError extends Error {}

/**
 * CSV with a header row (UTF-8, an optional BOM), read as a stream. The
 * header is checked before any row (unknown or missing columns: exit 2).
 * `line` is where the record starts (a quoted field may span lines).
 */
export async function* csvRecords(input: Readable): AsyncGenerator<SourceRecord> {
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      // Exports mix line ends (a header written on Windows, rows appended elsewhere).
      record_delimiter: ['\r\n', '\n'],
      max_record_size: MAX_RECORD_BYTES,
    }),
  );
  let header: string[] | null = null;
  // Lines are counted here: csv-parse's `info` copies an object per record, a tenth of the import's CPU.
  let lastLine = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = lastLine + 1;
      lastLine = line + newlinesIn(record);
      if (record.length === 1 && record[0] === '') continue; // a blank line
      if (header === null) {
        header = record.map((column) => column.trim());
        const problems = columnProblems(header);
        if (problems.length > 0) throw new CliUsageError(`CSV header: ${problems.join('; ')}`);
        continue;
      }
      if (record.length !== header.length) {
        yield {
          line,
          problem: {
            column: '',
            reason: `has ${record.length} fields, the header ${header.length}`,
          },
        };
        continue;
      }
      const fields: Record<string, string> = {};
      for (const [index, column] of header.entries()) fields[column] = record[index];
      yield { line, record: fields };
    }
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    const { code, message } = error as { code?: string; message: string };
    if (code?.startsWith('CSV_'))
      throw new ImportSourceError(`the CSV file is malformed: ${message}`);
    throw error;
  }
  if (header === null) throw new CliUsageError('the CSV file is empty (a header row is required)');
}

function newlinesIn(record: string[]): number {
  let count = 0;
  for (const field of record) {
    if (field.includes('\n')) count += field.split('\n').length - 1;
  }
  return count;
}

/** JSON lines: one object per line, blank lines skipped; a line that is not an object is a rejected row. */
export async function* jsonLinesRecords(input: Readable): AsyncGenerator<SourceRecord> {
  input.setEncoding('utf8');
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    if (trimmed.length > MAX_RECORD_BYTES) {
      yield { line, problem: { column: '', reason: `longer than ${MAX_RECORD_BYTES} characters` } };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      yield { line, problem: { column: '', reason: `not JSON: ${(error as Error).message}` } };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, problem: { column: '', reason: 'not a JSON object' } };
      continue;
    }
    yield { line, record: value as Record<string, unknown> };
  }
}
