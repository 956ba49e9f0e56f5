import type { AppSpec } from '../spec/app-spec';
import { isObject } from '../spec/checks';
import { plainData } from '../spec/plain-data';
import { resolveAppSpec } from '../spec/resolve-app-spec';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import { validateAppSpec } from '../spec/validate-app-spec';
import { validatePricedRegions } from '../spec/validate-cluster';
import { ProblemList, ValidationError, type ValidationProblem } from '../spec/validation-error';
import type { ClusterTarget } from './cluster-target';

/**
 * The one gate before anything is synthesized or written: structural checks of the whole spec,
 * the regions the chosen targets are priced in, and each target's own checks (e.g. requests fit
 * on that target's node). Throws one `ValidationError` listing every problem; returns the
 * resolved spec otherwise.
 *
 * Structural problems do not hide target-level ones: the target checks also run on a copy of the
 * spec with the offending fields removed (unknown keys dropped, invalid optional values back to
 * their defaults) whenever that copy is valid, so `replicaz: 3` and a CPU request that cannot fit
 * on any node are reported in the same run.
 */
export function prepareAppSpec(spec: unknown, targets: readonly ClusterTarget[]): ResolvedAppSpec {
  const list = new ProblemList();
  list.addAll(validateAppSpec(spec));
  const clouds = [...new Set(targets.map((t) => t.cloud))];
  validatePricedRegions(list, isObject(spec) ? spec.cluster : undefined, clouds);
  const structural = list.problems;
  const checkable = structural.length === 0 ? spec : withoutProblemFields(spec, structural);
  if (checkable !== undefined) {
    const resolved = resolveAppSpec(checkable as AppSpec);
    const targetProblems = targets.flatMap((t) => t.validate(resolved));
    if (structural.length === 0 && targetProblems.length === 0) return resolved;
    list.addAll(targetProblems);
  }
  throw new ValidationError(dedupe(list.problems));
}

/**
 * A copy of `spec` without the fields the problems point at, if that copy passes the structural
 * checks (else undefined: required fields are wrong, and target checks would only guess).
 */
function withoutProblemFields(spec: unknown, problems: readonly ValidationProblem[]): unknown {
  if (!isObject(spec)) return undefined;
  const copy = plainData(spec);
  for (const problem of problems) deletePath(copy, problem.path);
  return validateAppSpec(copy).length === 0 ? copy : undefined;
}

/** Deletes `workload.probes.readiness.path` / `cluster.nodePools[0].capacity` from `root`, if present. */
function deletePath(root: Record<string, unknown>, path: string): void {
  const segments = path
    .replace(/^\(spec\)\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '');
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[segment];
  }
  const last = segments[segments.length - 1];
  if (last === undefined || typeof node !== 'object' || node === null || Array.isArray(node)) return;
  delete (node as Record<string, unknown>)[last];
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
