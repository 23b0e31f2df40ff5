/** One command; its one-line summary is in command-list.ts, so that help loads no command. */
export interface CliCommand {
  name: string;
  usage: string;
  run(args: string[]): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
