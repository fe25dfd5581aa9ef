/**
 * Writes the import:users benchmark file: `node dist/bench/import-users.js
 * FILE [ROWS]` (after `npx nest build`), a CSV of ROWS users (default
 * 1,000,000) without password hashes, streamed to disk (never held in memory).
 * Every 50th user has a role, every 100th is blocked; names carry accents and
 * a comma now and then, so quoting and the username key do real work. The
 * README (Bringing your users) has the measuring command and the figures.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = ['Ana', 'José', 'Zoë', 'Łukasz', 'Ngozi', 'Mei', 'Søren', 'Aylin'];
const LAST = ['López', 'Smith, Jr.', 'Øster', 'Nakamura', 'Dubois', 'Okafor', 'Kowalski'];

async function main(): Promise<void> {
  const [file, rowsArgument] = process.argv.slice(2);
  if (!file) throw new Error('usage: node dist/bench/import-users.js FILE [ROWS]');
  const rows = Number(rowsArgument ?? 1_000_000);
  const out = createWriteStream(file);
  out.write(
    'legacy_id,username,email,first_name,last_name,password_hash,password_salt,hash_format,created_at,roles,blocked,disabled\n',
  );
  const epoch = Date.UTC(2008, 0, 1);
  for (let id = 1; id <= rows; id++) {
    const first = FIRST[id % FIRST.length];
    const last = LAST[id % LAST.length];
    const created = new Date(epoch + id * 137_000).toISOString();
    const line =
      `${id},user.${id},user.${id}@example.com,${first},"${last}",,,,${created},` +
      `${id % 50 === 0 ? 'session-manager' : ''},${id % 100 === 0 ? 'true' : 'false'},false\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  process.stdout.write(`${rows} rows written to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
