export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
