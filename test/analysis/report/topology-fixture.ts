import type { Inventory } from '../../../src/analysis/inventory/inventory';
import type { ComparisonReport, ScenarioDetail, ScenarioOutcome, TargetReport } from '../../../src/analysis/report/comparison-report';
import { topologyModel, type TopologyModel } from '../../../src/analysis/report/topology/topology-model';
import { getTarget } from '../../../src/targets/registry';
import { eksInventory, kopsInventory, pool, workload } from '../inventory-fixture';
import { FIXTURE_REPORT } from './fixture-report';

/*
 * The fixture report with a topology per target (computed from inventories by the real model and the
 * targets' own allocatable) and scenario details as the fault analysis fills them: the lost nodes and
 * zones, the replicas on them, and why some cannot start again.
 */

export const INVENTORIES: Readonly<Record<'eks' | 'gke' | 'aks' | 'kops', Inventory>> = {
  // 3 x m6i.large over 3 zones, one NAT gateway per zone.
  eks: eksInventory(),
  // Regional GKE: 6 nodes (2 per zone), regional Cloud NAT.
  gke: eksInventory({
    target: 'gke',
    cloud: 'gcp',
    region: 'us-central1',
    controlPlane: { kind: 'managed', address: 'google_container_cluster.cluster', tier: 'gke-regional', usesAvailabilityZones: true },
    nodeGroups: [
      pool({
        address: 'google_container_node_pool.apps',
        instanceType: 'e2-standard-2',
        zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
        desiredNodes: 6,
        rootVolume: { type: 'pd-balanced', sizeGiB: 100 },
      }),
    ],
    billables: [{ address: 'google_compute_router_nat.nat', kind: 'nat-gateway', description: 'Cloud NAT', quantity: 1, perNode: true }],
  }),
  // AKS: a system pool the workload does not select, a worker pool, the managed outbound load balancer.
  aks: eksInventory({
    target: 'aks',
    cloud: 'azure',
    region: 'eastus',
    controlPlane: { kind: 'managed', address: 'azurerm_kubernetes_cluster.cluster', tier: 'aks-standard', usesAvailabilityZones: true },
    nodeGroups: [
      pool({
        address: 'azurerm_kubernetes_cluster.cluster.default_node_pool',
        pool: undefined,
        role: 'system',
        instanceType: 'Standard_D2s_v5',
        zones: ['1', '2', '3'],
        desiredNodes: 2,
      }),
      pool({ address: 'azurerm_kubernetes_cluster_node_pool.apps', instanceType: 'Standard_D2s_v5', zones: ['1', '2', '3'] }),
    ],
    billables: [{ address: 'azurerm_kubernetes_cluster.cluster', kind: 'network-load-balancer', description: 'outbound LB', quantity: 1 }],
  }),
  // kops: 3 control-plane members over 3 zones, a single NAT gateway, a StatefulSet with a volume per replica.
  kops: {
    ...kopsInventory(3),
    billables: [{ address: 'aws_nat_gateway.nat', kind: 'nat-gateway', description: 'NAT gateway', quantity: 1, zone: 'us-east-1a' }],
    workload: workload({
      kind: 'StatefulSet',
      volumeClaims: [{ address: 'StatefulSet/web-api/data', sizeGiB: 10, storageClass: 'gp3', count: 3 }],
    }),
  },
};

export function modelOf(inv: Inventory): TopologyModel {
  return topologyModel(inv, (type) => getTarget(inv.target).nodeAllocatable(type));
}

/** The detail of losing `zones`, `nodes` and control-plane `members`: every replica on a lost node stops. */
export function detailOf(
  model: TopologyModel,
  lost: { zones?: readonly string[]; nodes?: readonly string[]; members?: readonly string[] },
  unschedulable: ScenarioDetail['unschedulable'] = [],
): ScenarioDetail {
  const lostNodes = model.nodes.filter((n) => (lost.zones ?? []).includes(n.zone) || (lost.nodes ?? []).includes(n.id)).map((n) => n.id);
  return {
    lostZones: [...(lost.zones ?? [])],
    lostNodes,
    lostControlPlaneInstances: [...(lost.members ?? [])],
    replicasBefore: Object.fromEntries(model.nodes.map((n) => [n.id, n.replicas])),
    stoppedReplicas: Object.fromEntries(
      model.nodes.filter((n) => lostNodes.includes(n.id) && n.replicas > 0).map((n) => [n.id, n.replicas]),
    ),
    unschedulable,
  };
}

function withDetails(
  target: TargetReport,
  model: TopologyModel,
  details: Partial<Record<ScenarioOutcome['id'], ScenarioDetail>>,
  patch: Partial<Record<ScenarioOutcome['id'], Partial<ScenarioOutcome>>> = {},
): TargetReport {
  return {
    ...target,
    topology: model,
    scenarios: target.scenarios.map((s) => ({ ...s, ...patch[s.id], ...(details[s.id] ? { detail: details[s.id] } : {}) })),
  };
}

const EKS = modelOf(INVENTORIES.eks);
const GKE = modelOf(INVENTORIES.gke);
const AKS = modelOf(INVENTORIES.aks);
const KOPS = modelOf(INVENTORIES.kops);

export const TOPOLOGY_MODELS = { eks: EKS, gke: GKE, aks: AKS, kops: KOPS } as const;

export const TOPOLOGY_REPORT: ComparisonReport = {
  ...FIXTURE_REPORT,
  targets: {
    eks: withDetails(FIXTURE_REPORT.targets.eks, EKS, {
      'node-loss': detailOf(EKS, { nodes: ['aws_eks_node_group.apps#0'] }),
      'zone-loss': detailOf(EKS, { zones: ['us-east-1a'] }),
      'control-plane-instance-loss': detailOf(EKS, {}),
    }),
    gke: withDetails(FIXTURE_REPORT.targets.gke, GKE, {
      'node-loss': detailOf(GKE, { nodes: ['google_container_node_pool.apps#0'] }),
      'zone-loss': detailOf(GKE, { zones: ['us-central1-a'] }),
      'control-plane-instance-loss': detailOf(GKE, {}),
    }),
    // AKS's zone-loss scenario carries no detail: the figure must say it is not drawn.
    aks: withDetails(FIXTURE_REPORT.targets.aks, AKS, {
      'node-loss': detailOf(AKS, { nodes: ['azurerm_kubernetes_cluster_node_pool.apps#1'] }),
    }),
    kops: withDetails(
      FIXTURE_REPORT.targets.kops,
      KOPS,
      {
        'node-loss': detailOf(KOPS, { nodes: ['aws_autoscaling_group.apps#0'] }, [{ count: 1, reason: 'volume-zone' }]),
        'zone-loss': detailOf(KOPS, { zones: ['us-east-1a'], members: ['aws_autoscaling_group.control_plane_0'] }, [
          { count: 1, reason: 'volume-zone' },
        ]),
        'control-plane-instance-loss': detailOf(KOPS, { members: ['aws_autoscaling_group.control_plane_1'] }),
      },
      {
        'node-loss': { restorable: false },
        'zone-loss': { restorable: false, explanation: 'Losing us-east-1a stops 1 of 3 replicas; its volume is pinned to the zone.' },
      },
    ),
  },
};
