import { createHash } from 'node:crypto';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Construct } from 'constructs';
import type { ResolvedAppSpec, ResolvedNodePool } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import {
  AKS_HOST_ENCRYPTION_ENABLED,
  AKS_OS_DISK_SIZE_GB,
  AKS_OS_DISK_TYPE,
  AKS_POOL_NAME,
  AKS_SPOT_EVICTION_POLICY,
  AKS_SPOT_LABEL_KEY,
  AKS_SPOT_MAX_PRICE,
  AKS_SPOT_TAINT,
  AKS_SYSTEM_POOL_NAME,
  AKS_UPGRADE_MAX_SURGE,
  aksPoolName,
  azureZones,
} from './aks-defaults';
import type { AksCluster } from './aks-cluster';
import type { AksNetwork } from './aks-network';
import { AKS_MAX_PODS, AZURE_INSTANCE_CATALOG } from './instance-types';

export interface AksNodePoolProps {
  readonly cluster: AksCluster;
  readonly network: AksNetwork;
  readonly pool: ResolvedNodePool;
  /** Availability zones ("1".."3") the pool's scale set spans. */
  readonly zones: readonly string[];
}

/**
 * Everything about a user pool that AKS cannot change in place: the VM size, zones, max pods, OS
 * disk, host encryption and the Spot settings (priority, eviction policy and max price are fixed at
 * creation). A change to any of these changes the pool's name (`aksUserPoolName`), so Terraform
 * replaces the pool, and create-before-destroy makes the new pool exist first.
 */
export interface AksPoolShape {
  readonly specName: string;
  readonly vmSize: string;
  readonly zones: readonly string[];
  readonly capacity: ResolvedNodePool['capacity'];
  readonly maxPods: number;
  readonly osDiskType: string;
  readonly osDiskSizeGb: number;
  readonly hostEncryption: boolean;
}

/** Characters of the spec pool name kept in the AKS name; the other 4 of AKS' 12 are the shape hash. */
export const AKS_POOL_NAME_BASE_LENGTH = 8;
const AKS_POOL_SHAPE_HASH_LENGTH = 4;

/** The shape of the user pool `AksNodePool` builds for a spec pool over the given zones. */
export function aksPoolShape(pool: ResolvedNodePool, zones: readonly string[]): AksPoolShape {
  return {
    specName: pool.name,
    vmSize: AZURE_INSTANCE_CATALOG.bySizeClass[pool.sizeClass],
    zones: [...zones],
    capacity: pool.capacity,
    maxPods: AKS_MAX_PODS,
    osDiskType: AKS_OS_DISK_TYPE,
    osDiskSizeGb: AKS_OS_DISK_SIZE_GB,
    hostEncryption: AKS_HOST_ENCRYPTION_ENABLED,
  };
}

/**
 * The AKS name of a user pool: the first 8 characters of the spec name without '-', then 4
 * characters (base 36) of a SHA-256 over its `AksPoolShape`, e.g. the example's `apps` -> `appsmy00`. Always a
 * valid AKS Linux pool name (1-12 lowercase letters and digits, starting with a letter) when the
 * spec name is. A pool of the same spec name and shape keeps its name on every synthesis.
 */
export function aksUserPoolName(shape: AksPoolShape): string {
  const canonical = JSON.stringify([
    shape.specName,
    shape.vmSize,
    [...shape.zones].sort(),
    shape.capacity,
    shape.maxPods,
    shape.osDiskType,
    shape.osDiskSizeGb,
    shape.hostEncryption,
  ]);
  const digest = createHash('sha256').update(canonical).digest();
  const hash = (digest.readUInt32BE(0) % 36 ** AKS_POOL_SHAPE_HASH_LENGTH).toString(36).padStart(AKS_POOL_SHAPE_HASH_LENGTH, '0');
  return `${aksPoolName(shape.specName).slice(0, AKS_POOL_NAME_BASE_LENGTH)}${hash}`;
}

/**
 * Spec pool names AKS cannot use once '-' is dropped: not 1-12 lowercase letters and digits
 * starting with a letter, the system pool's name, or the same as another pool's.
 * `AksTarget.validate` reports these before synthesis; `AksStack` throws them if it is built anyway.
 */
