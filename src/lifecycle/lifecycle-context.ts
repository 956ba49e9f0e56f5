import * as path from 'path';
import { STACKS_DIR } from '../synth/synthesize';
import type { TargetId } from '../targets/cluster-target';
import { CommandFailedError, tailLines, type CommandRunner } from './command-runner';

/** Where progress and errors are printed (the CLI's `CliIo` is one). */
export interface ProgressIo {
  out(text: string): void;
  err(text: string): void;
}

/** What deploy, destroy and the lab commands need from the outside world; tests pass their own. */
export interface LifecycleContext {
  /** Project root: `cdktf.out/`, `dist/k8s/` and `.orquesta/` live under it. */
  readonly root: string;
  readonly io: ProgressIo;
  readonly runner: CommandRunner;
  /** The run's clock reading: lab expiry tags and the lab registry use it. */
  readonly now: Date;
  /** Copy terraform and kubectl output to the terminal while they run. @default false */
  readonly stream?: boolean;
  /** @default - a real timer */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Milliseconds, for timeouts. @default Date.now */
  readonly clock?: () => number;
}

/** The terraform working directory of a target's stack. */
export function stackDir(root: string, target: TargetId): string {
  return path.join(root, STACKS_DIR, 'stacks', target);
}

/** How many lines of a failed command's stderr to show: enough for terraform's error block, short enough to read. */
export const STDERR_TAIL_LINES = 20;

/** A step failed; its message has been printed already. */
export class StepFailedError extends Error {
  constructor(
    public readonly step: string,
    public override readonly cause: unknown,
  ) {
    super(`step '${step}' failed`);
    this.name = 'StepFailedError';
  }
}

/**
 * Prints numbered steps (`[2/5] terraform init`) and, when one fails, which one, the failed
 * command with the tail of its stderr, and how to resume.
 */
export class StepReporter {
  private index = 0;

  constructor(
    private readonly io: ProgressIo,
    private readonly total: number,
  ) {}

  /** `resumeHint` may depend on the error (e.g. which part of a step failed). */
  public async run<T>(title: string, resumeHint: string | ((error: unknown) => string), fn: () => Promise<T>): Promise<T> {
    this.index += 1;
    const label = `[${this.index}/${this.total}] ${title}`;
    this.io.out(label);
    try {
      return await fn();
    } catch (error) {
      const hint = typeof resumeHint === 'function' ? resumeHint(error) : resumeHint;
      this.io.err(describeFailure(label, error, hint).join('\n'));
      throw new StepFailedError(title, error);
    }
  }

  /** An indented detail line under the current step. */
  public note(text: string): void {
    this.io.out(`      ${text}`);
  }
}

export function describeFailure(label: string, error: unknown, resumeHint: string): string[] {
  const lines = [`✗ ${label} failed`];
  if (error instanceof CommandFailedError) {
    lines.push(`  ${error.message}`);
    const tail = tailLines(error.result.stderr || error.result.stdout, STDERR_TAIL_LINES);
    if (tail.length > 0) lines.push('  last lines of its output:', ...tail.map((l) => `    ${l}`));
  } else {
    lines.push(`  ${(error as Error).message ?? String(error)}`);
  }
  lines.push(`  To resume: ${resumeHint}`);
  return lines;
}

export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly clock: () => number;
}

/** Calls `check` until `done` says so or the time is up; returns the last value and whether it was done. */
export async function pollUntil<T>(
  check: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions,
  onWait: (value: T) => void = () => undefined,
): Promise<{ value: T; done: boolean }> {
  const deadline = options.clock() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (done(value)) return { value, done: true };
    if (options.clock() + options.intervalMs > deadline) return { value, done: false };
    onWait(value);
    await options.sleep(options.intervalMs);
  }
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function pollOptions(ctx: LifecycleContext, timeoutMs: number, intervalMs: number): PollOptions {
  return { timeoutMs, intervalMs, sleep: ctx.sleep ?? realSleep, clock: ctx.clock ?? Date.now };
}

/** `12m 5s`, `3h 10m`, `2d 4h`: the two largest units. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** A path relative to the project root, for messages. */
export function relativeToRoot(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel === '' ? '.' : rel;
}
