import { UsageError } from '../spec/usage-error';
import { AksTarget } from './aks/aks-target';
import { TARGET_IDS, type ClusterTarget, type TargetId } from './cluster-target';
import { EksTarget } from './eks/eks-target';
import { GkeTarget } from './gke/gke-target';
import { KopsTarget } from './kops/kops-target';

/** Every target, in report order. The only place that lists them. */
export const ALL_TARGETS: readonly ClusterTarget[] = [new EksTarget(), new GkeTarget(), new AksTarget(), new KopsTarget()];

export function getTarget(id: TargetId): ClusterTarget {
  const target = ALL_TARGETS.find((t) => t.id === id);
  if (!target) throw new Error(`unknown target '${id}'`);
  return target;
}

/** Parses `all` or a comma list such as `eks,kops`; throws naming the allowed values. */
export function parseTargetList(value: string): ClusterTarget[] {
  if (value === 'all') return [...ALL_TARGETS];
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !(TARGET_IDS as readonly string[]).includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(`--target '${value}' is not valid; allowed: all, or a comma list of ${TARGET_IDS.join(', ')}`);
  }
  return ALL_TARGETS.filter((t) => ids.includes(t.id));
}
