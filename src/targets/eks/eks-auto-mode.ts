import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { awsManagedPolicyArn } from '../common/aws/aws-names';
import { awsZoneNames } from '../common/aws/aws-network';
import { instanceShape } from '../common/instance-catalog';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import { EKS_AUTO_MODE_NODE_MANAGED_POLICIES, EKS_NODE_ROOT_VOLUME_GIB, eksAccessPolicyArn } from './eks-defaults';
import { AWS_INSTANCE_CATALOG, AWS_SPOT_INSTANCE_TYPES } from './instance-types';

/** The NodeClass every orquesta NodePool of an Auto Mode cluster uses. */
export const EKS_AUTO_NODE_CLASS_NAME = 'orquesta';

/**
 * Nodes live at most 14 days before Auto Mode replaces them with a fresh AMI (its built-in pools'
 * default; the maximum is 21 days): https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html (2026-11).
 */
export const EKS_AUTO_NODE_EXPIRE_AFTER = '336h';

/**
 * What one spec pool becomes on an Auto Mode cluster: the shape of its NodePool, and what the
 * analysis reads back from the stack output `auto_mode_node_pools` (Auto Mode nodes are not
 * Terraform resources). Auto Mode has no minimum node count: it launches nodes for pending pods
 * and consolidates; `minNodes`/`desiredNodes` are the spec's numbers, `maxNodes` is enforced
 * through the NodePool's CPU and memory limits.
 */
export interface EksAutoModePool {
  readonly pool: string;
  readonly instanceTypes: readonly string[];
  readonly capacity: 'on-demand' | 'spot';
  readonly zones: readonly string[];
  readonly minNodes: number;
  readonly desiredNodes: number;
  readonly maxNodes: number;
  readonly rootVolumeGiB: number;
}

export function eksAutoModePools(spec: ResolvedAppSpec): EksAutoModePool[] {
  const zones = awsZoneNames(spec.cluster.regions.aws, spec.cluster.zones);
  return spec.cluster.nodePools.map((pool) => {
    const instanceType = AWS_INSTANCE_CATALOG.bySizeClass[pool.sizeClass];
    return {
      pool: pool.name,
      instanceTypes: pool.capacity === 'spot' ? [...(AWS_SPOT_INSTANCE_TYPES[instanceType] ?? [instanceType])] : [instanceType],
      capacity: pool.capacity,
      zones,
      minNodes: pool.minNodes,
      desiredNodes: pool.desiredNodes,
      maxNodes: pool.maxNodes,
      rootVolumeGiB: EKS_NODE_ROOT_VOLUME_GIB,
    };
  });
}

/** The Auto Mode node role's name, which the NodeClass names. */
export function eksAutoModeNodeRoleName(clusterName: string): string {
  return `${clusterName}-eks-auto-node`;
}

/**
 * The objects `deploy` applies to an Auto Mode cluster before the workload
 * (https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html, 2026-11):
 * - the ConfigMap that turns on Auto Mode's network-policy controller (the workload's NetworkPolicies);
 * - a NodeClass: the stack's node role, the private subnets (by the tags AwsNetwork sets), the
 *   cluster security group, an encrypted root volume of the same size as on managed node groups,
 *   network policies enforced;
 * - one NodePool per spec pool: its instance type(s) and capacity type, the spec's zones, the pool
 *   label the workload selects, limits of `maxNodes` nodes' CPU and memory, and a disruption budget
 *   of one node at a time;
 * - the `alb` IngressClass (and its IngressClassParams) the workload's Ingress names.
 */
