import type { Inventory, ManagedControlPlane } from '../inventory/inventory';

import type { Baseline, LossResult } from './loss-outcome';
import { describeEgress } from './network-reach';

/* The words of the scenarios: what the evaluation found, as the report explains it. */

export function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

export const API_DOWN = 'With the API down nothing is rescheduled or evicted (no drains) until it returns; running pods keep serving.';

export /** Why what stopped does not come back, in words. */
function recovery(base: Baseline, r: LossResult, zone?: string): string {
  const inv = base.inv;
  const w = inv.workload;
  const parts: string[] = [];
  if (r.survivors > r.readyNodes) {
    parts.push(
      `${r.survivors - r.readyNodes} surviving node(s) reach the Kubernetes API only through ${describeEgress(inv.network)}${zone ? `, lost with ${zone}` : ''}: ` +
        'they go NotReady; their replicas keep running, but nothing new is scheduled there.',
    );
  }
  for (const u of r.unschedulable) {
    if (u.reason === 'volume-zone') {
      parts.push(
        `${u.count} replica(s) keep their volume in a zone with no node left to run them (zonal block storage): they cannot start elsewhere.`,
      );
    } else if (u.reason === 'no-egress') {
      parts.push(
        `${u.count} replacement replica(s) cannot start: pulling ${inv.network.registry.image} from ${inv.network.registry.host} ` +
          `(imagePullPolicy ${inv.network.registry.pullPolicy}) needs egress through ${describeEgress(inv.network)}` +
          (zone ? `, lost with ${zone}.` : ', which these nodes cannot reach.'),
      );
    } else if (u.reason === 'no-capacity') {
      parts.push(`${u.count} replica(s) find no room on the ${r.readyNodes} node(s) left until new nodes join.`);
    }
  }
  if (parts.length === 0) {
    parts.push(r.lostReplicas === 0 ? 'No replica stops.' : `The ${r.readyNodes} node(s) left can run all ${w.replicas} replicas.`);
  }
  return parts.join(' ');
}

export /**
 * How each kind of control plane is upgraded, so the scenario names the mechanism that exists.
 * Managed: the providers' documented behaviour (https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html ,
 * https://cloud.google.com/kubernetes-engine/docs/concepts/cluster-upgrades#control_plane ,
 * https://learn.microsoft.com/azure/aks/upgrade-aks-cluster , 2026-11). Self-managed: `orquesta upgrade --target kops`.
 */
const MANAGED_UPGRADE: Readonly<Record<ManagedControlPlane['tier'], string>> = {
  'eks-standard':
    'AWS upgrades the EKS control plane in place (new API server instances before the old ones go); the API stays up and running pods are not touched.',
  'eks-extended':
    'AWS upgrades the EKS control plane in place (new API server instances before the old ones go); the API stays up and running pods are not touched.',
  'gke-regional': "Google upgrades the regional control plane's replicas one at a time; the API stays up and running pods are not touched.",
  'gke-zonal':
    'Google upgrades the single zonal control-plane replica: the API is down for several minutes (no deploys, scaling or rescheduling) while running pods keep serving.',
  'aks-free': 'AKS upgrades the managed control plane in place; the API stays up and running pods are not touched.',
  'aks-standard': 'AKS upgrades the managed control plane in place; the API stays up and running pods are not touched.',
  'aks-premium': 'AKS upgrades the managed control plane in place; the API stays up and running pods are not touched.',
};

export function upgradeMechanism(plane: Inventory['controlPlane'], survives: boolean): string {
  if (plane.kind === 'managed') return MANAGED_UPGRADE[plane.tier];
  return survives
    ? '`orquesta upgrade --target kops` upgrades the members in place, one at a time, through SSM (drain, `kubeadm upgrade apply` on the first and `kubeadm upgrade node` on the others, kubelet and kubectl at the pinned package version, uncordon), moving on only when the member reports the new kubelet version, the API answers /readyz and etcd reports every member healthy, so the API stays up; then each worker group is rolled by an instance refresh that launches a replacement before draining a node within the PodDisruptionBudget.'
    : '`orquesta upgrade` runs `kubeadm upgrade apply` on the only control-plane member; its static pods restart, so the API is down for a few minutes (no deploys, scaling or rescheduling) while running pods keep serving; the workers are then rolled launch-before-drain within the PodDisruptionBudget.';
}
