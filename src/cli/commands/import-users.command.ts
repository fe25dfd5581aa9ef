import { Command, Option } from 'commander';
import { createReadStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { AuditRepository } from '@/audit/audit.repository';
import { ImportCounts, UsersImport } from '@/users/import/users-import';
import { UsersImportRepository } from '@/users/import/users-import.repository';
import { CliUsageError } from '../cli-usage-error';
import { ErrorReport } from '../import/error-report';
import { importProgress } from '../import/import-progress';
import { csvRecords, importFormat, jsonLinesRecords } from '../import/import-source';
import { withDatabase } from '../with-database';

interface ImportOptions {
  format?: string;
  dryRun?: boolean;
  errors?: string;
}

/**
 * `import:users FILE`: users from a legacy export (CSV with a header, or JSON
 * lines), upserted by legacy id with the password hashes they have. Exit 0
 * when every row went in (or would, on --dry-run), 1 when some were rejected
 * (see the error report), 2 for a usage problem (no such file, bad header).
 */
export function importUsersCommand(): Command {
  return new Command('import:users')
    .description(
      'import users from a CSV (header row) or JSON-lines file, upserting by legacy_id; ' +
        'legacy password hashes are kept and upgraded to argon2id at the first login. ' +
        'On the embedded database, stop the service first (one process per DATA_DIR).',
    )
    .argument('<file>', 'the file to import (.csv, .jsonl)')
    .addOption(new Option('--format <format>', 'csv or jsonl (default: from the extension)'))
    .option('--dry-run', 'validate and report every row, write nothing')
    .option('--errors <file>', 'where the per-row error report goes (default: FILE.errors.csv)')
    .action((file: string, options: ImportOptions) => importUsers(file, options));
}

async function importUsers(file: string, options: ImportOptions): Promise<void> {
  const format = importFormat(file, options.format);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliUsageError(`cannot read ${file}`);
  }
  const started = Date.now();
  const dryRun = options.dryRun === true;
  await withDatabase(async ({ dataSource }) => {
    let bytes = 0;
    // Counted on the way through (a 'data' listener would start the flow before the parser reads).
    const input = createReadStream(file).pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
    const report = new ErrorReport(options.errors ?? `${file}.errors.csv`);
    const progress = importProgress(size);
    const importer = new UsersImport(
      new UsersImportRepository(dataSource),
      new AuditRepository(dataSource),
    );
    let counts: ImportCounts;
    try {
      counts = await importer.run(format === 'csv' ? csvRecords(input) : jsonLinesRecords(input), {
        dryRun,
        source: file,
        onRejected: (line, problems) => report.add(line, problems),
        onProgress: (soFar) => progress.update(soFar.read, bytes),
      });
    } finally {
      progress.stop();
      input.destroy();
      await report.close();
    }
    printSummary(counts, { dryRun, report: report.path, seconds: (Date.now() - started) / 1000 });
    if (counts.rejected > 0) process.exitCode = 1;
  });
}

/** A sentence on stderr (says so when nothing changed), the figures as JSON on stdout. */
function printSummary(
  counts: ImportCounts,
  run: { dryRun: boolean; report: string; seconds: number },
): void {
  const changed = counts.inserted + counts.updated;
  const verb = run.dryRun ? 'would change' : 'changed';
  process.stderr.write(
    `import:users${run.dryRun ? ' (dry run: nothing written)' : ''}: ` +
      (changed === 0 ? 'nothing to change' : `${changed} users ${verb}`) +
      (counts.rejected > 0 ? `, ${counts.rejected} rows rejected (see ${run.report})` : '') +
      '\n',
  );
  process.stdout.write(
    `${JSON.stringify({
      dryRun: run.dryRun,
      ...counts,
      errors: run.report,
      seconds: run.seconds,
      rowsPerSecond: Math.round(counts.read / Math.max(run.seconds, 0.001)),
    })}\n`,
  );
}
