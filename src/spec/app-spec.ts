import type { ClusterSpec } from './cluster-spec';
import type { WorkloadSpec } from './workload-spec';

/** What a user writes: one workload and the cluster it runs on, cloud-neutral. */
export interface AppSpec {
  readonly workload: WorkloadSpec;
  readonly cluster: ClusterSpec;
}

/**
 * Identity helper that gives a spec module type-checking and editor completion:
 * `export default defineApp({ workload: {...}, cluster: {...} })`.
 */
export function defineApp(spec: AppSpec): AppSpec {
  return spec;
}
