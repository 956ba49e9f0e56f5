import type { AppSpec } from '../spec/app-spec';
import { resolveAppSpec } from '../spec/resolve-app-spec';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import { validateAppSpec } from '../spec/validate-app-spec';
import { ValidationError } from '../spec/validation-error';
import type { ClusterTarget } from './cluster-target';

/**
 * The one gate before anything is synthesized: structural checks of the whole spec, then, if it
 * has the right shape, each target's own checks (e.g. requests fit on that target's node).
 * Throws one `ValidationError` listing every problem; returns the resolved spec otherwise.
 */
export function prepareAppSpec(spec: unknown, targets: readonly ClusterTarget[]): ResolvedAppSpec {
  const problems = validateAppSpec(spec);
  if (problems.length > 0) throw new ValidationError(problems);
  const resolved = resolveAppSpec(spec as AppSpec);
  const targetProblems = targets.flatMap((t) => t.validate(resolved));
  if (targetProblems.length > 0) throw new ValidationError(dedupe(targetProblems));
  return resolved;
}

/** The same problem found by several targets is reported once. */
function dedupe<T extends { path: string; requirement: string }>(problems: readonly T[]): T[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.requirement}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
