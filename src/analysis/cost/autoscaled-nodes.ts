import type { NodeAllocatable } from '../../targets/cluster-target';
import { selectedGroups } from '../fault/placement';
import type { Inventory } from '../inventory/inventory';
import { pendingReplicas } from '../fault/scenarios';

/**
 * Nodes the cluster autoscaler adds to the workload's pool because the replicas do not fit on the
 * nodes the stack sets (for instance once add-on requests take their room): the fewest extra nodes,
 * up to the pool's maximum, with which no replica stays pending. Capacity is not money until it
 * takes a node: this is the only place add-on footprints turn into a price. Only for a workload on
 * one node group (every stack's shape); empty when nothing is pending or the pool cannot grow.
 */
export function autoscaledNodes(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): ReadonlyMap<string, number> {
  const groups = selectedGroups(inv.workload, inv.nodeGroups);
  if (groups.length !== 1 || pendingReplicas(inv, allocatable) === 0) return new Map();
  const g = groups[0];
  for (let extra = 1; g.desiredNodes + extra <= g.maxNodes; extra++) {
    const grown = { ...inv, nodeGroups: inv.nodeGroups.map((n) => (n === g ? { ...n, desiredNodes: g.desiredNodes + extra } : n)) };
    if (pendingReplicas(grown, allocatable) === 0) return new Map([[g.address, extra]]);
  }
  // Even the maximum leaves replicas pending: the autoscaler grows to it (the fault scenarios show the rest pending).
  return g.maxNodes > g.desiredNodes ? new Map([[g.address, g.maxNodes - g.desiredNodes]]) : new Map();
}

/** The inventory with those nodes added, as the bill would see it. */
export function withAutoscaledNodes(inv: Inventory, extra: ReadonlyMap<string, number>): Inventory {
  if (extra.size === 0) return inv;
  return {
    ...inv,
    nodeGroups: inv.nodeGroups.map((g) => (extra.has(g.address) ? { ...g, desiredNodes: g.desiredNodes + extra.get(g.address)! } : g)),
  };
}
