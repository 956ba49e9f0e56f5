import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Construct } from 'constructs';
import type { ResolvedNodePool } from '../../spec/resolved-spec';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import type { GkeCluster } from './gke-cluster';
import {
  GKE_BOOT_DISK_SIZE_GB,
  GKE_BOOT_DISK_TYPE,
  GKE_NODE_OAUTH_SCOPES,
  GKE_UPGRADE_MAX_SURGE,
  GKE_UPGRADE_MAX_UNAVAILABLE,
} from './gke-defaults';
import { GCP_INSTANCE_CATALOG, GKE_MAX_PODS } from './instance-types';

/** GCE label (not Kubernetes label: GCE keys allow no '.' or '/') naming the pool on each VM. */
export const GCE_POOL_LABEL = 'orquesta-pool';

export interface GkeNodePoolProps {
  readonly cluster: GkeCluster;
  readonly pool: ResolvedNodePool;
  /** Zones the pool's nodes run in. */
  readonly zones: readonly string[];
  /** Email of the node service account. */
  readonly serviceAccountEmail: string;
  /** GCE labels on every node VM (merged with the pool label). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default GKE_BOOT_DISK_SIZE_GB (100) */
  readonly diskSizeGb?: number;
}

/** Autoscaling bounds and the starting size of a GKE node pool, from the spec's cluster-wide totals. */
export interface GkePoolSizing {
  readonly totalMinNodeCount: number;
  readonly totalMaxNodeCount: number;
  /** Nodes created in EACH zone at creation time. */
  readonly initialNodeCountPerZone: number;
}

/**
 * GKE counts nodes PER ZONE in `initial_node_count`, `node_count` and `min/max_node_count`: a pool
 * with min 3 over 3 zones would have 9 nodes. The spec's counts are cluster-wide totals, as on EKS
 * and AKS, so autoscaling uses `total_min_node_count` / `total_max_node_count`, which bound the
 * whole pool. `initial_node_count` has no total form: it is ceil(desired / zones), so a pool never
 * starts below the desired total (3 desired over 2 zones starts at 4; the autoscaler may then
 * remove one). Source: https://cloud.google.com/kubernetes-engine/docs/concepts/cluster-autoscaler#minimum_and_maximum_node_pool_size (2026-11).
 */
export function gkePoolSizing(pool: ResolvedNodePool, zoneCount: number): GkePoolSizing {
  return {
    totalMinNodeCount: pool.minNodes,
    totalMaxNodeCount: pool.maxNodes,
    initialNodeCountPerZone: Math.ceil(pool.desiredNodes / zoneCount),
  };
}

/**
 * One separately managed node pool: autoscaled across the given zones (BALANCED keeps zones
 * even), auto-repaired and auto-upgraded (the release channel requires auto-upgrade), running as
 * the dedicated node service account, with the GKE metadata server hiding node credentials from
 * pods (Workload Identity), shielded VMs (secure boot, integrity monitoring) and pd-balanced disks.
 * Nodes carry the Kubernetes label `orquesta.dev/pool=<pool name>` the workload selects.
 *
 * Escape hatch: `nodePool.resource` (also `node.defaultChild`) is the `google_container_node_pool`.
 */
export class GkeNodePool extends Construct {
  public readonly resource: ContainerNodePool;
  public readonly machineType: string;
  public readonly sizing: GkePoolSizing;

  constructor(scope: Construct, id: string, props: GkeNodePoolProps) {
    super(scope, id);
    const { pool } = props;
    this.machineType = GCP_INSTANCE_CATALOG.bySizeClass[pool.sizeClass];
    this.sizing = gkePoolSizing(pool, props.zones.length);

    this.resource = new ContainerNodePool(this, 'Resource', {
      name: pool.name,
      cluster: props.cluster.resource.id,
      location: props.cluster.location,
      nodeLocations: [...props.zones],
      initialNodeCount: this.sizing.initialNodeCountPerZone,
      maxPodsPerNode: GKE_MAX_PODS,
      autoscaling: {
        totalMinNodeCount: this.sizing.totalMinNodeCount,
        totalMaxNodeCount: this.sizing.totalMaxNodeCount,
        locationPolicy: 'BALANCED',
      },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: {
        strategy: 'SURGE',
        maxSurge: GKE_UPGRADE_MAX_SURGE,
        maxUnavailable: GKE_UPGRADE_MAX_UNAVAILABLE,
      },
      nodeConfig: {
        machineType: this.machineType,
        diskType: GKE_BOOT_DISK_TYPE,
        diskSizeGb: props.diskSizeGb ?? GKE_BOOT_DISK_SIZE_GB,
        serviceAccount: props.serviceAccountEmail,
        oauthScopes: [...GKE_NODE_OAUTH_SCOPES],
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        labels: { [NODE_POOL_LABEL]: pool.name },
        resourceLabels: { ...props.labels, [GCE_POOL_LABEL]: pool.name },
      },
    });
  }
}
