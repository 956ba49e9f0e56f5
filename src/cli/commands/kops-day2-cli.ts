import { BACKEND_OPTION_HELP } from '../../lifecycle/backend-option';
import type { KopsDay2Context } from '../../lifecycle/kops/kops-session';
import { UsageError } from '../../spec/usage-error';
import type { ClusterTarget } from '../../targets/cluster-target';
import { prepareAppSpec } from '../../targets/validate-for-targets';
import type { CliIo } from '../command';
import { APP_OPTION_HELP } from '../common-options';
import {
  QUIET_OPTION_HELP,
  lifecycleContext,
  loadRawSpec,
  parseBackend,
  parseSingleTarget,
  rerunLine,
  type LifecycleDeps,
} from './lifecycle-cli';

/** Options every day-2 command of the kops target takes, for `parseOptions`. */
export const KOPS_DAY2_OPTIONS = {
  app: { type: 'string' },
  target: { type: 'string' },
  backend: { type: 'string' },
  yes: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

export const KOPS_DAY2_OPTIONS_HELP = `  --target kops       the only target with a self-managed control plane (required)
${APP_OPTION_HELP}
${BACKEND_OPTION_HELP}
  --yes               do not ask for the cluster name (default: ask, if stdin is a terminal)
${QUIET_OPTION_HELP}
  -h, --help          show this help`;

/** `--target` must be kops: the managed targets upgrade and back up their control plane themselves. */
export function parseKopsTarget(value: string | undefined, command: string): ClusterTarget {
  const target = parseSingleTarget(value);
  if (target.id !== 'kops') {
    throw new UsageError(
      `--target ${target.id}: '${command}' is for the self-managed kops target; ${target.displayName} manages its own control plane`,
    );
  }
  return target;
}

/** The spec, state and confirmation settings of a day-2 run. */
export function kopsDay2Context(
  io: CliIo,
  deps: LifecycleDeps,
  target: ClusterTarget,
  opts: { app?: string; backend?: string; yes?: boolean; quiet?: boolean },
  rerun: { command: string; argv: readonly string[] },
): KopsDay2Context {
  const { raw } = loadRawSpec(opts.app, io.cwd);
  const spec = prepareAppSpec(raw, [target]);
  return {
    ...lifecycleContext(io, deps, opts.quiet),
    spec,
    backend: parseBackend(opts.backend, io.cwd, target, spec.cluster.regions.aws),
    rerun: rerunLine([rerun.command], rerun.argv),
    yes: opts.yes ?? false,
    interactive: deps.interactive(),
    prompt: deps.prompt,
  };
}
