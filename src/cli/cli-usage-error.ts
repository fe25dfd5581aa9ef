/** A command was called in a way it cannot run (a missing password source, an unconfirmed seed): exit 2. */
export class CliUsageError extends Error {}
