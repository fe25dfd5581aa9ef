import { MultiBar, Presets } from 'cli-progress';

export type SeedPhase = 'users' | 'sessions';

export interface SeedProgress {
  increment(phase: SeedPhase, rows: number): void;
  stop(): void;
}

/** Progress bars on a terminal (cli-progress); one plain line per batch otherwise (CI logs). */
export function seedProgress(totals: Record<SeedPhase, number>): SeedProgress {
  const done: Record<SeedPhase, number> = { users: 0, sessions: 0 };
  if (!process.stderr.isTTY) {
    return {
      increment(phase, rows) {
        done[phase] += rows;
        process.stderr.write(`seed:demo ${phase} ${done[phase]}/${totals[phase]}\n`);
      },
      stop: () => undefined,
    };
  }
  const bars = new MultiBar(
    {
      format: ' {phase} [{bar}] {percentage}% {value}/{total} | {duration_formatted}',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const bar = {
    users: bars.create(totals.users, 0, { phase: 'users   ' }),
    sessions: bars.create(totals.sessions, 0, { phase: 'sessions' }),
  };
  return {
    increment: (phase, rows) => bar[phase].increment(rows),
    stop: () => bars.stop(),
  };
}
