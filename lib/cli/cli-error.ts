/**
 * Errors that end the `lens` CLI with a sysexits-style code: 64 for a wrong command line (EX_USAGE), 2 for input
 * the CLI cannot use (a file that cannot be read, an import with errors, an invalid insights or model file).
 */
export const EXIT_USAGE = 64;
export const EXIT_BAD_INPUT = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT_USAGE);
export const inputError = (message: string): CliError => new CliError(message, EXIT_BAD_INPUT);
