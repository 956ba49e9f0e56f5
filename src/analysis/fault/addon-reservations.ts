import type { NodeAllocatable } from '../../targets/cluster-target';
import type { AddonInventory, Inventory, NodeGroup } from '../inventory/inventory';

/**
 * Pods that run on every node besides the workload (kube-proxy or its eBPF replacement, the CNI
 * agent, a log/metrics agent): 100m CPU / 200 MiB / 3 pods per node is what the managed services'
 * default DaemonSets request together on a small node (e.g. GKE kube-proxy 100m, AKS cilium +
 * cloud-node-manager, EKS aws-node 25m + kube-proxy 100m), checked 2026-11 against their
 * published manifests. One assumption for targets whose `platform-addons.json` does not list their
 * node agents (see `residualOverhead`), stated in the report.
 */
export const DAEMONSET_OVERHEAD = { cpuMillicores: 100, memoryMiB: 200, pods: 3 } as const;

export function nodeId(g: NodeGroup, index: number): string {
  return `${g.address}#${index}`;
}

/** Node groups balance nodes over their zones (ASG / managed node group / GKE / AKS zone balancing). */
export function nodeZone(g: NodeGroup, index: number): string {
  return g.zones[index % g.zones.length];
}

/** What a node has left for the workload: CPU, memory and pod slots. */
export interface NodeReservation {
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly pods: number;
}

/** An add-on replica and the node the scheduler put it on. */
export interface AddonReplica {
  readonly addon: string;
  readonly node: string;
}

export interface AddonReservations {
  /** Every node of every group (workload or not), with what is left after DaemonSets and add-on replicas. */
  readonly byNode: ReadonlyMap<string, NodeReservation>;
  readonly replicas: readonly AddonReplica[];
  /** Add-on replicas that fit nowhere (they would stay Pending). */
  readonly pending: number;
  /** The stated DaemonSet overhead still applied per node (none when the add-ons list the node agents). */
  readonly residualOverhead: NodeReservation;
}

/**
 * The node networking agents every cluster runs (kube-proxy or its eBPF replacement, the CNI). A
 * target whose `platform-addons.json` lists one of them with a per-node footprint lists its node
 * DaemonSets (the add-on contract: every add-on's requests), so the stated overhead, which stands
 * for those DaemonSets when nothing lists them, no longer applies; counting both would charge the
 * same DaemonSets twice. Names as the targets list them (eks vpc-cni / kube-proxy, gke dataplane-v2,
 * aks azure-cni-overlay-cilium).
 */
const NODE_NETWORKING_AGENT = /kube-proxy|vpc-cni|aws-node|(^|-)cni($|-)|cilium|calico|dataplane/;

/** What is left of the stated DaemonSet overhead: all of it unless the add-ons list the node agents themselves. */
export function residualOverhead(addons: readonly AddonInventory[]): NodeReservation {
  const listed = addons.some((a) => a.footprint.perNode !== undefined && NODE_NETWORKING_AGENT.test(a.name));
  return listed ? { cpuMillicores: 0, memoryMiB: 0, pods: 0 } : { ...DAEMONSET_OVERHEAD };
}

/** Whether any add-on runs replicas (then nodes differ by what the scheduler put on them). */
export function hasAddonReplicas(inv: Inventory): boolean {
  return inv.addons.some((a) => (a.footprint.replicas?.count ?? 0) > 0);
}

/** What every node of an instance type keeps after per-node add-ons and the residual DaemonSet overhead. */
export function baseNodeFree(inv: Inventory, a: NodeAllocatable): NodeReservation {
  const residual = residualOverhead(inv.addons);
  let cpu = a.cpuMillicores - residual.cpuMillicores;
  let mem = a.memoryMiB - residual.memoryMiB;
  let pods = a.maxPods - residual.pods;
  for (const addon of inv.addons) {
    const perNode = addon.footprint.perNode;
    if (!perNode) continue;
    cpu -= perNode.cpuMillicores;
    mem -= perNode.memoryMiB;
    pods -= 1;
  }
  return { cpuMillicores: cpu, memoryMiB: mem, pods };
}

