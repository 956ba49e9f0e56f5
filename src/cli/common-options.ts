import { parseArgs, type ParseArgsConfig } from 'util';
import { ValidationError } from '../spec/validation-error';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import type { ClusterTarget } from '../targets/cluster-target';
import { parseTargetList } from '../targets/registry';
import { prepareAppSpec } from '../targets/validate-for-targets';
import { loadAppSpec, UsageError } from './load-app-spec';

export const APP_OPTION_HELP = `  --app <file>        spec module (.ts/.js exporting default), .json or .yaml
                      (default: $ORQUESTA_APP, else the built-in web-api example)`;
export const TARGET_OPTION_HELP = `  --target <t>        all | eks | gke | aks | kops, or a comma list (default: all)`;

/** Parses argv strictly: unknown flags are usage errors, not silently ignored. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: false; args: string[] }>>['values'] {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface PreparedRun {
  readonly spec: ResolvedAppSpec;
  readonly targets: ClusterTarget[];
  readonly origin: string;
}

/** Loads, validates (all problems at once) and resolves the spec for the chosen targets. */
export function prepareRun(app: string | undefined, target: string | undefined, cwd: string): PreparedRun {
  const targets = parseTargetList(target ?? 'all');
  const loaded = loadAppSpec(app, cwd);
  const spec = prepareAppSpec(loaded.spec, targets);
  return { spec, targets, origin: loaded.origin };
}

export function isUserError(error: unknown): error is ValidationError | UsageError {
  return error instanceof ValidationError || error instanceof UsageError;
}
