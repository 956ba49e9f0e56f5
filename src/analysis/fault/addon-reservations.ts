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
  readonly byNode: NodeFreeMap;
  readonly replicas: readonly AddonReplica[];
  /** Add-on replicas that fit nowhere (they would stay Pending). */
  readonly pending: number;
  /** The stated DaemonSet overhead still applied per node (none when the add-ons list the node agents). */
  readonly residualOverhead: NodeReservation;
}

/** The reservations before any failure, with what a loss is re-placed from. */
export interface SteadyReservations extends AddonReservations {
  /** The candidate nodes' room and the hosts in scheduler order. */
  readonly state: {
    readonly free: ReadonlyMap<string, MutableFree>;
    readonly bases: ReadonlyMap<string, NodeReservation>;
    readonly hosts: readonly string[];
  };
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
  /** The node's group address and index, so lookups by group need no id parsing. */
  readonly group: string;
  readonly index: number;
}

/**
 * What every node has left, without an entry per node: nodes of one group and zone are alike until
 * an add-on replica lands on one, and the scheduler fills them in order, so only the first few per
 * zone can differ (`explicit`); every other node of a group has the group's base room; lost nodes
 * have none (`get` returns undefined). Sweeps over 100-node pools stay cheap.
 */
export class NodeFreeMap {
  /** Room by group and node index; `null` marks a lost node. */
  private readonly byIndex = new Map<string, Map<number, NodeReservation | null>>();

  /**
   * @param entries nodes whose room differs from (or may differ from) their group's base room
   * @param parent  the state this one changes (a loss from the steady state): consulted for nodes
   *                this map does not list, so a loss copies only what it changes
   */
  constructor(
    entries: Iterable<MutableFree>,
    private readonly base: ReadonlyMap<string, NodeReservation>,
    lost: Iterable<string> = [],
    private readonly parent?: NodeFreeMap,
  ) {
    for (const f of entries) this.put(f.group, f.index, f);
    for (const id of lost) {
      const cut = id.lastIndexOf('#');
      this.put(id.slice(0, cut), Number(id.slice(cut + 1)), null);
    }
  }

  private put(group: string, index: number, free: NodeReservation | null): void {
    let m = this.byIndex.get(group);
    if (!m) this.byIndex.set(group, (m = new Map()));
    m.set(index, free);
  }

  /** The room of node `index` of `group`; undefined when the node is lost. */
  public roomAt(group: string, index: number): NodeReservation | undefined {
    const own = this.byIndex.get(group)?.get(index);
    if (own !== undefined) return own ?? undefined;
    return this.parent ? this.parent.roomAt(group, index) : this.base.get(group);
  }

  public get(id: string): NodeReservation | undefined {
    const cut = id.lastIndexOf('#');
    return this.roomAt(id.slice(0, cut), Number(id.slice(cut + 1)));
  }

  /** The base room of a group's untouched nodes. */
  public baseOf(group: string): NodeReservation | undefined {
    return this.base.get(group);
  }
}

/**
 * Reserves add-on requests on the nodes before the workload is placed (a fuller node is what a
 * user pays for): every add-on's per-node footprint on every node, the residual DaemonSet
 * overhead, then each add-on's replicas one by one on the node with the most free CPU (the
 * scheduler's LeastAllocated score) in the zone with the fewest replicas of that add-on. Replicas
 * go to the system pools when the cluster has any (AKS: tainted CriticalAddonsOnly), else to the
 * workers. After a loss, `afterLoss` places the lost nodes' replicas again.
 */
export function addonReservations(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  groups: readonly NodeGroup[] = inv.nodeGroups,
): SteadyReservations {
  const residual = residualOverhead(inv.addons);
  const free = new Map<string, MutableFree>();
  const bases = new Map<string, NodeReservation>();
  const hosts: string[] = [];
  const placementHosts: string[] = [];
  const hasSystem = groups.some((g) => g.role === 'system');
  // Nodes of a group and zone are alike and the scheduler takes them in order, so placing
  // `replicas` add-on replicas reaches only the first `replicas` nodes of a zone; `2 × replicas`
  // are kept so a loss (`afterLoss`) still finds enough untouched ones (see NodeFreeMap).
  const replicaCount = inv.addons.reduce((n, a) => n + (a.footprint.replicas?.count ?? 0), 0);
  for (const g of groups) {
    const base = baseNodeFree(inv, allocatable(g.instanceType));
    bases.set(g.address, base);
    const taken = new Map<string, number>();
    for (let i = 0; i < g.desiredNodes; i++) {
      const zone = nodeZone(g, i);
      const n = taken.get(zone) ?? 0;
      if (n >= 2 * replicaCount) continue;
      taken.set(zone, n + 1);
      const id = nodeId(g, i);
      free.set(id, { ...base, zone, group: g.address, index: i });
      if (g.role !== (hasSystem ? 'system' : 'worker')) continue;
      hosts.push(id);
      if (n < replicaCount) placementHosts.push(id);
    }
  }
  const requests = new Map(inv.addons.map((a) => [a.name, a.footprint.replicas]));
  const replicas: AddonReplica[] = [];
  let pending = 0;
  for (const a of inv.addons) {
    for (let i = 0; i < (a.footprint.replicas?.count ?? 0); i++) {
      const node = bestHost(placementHosts, free, replicas, a.name, requests.get(a.name));
      if (node === undefined) pending++;
      else {
        reserve(free.get(node), requests.get(a.name));
        replicas.push({ addon: a.name, node });
      }
    }
  }
  return { byNode: new NodeFreeMap(free.values(), bases), replicas, pending, residualOverhead: residual, state: { free, bases, hosts } };
}

/**
 * The reservations after `lostNodes` fail, from the steady state: the survivors keep their
 * replicas (already reserved there), and the lost nodes' replicas are placed first (add-ons run at
 * system priority, ahead of the workload) on the surviving candidates, in the same order and by
 * the same rule as the steady state. Only the nodes that take a replica are copied. The steady state keeps
 * `2 × replicas` candidates per zone, so at least as many untouched survivors as replicas to place
 * stay ahead of the nodes it does not list.
 */
export function afterLoss(inv: Inventory, before: SteadyReservations, lostNodes: ReadonlySet<string>): AddonReservations {
  const { state, residualOverhead: residual } = before;
  // Copy on write: only the nodes that take a replica get their own room; the rest read the steady state.
  const changed = new Map<string, MutableFree>();
  const lookup = (id: string): MutableFree | undefined => changed.get(id) ?? state.free.get(id);
  const hosts = state.hosts.filter((id) => !lostNodes.has(id));
  const requests = new Map(inv.addons.map((a) => [a.name, a.footprint.replicas]));
  const replicas: AddonReplica[] = [];
  const toPlace: string[] = [];
  for (const r of before.replicas) {
    if (lostNodes.has(r.node)) toPlace.push(r.addon);
    else replicas.push(r);
  }
  let pending = before.pending;
  for (const addon of toPlace) {
    const node = bestHost(hosts, { get: lookup }, replicas, addon, requests.get(addon));
    if (node === undefined) pending++;
    else {
      let own = changed.get(node);
      if (!own) changed.set(node, (own = { ...state.free.get(node)! }));
      reserve(own, requests.get(addon));
      replicas.push({ addon, node });
    }
  }
  return {
    byNode: new NodeFreeMap(changed.values(), state.bases, lostNodes, before.byNode),
    replicas,
    pending,
    residualOverhead: residual,
  };
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
  free: { get(id: string): MutableFree | undefined },
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
