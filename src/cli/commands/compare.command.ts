import { Command, InvalidArgumentError } from 'commander';
import type { CompareOptions } from '../compare/run';

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
      // Loaded on use: the XML and YAML parsers would add to every other command's start-up.
      .action(async (file: string, options: CompareOptions) =>
        (await import('../compare/run')).runCompare(file, options),
      )
  );
}