interface MutableFree {
  cpuMillicores: number;
  memoryMiB: number;
  pods: number;
  readonly zone: string;
}

/**
 * Reserves add-on requests on the nodes before the workload is placed (a fuller node is what a
 * user pays for): every add-on's per-node footprint on every node, the residual DaemonSet
 * overhead, then each add-on's replicas one by one on the node with the most free CPU (the
 * scheduler's LeastAllocated score) in the zone with the fewest replicas of that add-on. Replicas
 * go to the system pools when the cluster has any (AKS: tainted CriticalAddonsOnly), else to the
 * workers. With `lost` nodes, replicas that ran on the survivors stay and the lost ones are placed
 * again on the survivors first (add-ons run at system priority, ahead of the workload).
 */
export function addonReservations(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  groups: readonly NodeGroup[] = inv.nodeGroups,
  lost?: { readonly nodes: ReadonlySet<string>; readonly before: AddonReservations },
): AddonReservations {
  const residual = residualOverhead(inv.addons);
  const free = new Map<string, MutableFree>();
  const hosts: string[] = [];
  const hasSystem = groups.some((g) => g.role === 'system');
  for (const g of groups) {
    const base = baseNodeFree(inv, allocatable(g.instanceType));
    for (let i = 0; i < g.desiredNodes; i++) {
      const id = nodeId(g, i);
      if (lost?.nodes.has(id)) continue;
      free.set(id, { ...base, zone: nodeZone(g, i) });
      if (g.role === (hasSystem ? 'system' : 'worker')) hosts.push(id);
    }
  }
  const requests = new Map(inv.addons.map((a) => [a.name, a.footprint.replicas]));
  const replicas: AddonReplica[] = [];
  const toPlace: string[] = [];
  if (lost) {
    for (const r of lost.before.replicas) {
      if (lost.nodes.has(r.node)) toPlace.push(r.addon);
      else if (reserve(free.get(r.node), requests.get(r.addon))) replicas.push(r);
    }
  } else {
    for (const a of inv.addons) for (let i = 0; i < (a.footprint.replicas?.count ?? 0); i++) toPlace.push(a.name);
  }
  let pending = 0;
  for (const addon of toPlace) {
    const node = bestHost(hosts, free, replicas, addon, requests.get(addon));
    if (node === undefined) pending++;
    else {
      reserve(free.get(node), requests.get(addon));
      replicas.push({ addon, node });
    }
  }
  return { byNode: free, replicas, pending, residualOverhead: residual };
}

type ReplicaRequest = AddonInventory['footprint']['replicas'];

function fits(f: MutableFree | undefined, req: ReplicaRequest): f is MutableFree {
  return f !== undefined && req !== undefined && f.cpuMillicores >= req.cpuMillicores && f.memoryMiB >= req.memoryMiB && f.pods >= 1;
}

function reserve(f: MutableFree | undefined, req: ReplicaRequest): boolean {
  if (f === undefined || req === undefined) return false;
  f.cpuMillicores -= req.cpuMillicores;
  f.memoryMiB -= req.memoryMiB;
  f.pods -= 1;
  return true;
}

function bestHost(
  hosts: readonly string[],
  free: ReadonlyMap<string, MutableFree>,
  placed: readonly AddonReplica[],
  addon: string,
  req: ReplicaRequest,
): string | undefined {
  const perZone = new Map<string, number>();
  for (const r of placed)
    if (r.addon === addon) perZone.set(free.get(r.node)?.zone ?? '', (perZone.get(free.get(r.node)?.zone ?? '') ?? 0) + 1);
  let best: string | undefined;
  for (const id of hosts) {
    const f = free.get(id);
    if (!fits(f, req)) continue;
    if (best === undefined) {
      best = id;
      continue;
    }
    const b = free.get(best)!;
    const zoneDiff = (perZone.get(f.zone) ?? 0) - (perZone.get(b.zone) ?? 0);
    if (zoneDiff < 0 || (zoneDiff === 0 && f.cpuMillicores > b.cpuMillicores)) best = id;
  }
  return best;
}
