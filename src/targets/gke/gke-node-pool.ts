import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Construct } from 'constructs';
import type { ResolvedNodePool } from '../../spec/resolved-spec';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import type { GkeCluster } from './gke-cluster';
import {
  GKE_BOOT_DISK_SIZE_GB,
  GKE_BOOT_DISK_TYPE,
  GKE_NODE_OAUTH_SCOPES,
  GKE_POOL_NAME_MAX,
  GKE_UPGRADE_MAX_SURGE,
  TERRAFORM_UNIQUE_SUFFIX_LENGTH,
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
 * The pool's name prefix: `<spec pool name>-`. The provider appends a unique suffix, so a
 * replacement gets a new name and can exist next to the pool it replaces.
 */
export function gkePoolNamePrefix(poolName: string): string {
  const prefix = `${poolName}-`;
  if (prefix.length + TERRAFORM_UNIQUE_SUFFIX_LENGTH > GKE_POOL_NAME_MAX) {
    throw new Error(
      `node pool name '${poolName}' is too long for GKE: '${prefix}' plus Terraform's ${TERRAFORM_UNIQUE_SUFFIX_LENGTH}-character suffix exceeds ${GKE_POOL_NAME_MAX} characters`,
    );
  }
  return prefix;
}

/**
 * Attributes the GKE autoscaler (and resizes) own after creation. `initial_node_count` forces
 * replacement when it changes, so a new `desiredNodes` or zone count must never reach the API.
 */
export const GKE_POOL_IGNORED_CHANGES: readonly string[] = ['initial_node_count', 'node_count'];

/**
 * One separately managed node pool: autoscaled across the given zones (BALANCED keeps zones
 * even), auto-repaired and auto-upgraded (the release channel requires auto-upgrade), running as
 * the dedicated node service account, with the GKE metadata server hiding node credentials from
 * pods (Workload Identity), shielded VMs (secure boot, integrity monitoring) and pd-balanced disks.
 * Nodes carry the Kubernetes label `orquesta.dev/pool=<pool name>` the workload selects.
 *
 * Safe changes: the name is a prefix plus a unique suffix and the pool is create-before-destroy, so a
 * change that forces replacement (machine type, disk, spot, service account) first creates the new
 * pool and only then deletes the old one. GKE drains the old pool's nodes on deletion (each pod gets
 * its termination grace period, capped at one hour) and the pods reschedule onto the new pool, which
 * already has its nodes; pool deletion does not consult PodDisruptionBudgets (the API's
 * `respect_pdb_during_node_pool_deletion` is not in google provider 6.50).
 * Source: https://cloud.google.com/sdk/gcloud/reference/container/node-pools/delete (2026-11).
 * `initial_node_count` and `node_count` are ignored after creation (`GKE_POOL_IGNORED_CHANGES`): the
 * autoscaler owns the size, and a changed starting size would otherwise replace the pool.
 * No `version` is set: with a release channel, node auto-upgrade is mandatory and moves each pool to
 * the control plane's version within the maintenance window; a pinned version would fight it (and
 * plan a downgrade on every apply after an auto-upgrade).
 * Source: https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels#node_auto-upgrade (2026-11).
 *
 * Capacity: `spot` pools run Spot VMs (`node_config.spot`); GKE labels their nodes
 * `cloud.google.com/gke-spot=true` and adds no taint.
 * Source: https://cloud.google.com/kubernetes-engine/docs/concepts/spot-vms (2026-11).
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
      namePrefix: gkePoolNamePrefix(pool.name),
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
        spot: pool.capacity === 'spot' ? true : undefined,
      },
      lifecycle: { createBeforeDestroy: true, ignoreChanges: [...GKE_POOL_IGNORED_CHANGES] },
    });
  }
}
