/** One CLI command: its help text lives next to its code so `--help` and behaviour cannot drift. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full help: usage line and options, printed by `orquesta <name> --help`. */
  readonly help: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** Invalid spec or usage: nothing was written. */
export const EXIT_INVALID = 2;
