import * as path from 'path';
import * as readline from 'readline';
import { formatCommandLine, SpawnRunner, type CommandRunner } from '../../lifecycle/command-runner';
import { parseBackendOption } from '../../lifecycle/backend-option';
import type { LifecycleContext } from '../../lifecycle/lifecycle-context';
import { UsageError } from '../../spec/usage-error';
import type { BackendConfig, ClusterTarget } from '../../targets/cluster-target';
import { parseTargetList } from '../../targets/registry';
import type { CliIo } from '../command';
import { loadAppSpec } from '../load-app-spec';

/**
 * What the deploy, destroy and lab commands take from the outside world. The exported commands
 * use the real process; tests build the same commands with a RecordingRunner, a fixed clock and
 * scripted answers (`createDeployCommand(deps)` and friends).
 */
export interface LifecycleDeps {
  readonly runner: () => CommandRunner;
  readonly now: () => Date;
  /** stdin is a terminal, so the user can be asked. */
  readonly interactive: () => boolean;
  readonly prompt: (question: string) => Promise<string>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly clock?: () => number;
}

export const PROCESS_DEPS: LifecycleDeps = {
  runner: () => new SpawnRunner(),
  now: () => new Date(),
  interactive: () => Boolean(process.stdin.isTTY),
  prompt: (question) =>
    new Promise((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
      rl.question(question, (answer) => {
        rl.close();
        resolve(answer);
      });
    }),
};

export const SINGLE_TARGET_HELP = `  --target <t>        eks | gke | aks | kops (one target per run; required)`;
export const QUIET_OPTION_HELP = `  --quiet             do not stream terraform and kubectl output (steps and errors are still shown)`;

/** Exactly one target: deploy and destroy act on one cluster at a time. */
export function parseSingleTarget(value: string | undefined): ClusterTarget {
  if (!value) throw new UsageError('--target is required (eks, gke, aks or kops)');
  let targets: ClusterTarget[];
  try {
    targets = parseTargetList(value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (targets.length !== 1)
    throw new UsageError(`--target '${value}': name one target (eks, gke, aks or kops); they are deployed one at a time`);
  return targets[0];
}

/** The spec as loaded, and the spec file to record (absolute) when it came from a file. */
export function loadRawSpec(app: string | undefined, cwd: string): { raw: unknown; app?: string } {
  const loaded = loadAppSpec(app, cwd);
  return { raw: loaded.spec, app: path.isAbsolute(loaded.origin) ? loaded.origin : undefined };
}

export function parseBackend(value: string | undefined, root: string, target: ClusterTarget, awsRegion: string): BackendConfig | undefined {
  return value === undefined ? undefined : parseBackendOption(value, { root, target: target.id, awsRegion });
}

/** `orquesta <command> <argv...>`, quoted for a shell: what to run again to resume. */
export function rerunLine(command: readonly string[], argv: readonly string[]): string {
  return formatCommandLine('orquesta', [...command, ...argv]);
}

export function lifecycleContext(io: CliIo, deps: LifecycleDeps, quiet: boolean | undefined): LifecycleContext {
  return { root: io.cwd, io, runner: deps.runner(), now: deps.now(), stream: !quiet, sleep: deps.sleep, clock: deps.clock };
}
