import { ROLE_TAG } from '../../targets/kops/kops-instance-group';

/**
 * Which Terraform resource types disrupt a running cluster when they change, per cloud, as a
 * capability table (kops style: one row per type, no if-chains on target id). Read by
 * `disruption.ts` over the provider's own plan.
 */
export type DisruptionKind = 'node-pool' | 'cluster' | 'control-plane' | 'load-balancer' | 'volume';

export interface DisruptionRule {
  readonly kind: DisruptionKind;
  /** What a reader calls it in the PR comment. */
  readonly noun: string;
  /** Nodes the resource holds, from its prior (or planned) values. @default - not a node holder */
  readonly nodes?: (values: Record<string, any>) => number;
  /**
   * Top-level attributes whose in-place update rolls the nodes (new instances/versions, old ones
   * drained), with how the cloud rolls them. @default - in-place updates never roll nodes
   */
  readonly rolls?: {
    readonly attributes: readonly string[];
    readonly how: string;
    /** An attribute that must be set for the roll to happen; without it new nodes only get the change. @default - always rolls */
    readonly requires?: string;
    /** What happens instead when `requires` is not set. */
    readonly otherwise?: string;
  };
  /** Top-level attributes whose in-place change only resizes (safe). @default [] */
  readonly resizes?: readonly string[];
  /** Overrides by the `orquesta.dev/role` tag (kops tags its control-plane groups). @default {} */
  readonly byRole?: Readonly<Record<string, Pick<DisruptionRule, 'kind' | 'noun'>>>;
}

const first = (v: unknown): Record<string, any> => (Array.isArray(v) ? (v[0] ?? {}) : ((v as Record<string, any>) ?? {}));

/** GKE counts are per zone of node_locations (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool, 2026-11). */
function gkePoolNodes(v: Record<string, any>): number {
  const zones = Array.isArray(v.node_locations) && v.node_locations.length > 0 ? v.node_locations.length : 1;
  return (v.node_count ?? v.initial_node_count ?? 0) * zones;
}

export const DISRUPTION_RULES: Readonly<Record<string, DisruptionRule>> = {
  aws_eks_node_group: {
    kind: 'node-pool',
    noun: 'EKS managed node group',
    nodes: (v) => first(v.scaling_config).desired_size ?? 0,
    rolls: {
      attributes: ['launch_template', 'release_version', 'version', 'ami_type'],
      // https://docs.aws.amazon.com/eks/latest/userguide/managed-node-update-behavior.html (2026-11)
      how: 'EKS rolls the group: new nodes first, then old nodes cordoned and drained honouring PodDisruptionBudgets',
    },
    resizes: ['scaling_config'],
  },
  aws_autoscaling_group: {
    kind: 'node-pool',
    noun: 'auto-scaling group',
    nodes: (v) => v.desired_capacity ?? v.min_size ?? 0,
    rolls: {
      attributes: ['launch_template', 'mixed_instances_policy'],
      // https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-instance-refresh.html (2026-11)
      how: 'an instance refresh replaces instances in batches keeping the minimum healthy percentage',
      requires: 'instance_refresh',
      otherwise: 'running instances keep the old launch template; only instances launched later get the change (no instance_refresh)',
    },
    resizes: ['desired_capacity', 'min_size', 'max_size'],
    byRole: { 'control-plane': { kind: 'control-plane', noun: 'control-plane instance group' } },
  },
  google_container_node_pool: {
    kind: 'node-pool',
    noun: 'GKE node pool',
    nodes: gkePoolNodes,
    rolls: {
      attributes: ['node_config', 'version'],
      // https://cloud.google.com/kubernetes-engine/docs/concepts/node-pool-upgrade-strategies (2026-11)
      how: 'GKE surge-upgrades the pool: a new node first, then an old one drained honouring PodDisruptionBudgets (up to 1 h)',
    },
    resizes: ['node_count', 'autoscaling', 'initial_node_count'],
  },
  azurerm_kubernetes_cluster_node_pool: {
    kind: 'node-pool',
    noun: 'AKS node pool',
    nodes: (v) => v.node_count ?? v.min_count ?? 0,
    rolls: {
      attributes: ['orchestrator_version', 'os_sku', 'node_labels', 'max_pods'],
      // https://learn.microsoft.com/azure/aks/upgrade-aks-cluster#customize-node-surge-upgrade (2026-11)
      how: 'AKS surge-upgrades the pool: surge nodes first, old nodes cordoned and drained honouring PodDisruptionBudgets',
    },
    resizes: ['node_count', 'min_count', 'max_count', 'auto_scaling_enabled'],
  },
  aws_eks_cluster: { kind: 'cluster', noun: 'EKS cluster' },
  google_container_cluster: { kind: 'cluster', noun: 'GKE cluster' },
  azurerm_kubernetes_cluster: {
    kind: 'cluster',
    noun: 'AKS cluster',
    rolls: {
      attributes: ['default_node_pool', 'kubernetes_version'],
      // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#temporary_name_for_rotation (2026-11)
      how: 'AKS rotates the system pool through its temporary pool, or surge-upgrades it, draining nodes honouring PodDisruptionBudgets',
    },
  },
  aws_lb: { kind: 'load-balancer', noun: 'load balancer' },
  google_compute_forwarding_rule: { kind: 'load-balancer', noun: 'forwarding rule' },
  azurerm_lb: { kind: 'load-balancer', noun: 'load balancer' },
  aws_ebs_volume: { kind: 'volume', noun: 'EBS volume' },
  google_compute_disk: { kind: 'volume', noun: 'persistent disk' },
  azurerm_managed_disk: { kind: 'volume', noun: 'managed disk' },
};

/** The rule for one resource, refined by its role tag (kops' control-plane groups are auto-scaling groups). */
export function ruleFor(type: string, values: Record<string, any>): DisruptionRule | undefined {
  const rule = DISRUPTION_RULES[type];
  if (!rule) return undefined;
  const tags = (values.tags ?? {}) as Record<string, string>;
  const tagList = Array.isArray(values.tag) ? (values.tag as Array<{ key: string; value: string }>) : [];
  const role = tags[ROLE_TAG] ?? tagList.find((t) => t.key === ROLE_TAG)?.value;
  const override = role === undefined ? undefined : rule.byRole?.[role];
  return override ? { ...rule, ...override } : rule;
}
