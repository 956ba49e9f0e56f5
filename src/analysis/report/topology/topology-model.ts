import type { NodeAllocatable } from '../../../targets/cluster-target';
import { quorum } from '../../fault/control-plane-model';
import { DAEMONSET_OVERHEAD, place, selectedGroups, workloadNodes } from '../../fault/placement';
import type { Inventory, ManagedControlPlane } from '../../inventory/inventory';

/**
 * What the report's topology figure draws for one target, taken from the inventory (the synthesized
 * output) and the placement the fault analysis computes — never from the spec. Part of the public
 * `comparison.json` contract (`targets.<id>.topology`): add fields, never rename or remove one.
 */
export interface TopologyModel {
  /** Every zone that holds a node, a control-plane member or a zonal NAT gateway, sorted. */
  readonly zones: readonly string[];
  /** Every node the node groups create (desired size), workload nodes and others (e.g. AKS's system pool). */
  readonly nodes: readonly TopologyNode[];
  /** Replicas the scheduler could not place on any node. */
  readonly pendingReplicas: number;
  readonly controlPlane: TopologyControlPlane;
  readonly egress: TopologyEgress;
  /** Zonal volumes of the workload, by the node whose replicas mount them. */
  readonly volumes: readonly TopologyVolume[];
  readonly loadBalancers: readonly TopologyLoadBalancer[];
}

export interface TopologyNode {
  /** `<nodeGroupAddress>#<index>`, as the placement and `ScenarioDetail` name nodes. */
  readonly id: string;
  readonly nodeGroup: string;
  readonly zone: string;
  readonly instanceType: string;
  readonly role: 'worker' | 'system';
  /** The workload's nodeSelector matches this node's pool. */
  readonly runsWorkload: boolean;
  /** Allocatable left for the workload after kubelet reservations and DaemonSets. */
  readonly allocatableLeft: { readonly cpuMillicores: number; readonly memoryMiB: number };
  /** Workload replicas the node can hold; 0 on nodes the workload does not select. */
  readonly podCapacity: number;
  /** Replicas the placement puts here. */
  readonly replicas: number;
}

export type TopologyControlPlane =
  | {
      readonly kind: 'managed';
      readonly address: string;
      readonly tier: ManagedControlPlane['tier'];
      /** The one zone of a zonal control plane; absent when it spans the region's zones. */
      readonly zone?: string;
    }
  | {
      readonly kind: 'self-managed';
      readonly members: readonly { readonly address: string; readonly zone: string; readonly instanceType: string }[];
      /** etcd members that must be up for the API to serve. */
      readonly quorum: number;
    };

export type TopologyEgress =
  /** One NAT gateway per zone (or fewer): losing a zone loses its gateway. */
  | { readonly kind: 'zonal-nat'; readonly gateways: readonly { readonly address: string; readonly zone: string }[] }
  /** A regional service (GKE Cloud NAT, AKS's zone-redundant outbound load balancer). */
  | { readonly kind: 'regional'; readonly address: string; readonly description: string }
  | { readonly kind: 'none' };

export interface TopologyVolume {
  /** The claim (template) address, `StatefulSet/name/claim`. */
  readonly claim: string;
  readonly nodeId: string;
  readonly zone: string;
  /** Volumes of this claim on this node: one per replica for a StatefulSet. */
  readonly count: number;
  readonly sizeGiB: number;
}

export interface TopologyLoadBalancer {
  readonly address: string;
  readonly kind: 'service' | 'ingress' | 'kubernetes-api';
  readonly internal: boolean;
  /** Zones of its targets: the workload's replicas, or the control-plane members for the API. */
  readonly targetZones: readonly string[];
}

