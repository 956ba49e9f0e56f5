import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Construct } from 'constructs';
import type { ResolvedAppSpec, ResolvedNodePool } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import {
  AKS_OS_DISK_SIZE_GB,
  AKS_OS_DISK_TYPE,
  AKS_POOL_NAME,
  AKS_SYSTEM_POOL_NAME,
  AKS_UPGRADE_MAX_SURGE,
  aksPoolName,
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
 * Spec pool names AKS cannot use once '-' is dropped: not 1-12 lowercase letters and digits
 * starting with a letter, the system pool's name, or the same as another pool's.
 * `AksTarget.validate` reports these before synthesis; `AksStack` throws them if it is built anyway.
 */
export function validateAksNodePools(spec: ResolvedAppSpec): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Map<string, number>();
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
        requirement: `must differ from cluster.nodePools[${seen.get(name)}].name on AKS, where both become '${name}' once '-' is removed`,
      });
    }
    if (!seen.has(name)) seen.set(name, index);
  });
  return problems;
}

/**
 * One user node pool: a VM scale set across the given zones, autoscaled between the spec's
 * min and max. AKS counts are totals for the whole scale set (unlike GKE's per-zone counts).
 * `node_count` is only the starting size: the cluster autoscaler owns it afterwards, so Terraform
 * ignores its drift instead of scaling the pool back on every apply.
 * Nodes carry the Kubernetes label `orquesta.dev/pool=<pool name>` the workload selects.
 *
 * Escape hatch: `nodePool.resource` (also `node.defaultChild`) is the `azurerm_kubernetes_cluster_node_pool`.
 */
export class AksNodePool extends Construct {
  public readonly resource: KubernetesClusterNodePool;
  public readonly vmSize: string;

  constructor(scope: Construct, id: string, props: AksNodePoolProps) {
    super(scope, id);
    const { pool } = props;
    this.vmSize = AZURE_INSTANCE_CATALOG.bySizeClass[pool.sizeClass];
    this.resource = new KubernetesClusterNodePool(this, 'Resource', {
      name: aksPoolName(pool.name),
      kubernetesClusterId: props.cluster.resource.id,
      mode: 'User',
      vmSize: this.vmSize,
      zones: [...props.zones],
      autoScalingEnabled: true,
      minCount: pool.minNodes,
      maxCount: pool.maxNodes,
      nodeCount: pool.desiredNodes,
      maxPods: AKS_MAX_PODS,
      osDiskType: AKS_OS_DISK_TYPE,
      osDiskSizeGb: AKS_OS_DISK_SIZE_GB,
      vnetSubnetId: props.network.nodeSubnet.id,
      nodeLabels: { [NODE_POOL_LABEL]: pool.name },
      upgradeSettings: { maxSurge: AKS_UPGRADE_MAX_SURGE },
      lifecycle: { ignoreChanges: ['node_count'] },
    });
  }
}
