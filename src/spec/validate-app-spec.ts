import type { AppSpec } from './app-spec';
import { checkKnownKeys, isObject } from './checks';
import { validateCluster } from './validate-cluster';
import { validateWorkload } from './validate-workload';
import { ProblemList, type ValidationProblem } from './validation-error';

/**
 * Checks a whole app spec (which may come from JSON/YAML, so nothing about its shape is assumed)
 * and returns every problem found. An empty list means the spec can be resolved.
 */
export function validateAppSpec(value: unknown): ValidationProblem[] {
  const list = new ProblemList();
  if (!isObject(value)) {
    list.add('(spec)', value, 'must be an object { workload, cluster }');
    return [...list.problems];
  }
  checkKnownKeys(list, '(spec)', value, ['workload', 'cluster']);
  validateWorkload(list, value.workload);
  validateCluster(list, value.cluster);
  crossCheck(list, value as unknown as AppSpec);
  return [...list.problems];
}

/** Checks that span workload and cluster and need no target knowledge. */
function crossCheck(list: ProblemList, spec: AppSpec): void {
  const volume = spec.workload?.volume;
  if (isObject(volume) && volume.accessMode === 'ReadWriteMany') {
    list.add(
      'workload.volume.accessMode',
      volume.accessMode,
      "must be 'ReadWriteOnce': the block-storage classes used on eks (gp3), gke (standard-rwo), aks (managed-csi) and kops (gp3) cannot be mounted by several nodes",
    );
  }
}