/** The topology of one target, from its inventory and the analysis' own placement. Pure. */
export function topologyModel(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): TopologyModel {
  const w = inv.workload;
  const simNodes = workloadNodes(inv, allocatable);
  const placement = place(simNodes, w.replicas, w.zoneSpread);
  const selected = new Set(selectedGroups(w, inv.nodeGroups).map((g) => g.address));
  const nodes: TopologyNode[] = [];
  for (const g of inv.nodeGroups) {
    const a = allocatable(g.instanceType);
    for (let i = 0; i < g.desiredNodes; i++) {
      const id = `${g.address}#${i}`;
      const sim = simNodes.find((n) => n.id === id);
      nodes.push({
        id,
        nodeGroup: g.address,
        // The same zone balancing as the placement (node groups spread nodes evenly over their zones).
        zone: sim?.zone ?? g.zones[i % g.zones.length],
        instanceType: g.instanceType,
        role: g.role,
        runsWorkload: selected.has(g.address),
        allocatableLeft: sim?.spare ?? {
          cpuMillicores: a.cpuMillicores - DAEMONSET_OVERHEAD.cpuMillicores,
          memoryMiB: a.memoryMiB - DAEMONSET_OVERHEAD.memoryMiB,
        },
        podCapacity: sim?.podCapacity ?? 0,
        replicas: placement.perNode.get(id) ?? 0,
      });
    }
  }
  const controlPlane = controlPlaneOf(inv);
  const egress = egressOf(inv);
  const zones = new Set<string>(nodes.map((n) => n.zone));
  if (controlPlane.kind === 'self-managed') controlPlane.members.forEach((m) => zones.add(m.zone));
  else if (controlPlane.zone !== undefined) zones.add(controlPlane.zone);
  if (egress.kind === 'zonal-nat') egress.gateways.forEach((g) => zones.add(g.zone));
  const withReplicas = nodes.filter((n) => n.replicas > 0);
  const replicaZones = [...new Set(withReplicas.map((n) => n.zone))].sort();
  return {
    zones: [...zones].sort(),
    nodes,
    pendingReplicas: placement.pending,
    controlPlane,
    egress,
    volumes: volumesOf(inv, withReplicas),
    loadBalancers: [
      ...w.loadBalancers.map((lb) => ({ address: lb.address, kind: lb.kind, internal: lb.internal, targetZones: replicaZones })),
      ...(inv.controlPlane.kind === 'self-managed' && inv.controlPlane.apiLoadBalancer !== undefined
        ? [
            {
              address: inv.controlPlane.apiLoadBalancer,
              kind: 'kubernetes-api' as const,
              internal: false,
              targetZones: [...new Set(inv.controlPlane.instances.map((i) => i.zone))].sort(),
            },
          ]
        : []),
    ],
  };
}

function controlPlaneOf(inv: Inventory): TopologyControlPlane {
  const cp = inv.controlPlane;
  if (cp.kind === 'managed') return { kind: 'managed', address: cp.address, tier: cp.tier, ...(cp.zone ? { zone: cp.zone } : {}) };
  return {
    kind: 'self-managed',
    members: cp.instances.map((i) => ({ address: i.address, zone: i.zone, instanceType: i.instanceType })),
    quorum: quorum(cp.instances.length),
  };
}

/**
 * The nodes' outbound path: zonal NAT gateways (AWS), a regional NAT (GKE Cloud NAT has no zone in
 * the inventory), or the AKS-managed outbound load balancer (billed at the cluster's own address).
 */
function egressOf(inv: Inventory): TopologyEgress {
  const nats = inv.billables.filter((b) => b.kind === 'nat-gateway');
  const zonal = nats.flatMap((b) => (b.zone === undefined ? [] : [{ address: b.address, zone: b.zone }]));
  if (zonal.length > 0) return { kind: 'zonal-nat', gateways: zonal };
  const regional = nats.find((b) => b.zone === undefined);
  if (regional) return { kind: 'regional', address: regional.address, description: 'regional Cloud NAT' };
  const cp = inv.controlPlane;
  const outboundLb = inv.billables.find((b) => b.kind === 'network-load-balancer' && cp.kind === 'managed' && b.address === cp.address);
  if (outboundLb) return { kind: 'regional', address: outboundLb.address, description: 'zone-redundant outbound load balancer' };
  return { kind: 'none' };
}

/** A StatefulSet's claim templates give each replica its own zonal volume; a Deployment's claim sits with its first replica. */
function volumesOf(inv: Inventory, withReplicas: readonly TopologyNode[]): TopologyVolume[] {
  const w = inv.workload;
  return w.volumeClaims.flatMap((claim) => {
    if (w.kind === 'StatefulSet') {
      return withReplicas.map((n) => ({ claim: claim.address, nodeId: n.id, zone: n.zone, count: n.replicas, sizeGiB: claim.sizeGiB }));
    }
    const first = withReplicas[0];
    return first === undefined
      ? []
      : [{ claim: claim.address, nodeId: first.id, zone: first.zone, count: claim.count, sizeGiB: claim.sizeGiB }];
  });
}
