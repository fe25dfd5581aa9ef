import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { RowProblem } from '@/users/import/import-row';

/** `"…"` with quotes doubled, when the text needs it (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The per-row error report: a CSV file `line,column,reason`, one row per
 * problem, written as the import goes (a full disk or slow file holds the
 * import back instead of filling memory). Always (re)written, so a report
 * never describes an earlier run.
 */
export class ErrorReport {
  private readonly out: WriteStream;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.write('line,column,reason\n');
  }

  async add(line: number, problems: RowProblem[]): Promise<void> {
    const text = problems
      .map((problem) => `${line},${csvField(problem.column)},${csvField(problem.reason)}\n`)
      .join('');
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}
