import { spawn } from 'child_process';

/**
 * The one door every external command (terraform, kubectl, helm, aws, gcloud, az, kubelogin) goes
 * through. Deploy and destroy only ever talk to a `CommandRunner`, so tests swap in a
 * `RecordingRunner` and assert the exact sequence without touching a cloud.
 */
export interface CommandRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

export interface RunOptions {
  /** @default - the runner's own working directory */
  readonly cwd?: string;
  /** Added to the inherited environment (never replaces it: the user's credentials and TF_CLI_CONFIG_FILE pass through). @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the command's stdin, which is then closed. @default - stdin is closed at once */
  readonly input?: string;
  /** Also copy the command's output to the terminal as it arrives (long terraform runs). @default false */
  readonly stream?: boolean;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command with its arguments, as the capability tables build them. */
export interface CommandSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** @default {} */
  readonly env?: Readonly<Record<string, string>>;
}

/** Environment variables that point orquesta at a specific binary instead of the one on PATH. */
export const BINARY_OVERRIDE_ENV: Readonly<Record<string, string>> = {
  terraform: 'ORQUESTA_TERRAFORM',
  kubectl: 'ORQUESTA_KUBECTL',
  helm: 'ORQUESTA_HELM',
};

/** What a shell user would type: arguments with spaces or quotes are single-quoted. */
export function formatCommandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map(quoteArg).join(' ');
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The last `lines` non-empty lines of a command's output, for failure messages. */
export function tailLines(text: string, lines: number): string[] {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-lines);
}

/** A command that exited non-zero; carries what the user needs to see. */
export class CommandFailedError extends Error {
  constructor(
    public readonly commandLine: string,
    public readonly result: RunResult,
  ) {
    super(`\`${commandLine}\` exited with code ${result.code}`);
    this.name = 'CommandFailedError';
  }
}

/** Runs a command and throws `CommandFailedError` unless it exits 0. */
export async function runChecked(runner: CommandRunner, spec: CommandSpec, options: RunOptions = {}): Promise<RunResult> {
  const result = await runner.run(spec.command, spec.args, { ...options, env: { ...options.env, ...spec.env } });
  if (result.code !== 0) throw new CommandFailedError(formatCommandLine(spec.command, spec.args), result);
  return result;
}

/** Exit code a shell gives for "command not found"; SpawnRunner reports a missing binary the same way. */
export const EXIT_COMMAND_NOT_FOUND = 127;

export interface SpawnRunnerOptions {
  /** Environment the commands inherit. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where streamed output goes. @default process.stdout / process.stderr */
  readonly stdout?: (chunk: string) => void;
  readonly stderr?: (chunk: string) => void;
}

/**
 * Spawns real processes from PATH (no shell, so arguments are never re-split or expanded).
 * `terraform`, `kubectl` and `helm` can be pointed elsewhere with ORQUESTA_TERRAFORM / ORQUESTA_KUBECTL / ORQUESTA_HELM.
 */
export class SpawnRunner implements CommandRunner {
  private readonly env: NodeJS.ProcessEnv;
  private readonly writeOut: (chunk: string) => void;
  private readonly writeErr: (chunk: string) => void;

  constructor(options: SpawnRunnerOptions = {}) {
    this.env = options.env ?? process.env;
    this.writeOut = options.stdout ?? ((c) => process.stdout.write(c));
    this.writeErr = options.stderr ?? ((c) => process.stderr.write(c));
  }

  /** The binary that will run for `command`, after the ORQUESTA_* overrides. */
  public resolve(command: string): string {
    const overrideVar = BINARY_OVERRIDE_ENV[command];
    const override = overrideVar ? this.env[overrideVar] : undefined;
    return override && override.length > 0 ? override : command;
  }

  public run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const binary = this.resolve(command);
    return new Promise((resolve) => {
      const child = spawn(binary, [...args], {
        cwd: options.cwd,
        env: { ...this.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (options.stream) this.writeOut(chunk);
      });
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        if (options.stream) this.writeErr(chunk);
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        const overrideVar = BINARY_OVERRIDE_ENV[command];
        const hint = overrideVar ? ` (install it, or set ${overrideVar} to its path)` : ' (install it and make sure it is on PATH)';
        const message = error.code === 'ENOENT' ? `${binary}: command not found${hint}` : `${binary}: ${error.message}`;
        resolve({ code: EXIT_COMMAND_NOT_FOUND, stdout, stderr: `${stderr}${message}\n` });
      });
      child.on('close', (code, signal) => {
        resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr: signal ? `${stderr}killed by ${signal}\n` : stderr });
      });
      // A closed stdin makes any unexpected prompt fail at once instead of hanging the run.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
  }
}

/** One call a RecordingRunner saw. */
export interface RecordedCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: RunOptions;
  /** `formatCommandLine(command, args)` */
  readonly line: string;
}

/** Matches a call by its command line: a prefix string, a RegExp, or a predicate. */
export type CallMatcher = string | RegExp | ((call: RecordedCall) => boolean);

export interface ScriptedResponse {
  readonly match: CallMatcher;
  /**
   * Results given to successive matching calls; the last one repeats. A function is called with
   * the call and how many matching calls came before it.
   * @default [{ code: 0, stdout: '', stderr: '' }]
   */
  readonly results?: ReadonlyArray<Partial<RunResult>> | ((call: RecordedCall, index: number) => Partial<RunResult>);
}

/**
 * A scripted runner for tests: records every call and answers from a table of matchers (first
 * match wins). A call no matcher covers throws, so an unexpected command fails the test loudly
 * instead of getting a silent success.
 */
export class RecordingRunner implements CommandRunner {
  public readonly calls: RecordedCall[] = [];
  private readonly counts = new Map<ScriptedResponse, number>();

  constructor(private readonly script: readonly ScriptedResponse[]) {}

  public async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const call: RecordedCall = { command, args: [...args], options, line: formatCommandLine(command, args) };
    this.calls.push(call);
    const rule = this.script.find((r) => matches(r.match, call));
    if (!rule) throw new Error(`RecordingRunner: unscripted call: ${call.line}`);
    const index = this.counts.get(rule) ?? 0;
    this.counts.set(rule, index + 1);
    const results = rule.results ?? [{}];
    const partial = typeof results === 'function' ? results(call, index) : results[Math.min(index, results.length - 1)];
    return { code: partial.code ?? 0, stdout: partial.stdout ?? '', stderr: partial.stderr ?? '' };
  }

  /** Every command line, in order. */
  public lines(): string[] {
    return this.calls.map((c) => c.line);
  }
}

function matches(matcher: CallMatcher, call: RecordedCall): boolean {
  if (typeof matcher === 'string') return call.line === matcher || call.line.startsWith(`${matcher} `);
  if (matcher instanceof RegExp) return matcher.test(call.line);
  return matcher(call);
}
