import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { ImportedUser, ImportRecord, parseImportRow, RowProblem } from './import-row';
import { UsersImportRepository } from './users-import.repository';

/** A record read from the file, or why the file's text at that line is no record at all. */
export type SourceRecord =
  { line: number; record: ImportRecord } | { line: number; problem: RowProblem };

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportRun {
  dryRun: boolean;
  /** Rows written per transaction. */
  batchSize?: number;
  /** Named in the audit event. */
  source: string;
  /** Every problem of a rejected row; awaited, so a slow report file holds the import back. */
  onRejected(line: number, problems: RowProblem[]): void | Promise<void>;
  /** After each batch. */
  onProgress?(counts: ImportCounts): void;
}

const DEFAULT_BATCH_SIZE = 5_000;

interface PendingRow {
  line: number;
  user: ImportedUser;
}

/**
 * `import:users`: reads records as they stream in, validates each, and
 * upserts the good ones by legacy id in set-based batches. Memory holds one
 * batch and the set of legacy ids seen (a number per row, to refuse a
 * legacy id repeated further down the file), never the file.
 */
@Injectable()
export class UsersImport {
  constructor(
    private readonly repository: UsersImportRepository,
    private readonly audit: AuditRepository,
  ) {}

  async run(records: AsyncIterable<SourceRecord>, run: ImportRun): Promise<ImportCounts> {
    const counts: ImportCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
    const roles = await this.repository.roleIds();
    const seenIds = new Set<number>();
    const batchSize = run.batchSize ?? DEFAULT_BATCH_SIZE;
    const writer = await this.repository.openWriter(run.dryRun);
    const reject = async (line: number, problems: RowProblem[]) => {
      counts.rejected++;
      await run.onRejected(line, problems);
    };
    let batch: PendingRow[] = [];
    const flush = async () => {
      const outcomes = await writer.write(batch.map((row) => row.user));
      for (const [index, result] of outcomes.entries()) {
        if (result.outcome === 'rejected') await reject(batch[index].line, [result.problem]);
        else counts[result.outcome]++;
      }
      batch = [];
      run.onProgress?.(counts);
    };
    try {
      let keysInBatch = new Map<string, number>();
      for await (const source of records) {
        counts.read++;
        if ('problem' in source) {
          await reject(source.line, [source.problem]);
          continue;
        }
        const parsed = parseImportRow(source.record, roles);
        if (!parsed.ok) {
          await reject(source.line, parsed.problems);
          continue;
        }
        const { user } = parsed;
        if (seenIds.has(user.legacyId)) {
          await reject(source.line, [
            { column: 'legacy_id', reason: 'appears on an earlier line of this file' },
          ]);
          continue;
        }
        seenIds.add(user.legacyId);
        const sameName = keysInBatch.get(user.usernameKey);
        if (sameName !== undefined) {
          await reject(source.line, [
            { column: 'username', reason: `is the same account name as line ${sameName}'s` },
          ]);
          continue;
        }
        keysInBatch.set(user.usernameKey, source.line);
        batch.push({ line: source.line, user });
        if (batch.length >= batchSize) {
          await flush();
          keysInBatch = new Map();
        }
      }
      if (batch.length > 0) await flush();
    } finally {
      await writer.close();
    }
    if (!run.dryRun) {
      await this.audit.record({
        action: 'users.imported',
        details: { source: run.source, ...counts },
      });
    }
    return counts;
  }
}
