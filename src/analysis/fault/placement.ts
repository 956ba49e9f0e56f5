import type { NodeAllocatable } from '../../targets/cluster-target';
import { NODE_POOL_LABEL } from '../../targets/common/kubernetes-common';
import type { Inventory, NodeGroup, WorkloadInventory } from '../inventory/inventory';

/**
 * Pods that run on every node besides the workload (kube-proxy or its eBPF replacement, the CNI
 * agent, a log/metrics agent): 100m CPU / 200 MiB / 3 pods per node is what the managed services'
 * default DaemonSets request together on a small node (e.g. GKE kube-proxy 100m, AKS cilium +
 * cloud-node-manager, EKS aws-node 25m + kube-proxy 100m), checked 2026-11 against their
 * published manifests. One assumption for all targets, stated in the report.
 */
export const DAEMONSET_OVERHEAD = { cpuMillicores: 100, memoryMiB: 200, pods: 3 } as const;

export interface SimNode {
  readonly id: string;
  readonly zone: string;
  /** Workload pods that fit on this node after reservations and DaemonSets. */
  readonly podCapacity: number;
  readonly spare: { readonly cpuMillicores: number; readonly memoryMiB: number };
}

/** The nodes the workload can run on (its nodeSelector), each with the pods it can take. */
export function workloadNodes(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  groups: readonly NodeGroup[] = inv.nodeGroups,
): SimNode[] {
  const selected = selectedGroups(inv.workload, groups);
  const nodes: SimNode[] = [];
  for (const g of selected) {
    const a = allocatable(g.instanceType);
    const cpu = a.cpuMillicores - DAEMONSET_OVERHEAD.cpuMillicores;
    const mem = a.memoryMiB - DAEMONSET_OVERHEAD.memoryMiB;
    const req = inv.workload.requests;
    const capacity = Math.max(
      0,
      Math.min(
        req.cpuMillicores > 0 ? Math.floor(cpu / req.cpuMillicores) : Infinity,
        req.memoryMiB > 0 ? Math.floor(mem / req.memoryMiB) : Infinity,
        a.maxPods - DAEMONSET_OVERHEAD.pods,
      ),
    );
    // Node groups balance nodes over their zones (ASG / managed node group / GKE / AKS zone balancing).
    for (let i = 0; i < g.desiredNodes; i++) {
      nodes.push({
        id: `${g.address}#${i}`,
        zone: g.zones[i % g.zones.length],
        podCapacity: capacity,
        spare: { cpuMillicores: cpu, memoryMiB: mem },
      });
    }
  }
  return nodes;
}

/** Groups whose pool label satisfies the workload's nodeSelector (all worker groups when it selects nothing). */
export function selectedGroups(workload: WorkloadInventory, groups: readonly NodeGroup[]): NodeGroup[] {
  const wanted = workload.nodeSelector[NODE_POOL_LABEL];
  return groups.filter((g) => (wanted === undefined ? g.role === 'worker' : g.pool === wanted));
}

/** Replicas per node id; pods the scheduler could not place are `pending`. */
export interface Placement {
  readonly perNode: ReadonlyMap<string, number>;
  readonly pending: number;
}

/**
 * Places `count` more replicas on `nodes` the way kube-scheduler would with the chart's constraints:
 * hard zone spread (maxSkew 1 over every zone that has a selected node: DoNotSchedule) or none, then
 * the least-loaded node (the soft hostname spread). `existing` holds replicas already running.
 */
export function place(
  nodes: readonly SimNode[],
  count: number,
  zoneSpread: WorkloadInventory['zoneSpread'],
  existing: ReadonlyMap<string, number> = new Map(),
): Placement {
  const perNode = new Map<string, number>(nodes.map((n) => [n.id, existing.get(n.id) ?? 0]));
  // Replicas per zone, kept up to date as pods are placed (sweeps call this thousands of times).
  const counts = new Map<string, number>();
  for (const n of nodes) counts.set(n.zone, (counts.get(n.zone) ?? 0) + perNode.get(n.id)!);
  let pending = 0;
  for (let i = 0; i < count; i++) {
    let minCount = Infinity;
    for (const c of counts.values()) minCount = Math.min(minCount, c);
    let best: SimNode | undefined;
    for (const n of nodes) {
      const onNode = perNode.get(n.id)!;
      const inZone = counts.get(n.zone)!;
      if (onNode >= n.podCapacity || (zoneSpread === 'hard' && inZone + 1 - minCount > 1)) continue;
      // Emptiest zone first, then the emptiest node in it (the soft hostname spread).
      if (!best || inZone < counts.get(best.zone)! || (inZone === counts.get(best.zone)! && onNode < perNode.get(best.id)!)) best = n;
    }
    if (!best) {
      pending++;
      continue;
    }
    perNode.set(best.id, perNode.get(best.id)! + 1);
    counts.set(best.zone, counts.get(best.zone)! + 1);
  }
  return { perNode, pending };
}

export function placedOn(placement: Placement, nodes: readonly SimNode[]): number {
  return nodes.reduce((s, n) => s + (placement.perNode.get(n.id) ?? 0), 0);
}