export function eksAutoModeObjects(spec: ResolvedAppSpec): Record<string, unknown>[] {
  const name = spec.cluster.name;
  const ingressScheme = 'internet-facing';
  const nodeClass = {
    apiVersion: 'eks.amazonaws.com/v1',
    kind: 'NodeClass',
    metadata: { name: EKS_AUTO_NODE_CLASS_NAME },
    spec: {
      role: eksAutoModeNodeRoleName(name),
      subnetSelectorTerms: [{ tags: { 'kubernetes.io/role/internal-elb': '1', [`kubernetes.io/cluster/${name}`]: 'shared' } }],
      // EKS tags the cluster security group kubernetes.io/cluster/<name>=owned.
      securityGroupSelectorTerms: [{ tags: { [`kubernetes.io/cluster/${name}`]: 'owned' } }],
      networkPolicy: 'DefaultAllow',
      networkPolicyEventLogs: 'Disabled',
      ephemeralStorage: { size: `${EKS_NODE_ROOT_VOLUME_GIB}Gi` },
    },
  };
  const nodePools = eksAutoModePools(spec).map((p) => {
    const shape = instanceShape(AWS_INSTANCE_CATALOG, p.instanceTypes[0], 'eks');
    return {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: p.pool },
      spec: {
        template: {
          metadata: { labels: { [NODE_POOL_LABEL]: p.pool } },
          spec: {
            nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: EKS_AUTO_NODE_CLASS_NAME },
            expireAfter: EKS_AUTO_NODE_EXPIRE_AFTER,
            requirements: [
              { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...p.instanceTypes] },
              { key: 'karpenter.sh/capacity-type', operator: 'In', values: [p.capacity] },
              { key: 'topology.kubernetes.io/zone', operator: 'In', values: [...p.zones] },
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
            ],
          },
        },
        limits: { cpu: String(p.maxNodes * shape.vcpu), memory: `${p.maxNodes * shape.memoryGiB}Gi` },
        disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m', budgets: [{ nodes: '1' }] },
      },
    };
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' },
      data: { 'enable-network-policy-controller': 'true' },
    },
    nodeClass,
    ...nodePools,
    { apiVersion: 'eks.amazonaws.com/v1', kind: 'IngressClassParams', metadata: { name: 'alb' }, spec: { scheme: ingressScheme } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'alb' },
      spec: {
        controller: 'eks.amazonaws.com/alb',
        parameters: { apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name: 'alb' },
      },
    },
  ];
}

export interface EksAutoModeNodeAccessProps {
  /** Name of the EKS cluster (a reference). */
  readonly clusterName: string;
  /** The spec's cluster name, for the role name. */
  readonly namePrefix: string;
  readonly partition: string;
}

/**
 * The node role of the orquesta NodeClass and its access entry: a NodeClass with a role other than
 * the cluster's built-in node role needs an `EC2` access entry with `AmazonEKSAutoNodePolicy`
 * (https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html, 2026-11).
 */
export class EksAutoModeNodeAccess extends Construct {
  public readonly nodeRole: AwsIamRole;
  public readonly accessEntry: EksAccessEntry;

  constructor(scope: Construct, id: string, props: EksAutoModeNodeAccessProps) {
    super(scope, id);
    this.nodeRole = new AwsIamRole(this, 'NodeRole', {
      name: eksAutoModeNodeRoleName(props.namePrefix),
      description: `EKS Auto Mode nodes of ${props.namePrefix}`,
      trust: { type: 'service', service: 'ec2.amazonaws.com' },
      managedPolicyArns: EKS_AUTO_MODE_NODE_MANAGED_POLICIES.map((p) => awsManagedPolicyArn(props.partition, p)),
    });
    this.accessEntry = new EksAccessEntry(this, 'NodeAccessEntry', {
      clusterName: props.clusterName,
      principalArn: this.nodeRole.arn,
      type: 'EC2',
    });
    new EksAccessPolicyAssociation(this, 'NodeAccessPolicy', {
      clusterName: props.clusterName,
      principalArn: this.accessEntry.principalArn,
      policyArn: eksAccessPolicyArn(props.partition, 'AmazonEKSAutoNodePolicy'),
      accessScope: { type: 'cluster' },
    });
  }
}