export function validateAksNodePools(spec: ResolvedAppSpec): ValidationProblem[] {
  const zones = azureZones(spec.cluster.zones);
  const problems: ValidationProblem[] = [];
  const seen = new Map<string, number>();
  const generated = new Map<string, number>();
  spec.cluster.nodePools.forEach((pool, index) => {
    const path = `cluster.nodePools[${index}].name`;
    const name = aksPoolName(pool.name);
    if (!AKS_POOL_NAME.test(name)) {
      problems.push({
        path,
        value: pool.name,
        requirement: `must give an AKS pool name of 1-12 lowercase letters and digits once '-' is removed (got '${name}')`,
      });
    } else if (name === AKS_SYSTEM_POOL_NAME) {
      problems.push({
        path,
        value: pool.name,
        requirement: `must not be '${AKS_SYSTEM_POOL_NAME}' on AKS: that is the system pool orquesta creates`,
      });
    } else if (seen.has(name)) {
      problems.push({
        path,
        value: pool.name,
        requirement: `must differ from cluster.nodePools[${seen.get(name)}].name on AKS once '-' is removed (both '${name}'): the AKS pool names would differ only in their hash suffix`,
      });
    }
    if (!seen.has(name)) seen.set(name, index);
    const poolName = aksUserPoolName(aksPoolShape(pool, zones));
    const clash = generated.get(poolName);
    if (clash !== undefined && seen.get(name) !== clash) {
      problems.push({
        path,
        value: pool.name,
        requirement: `must give another AKS pool name than cluster.nodePools[${clash}].name: both would be named '${poolName}' (rename one)`,
      });
    }
    if (!generated.has(poolName)) generated.set(poolName, index);
  });
  return problems;
}

/**
 * One user node pool: a VM scale set across the given zones, autoscaled between the spec's
 * min and max. AKS counts are totals for the whole scale set (unlike GKE's per-zone counts).
 * `node_count` is only the starting size: the cluster autoscaler owns it afterwards, so Terraform
 * ignores its drift instead of scaling the pool back on every apply.
 * Nodes carry the Kubernetes label `orquesta.dev/pool=<pool name>` the workload selects, and run
 * with host encryption.
 *
 * Safe changes: the AKS name carries a hash of everything AKS cannot change in place
 * (`aksUserPoolName`), and the pool is create-before-destroy. A VM size change therefore creates
 * `<name><new hash>` with its nodes first, then deletes the old pool, which AKS drains honouring
 * PodDisruptionBudgets (https://learn.microsoft.com/azure/aks/delete-node-pool, 2026-11). The
 * provider's own `temporary_name_for_rotation` is not used for user pools: it deletes the original
 * pool without cordon and drain and moves pods twice (azurerm 4.55 kubernetes_cluster_node_pool docs).
 * `orchestrator_version` is the cluster's `kubernetes_version`, so pools follow the control plane
 * and upgrade after it.
 *
 * Capacity: `spot` pools are Spot scale sets (evicted VMs deleted, max price -1 = never evicted for
 * price) carrying the label and `NoSchedule` taint AKS puts on Spot nodes; workloads need a
 * toleration for `kubernetes.azure.com/scalesetpriority=spot`. AKS refuses `max_surge` on Spot
 * pools, so they have no upgrade settings.
 *
 * Escape hatch: `nodePool.resource` (also `node.defaultChild`) is the `azurerm_kubernetes_cluster_node_pool`.
 */
export class AksNodePool extends Construct {
  public readonly resource: KubernetesClusterNodePool;
  public readonly vmSize: string;
  public readonly shape: AksPoolShape;

  constructor(scope: Construct, id: string, props: AksNodePoolProps) {
    super(scope, id);
    const { pool } = props;
    this.shape = aksPoolShape(pool, props.zones);
    this.vmSize = this.shape.vmSize;
    const spot = pool.capacity === 'spot';
    this.resource = new KubernetesClusterNodePool(this, 'Resource', {
      name: aksUserPoolName(this.shape),
      kubernetesClusterId: props.cluster.resource.id,
      mode: 'User',
      orchestratorVersion: props.cluster.resource.kubernetesVersion,
      vmSize: this.vmSize,
      zones: [...this.shape.zones],
      autoScalingEnabled: true,
      minCount: pool.minNodes,
      maxCount: pool.maxNodes,
      nodeCount: pool.desiredNodes,
      maxPods: this.shape.maxPods,
      osDiskType: this.shape.osDiskType,
      osDiskSizeGb: this.shape.osDiskSizeGb,
      hostEncryptionEnabled: this.shape.hostEncryption,
      vnetSubnetId: props.network.nodeSubnet.id,
      nodeLabels: { [NODE_POOL_LABEL]: pool.name, ...(spot ? { [AKS_SPOT_LABEL_KEY]: 'spot' } : {}) },
      ...(spot
        ? { priority: 'Spot', evictionPolicy: AKS_SPOT_EVICTION_POLICY, spotMaxPrice: AKS_SPOT_MAX_PRICE, nodeTaints: [AKS_SPOT_TAINT] }
        : { upgradeSettings: { maxSurge: AKS_UPGRADE_MAX_SURGE } }),
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['node_count'] },
    });
  }
}
