import { Command, InvalidArgumentError } from 'commander';
import { compareAll, resultLines, summaryLines } from '../compare/report';
import { formatOf, readRecording, RecordingError } from '../compare/recording';
import { BaseUrlError, parseBaseUrl, replay } from '../compare/replay';
import { loadRules, RulesError, UserRule } from '../compare/rules';
import { CliUsageError } from '../cli-usage-error';

interface CompareOptions {
  legacy: string;
  candidate: string;
  format?: string;
  rules?: string;
  json?: boolean;
  timeout: number;
  maxResponseBytes: number;
}

function positive(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new InvalidArgumentError('expected a positive whole number');
  return Number(value);
}

/**
 * `compare --legacy URL --candidate URL FILE`: replays a recording against
 * both services and reports where the candidate answers differently. Exit 0:
 * every answer identical or equal up to volatile values; 1: a difference or a
 * service that did not answer; 2: the command could not run (options, file,
 * rules) — so CI can tell "the services differ" from "the job is broken".
 */
export function compareCommand(): Command {
  return (
    new Command('compare')
      .description(
        'replay recorded requests (HAR or JSON lines) against the legacy service and this one; ' +
          'exit 0 when every answer is identical or equal up to volatile values, 1 otherwise, 2 on usage errors',
      )
      .argument('<file>', 'recording: .har (HAR 1.2) or .jsonl (method, path, headers, bodyBase64)')
      .requiredOption('--legacy <url>', 'base URL of the legacy service')
      .requiredOption('--candidate <url>', 'base URL of the service under test')
      .option('--format <format>', 'har or jsonl (default: from the file extension)')
      .option('--rules <file>', 'user rules (JSON or YAML): paths to ignore or treat as volatile')
      .option('--json', 'one JSON document instead of text')
      .option(
        '--timeout <ms>',
        'per request: give up after this long without data',
        positive,
        10_000,
      )
      .option('--max-response-bytes <bytes>', 'largest answer read', positive, 16 * 1024 * 1024)
      // Commander's own errors (a missing option) exit 2 like the others, not 1 ("the services differ").
      .exitOverride()
      .action((file: string, options: CompareOptions) => compare(file, options))
  );
}

async function compare(file: string, options: CompareOptions): Promise<void> {
  let legacy: URL, candidate: URL, rules: UserRule[];
  let requests: Awaited<ReturnType<typeof readRecording>>;
  try {
    legacy = parseBaseUrl('--legacy', options.legacy);
    candidate = parseBaseUrl('--candidate', options.candidate);
    const format = formatOf(file, options.format);
    rules = options.rules ? await loadRules(options.rules) : [];
    requests = await readRecording(file, format);
  } catch (error) {
    if (
      error instanceof BaseUrlError ||
      error instanceof RecordingError ||
      error instanceof RulesError
    )
      throw new CliUsageError(error.message);
    throw error;
  }
  const replayOptions = { timeoutMs: options.timeout, maxResponseBytes: options.maxResponseBytes };
  const report = await compareAll(
    requests,
    (side, request) => replay(side === 'legacy' ? legacy : candidate, request, replayOptions),
    rules,
    options.json ? undefined : (result) => write(resultLines(result)),
  );
  if (options.json) await write([JSON.stringify(report, null, 2)]);
  else await write(summaryLines(report));
  if (!report.ok) process.exitCode = 1;
}

/** Resolves once stdout has taken the lines (a pipe may be slower than the report). */
function write(lines: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(lines.join('\n') + '\n', (error) => (error ? reject(error) : resolve())),
  );
}
