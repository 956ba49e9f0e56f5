import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { AWS_NAME_LIMITS, awsManagedPolicyArn, boundedName } from '../common/aws/aws-names';
import { EKS_EBS_CSI_MANAGED_POLICIES, EKS_SERVICE_ACCOUNTS, EKS_VPC_CNI_MANAGED_POLICIES } from './eks-defaults';
import { type EksManagedAddonName, eksAddonVersion } from './eks-managed-addon-catalog';

export interface EksManagedAddonsProps {
  /** Name of the EKS cluster (a reference to the cluster resource, so the add-ons wait for it). */
  readonly clusterName: string;
  /** The spec's cluster name, for role names. */
  readonly namePrefix: string;
  readonly kubernetesVersion: string;
  readonly addons: readonly EksManagedAddonName[];
  readonly partition: string;
  /** What every add-on here waits for (the node groups, for add-ons whose pods run on nodes). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * The Pod Identity agent add-on, when it is created elsewhere: add-ons with a Pod Identity role
   * wait for it, since their pods ask it for credentials.
   * @default - the agent in `addons`, if any
   */
  readonly podIdentityAgent?: ITerraformDependable;
}

/**
 * Configuration of the VPC CNI add-on: the network-policy agent on, so the workload's NetworkPolicies
 * are enforced (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html, 2026-11).
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: 'true' } as const;

/**
 * EKS managed add-ons as `aws_eks_addon`, each at the version pinned for the cluster's Kubernetes
 * minor, and for the two that call AWS an IAM role of their own through EKS Pod Identity (the
 * add-on's `pod_identity_association`): the VPC CNI holds `AmazonEKS_CNI_Policy` (no longer the
 * node role), the EBS CSI controller `AmazonEBSCSIDriverPolicy`. The stack uses two of these: the
 * node DaemonSets (vpc-cni, kube-proxy, the pod identity agent) before the node groups, so new
 * nodes come up with them, and the rest after (EKS reports them ACTIVE only once their pods run).
 *
 * `resolve_conflicts_on_create = OVERWRITE` takes over any copy already in the cluster;
 * `resolve_conflicts_on_update = OVERWRITE` keeps the add-ons exactly as configured here.
 */
export class EksManagedAddons extends Construct {
  public readonly addons: Readonly<Partial<Record<EksManagedAddonName, EksAddon>>>;
  public readonly vpcCniRole?: AwsIamRole;
  public readonly ebsCsiRole?: AwsIamRole;

  constructor(scope: Construct, id: string, props: EksManagedAddonsProps) {
    super(scope, id);
    const has = (name: EksManagedAddonName) => props.addons.includes(name);
    const role = (roleId: string, suffix: string, what: string, policies: readonly string[]) =>
      new AwsIamRole(this, roleId, {
        name: boundedName(`${props.namePrefix}-eks-${suffix}`, AWS_NAME_LIMITS.iamRole),
        description: `${what} of EKS cluster ${props.namePrefix} (Pod Identity)`,
        trust: { type: 'pod-identity' },
        managedPolicyArns: policies.map((p) => awsManagedPolicyArn(props.partition, p)),
      });
    this.vpcCniRole = has('vpc-cni') ? role('VpcCniRole', 'vpc-cni', 'VPC CNI (aws-node)', EKS_VPC_CNI_MANAGED_POLICIES) : undefined;
    this.ebsCsiRole = has('aws-ebs-csi-driver')
      ? role('EbsCsiRole', 'ebs-csi', 'EBS CSI controller', EKS_EBS_CSI_MANAGED_POLICIES)
      : undefined;
    const identities: Partial<Record<EksManagedAddonName, { role: AwsIamRole; serviceAccount: string }>> = {
      ...(this.vpcCniRole ? { 'vpc-cni': { role: this.vpcCniRole, serviceAccount: EKS_SERVICE_ACCOUNTS.vpcCni.name } } : {}),
      ...(this.ebsCsiRole ? { 'aws-ebs-csi-driver': { role: this.ebsCsiRole, serviceAccount: EKS_SERVICE_ACCOUNTS.ebsCsi.name } } : {}),
    };

    const addons: Partial<Record<EksManagedAddonName, EksAddon>> = {};
    const common = [...(props.dependsOn ?? [])];
    if (has('eks-pod-identity-agent')) addons['eks-pod-identity-agent'] = this.addon('eks-pod-identity-agent', props, undefined, common);
    const agent = props.podIdentityAgent ?? addons['eks-pod-identity-agent'];
    for (const name of props.addons) {
      if (name === 'eks-pod-identity-agent') continue;
      const identity = identities[name];
      const dependsOn = identity ? [...common, ...identity.role.grants, ...(agent ? [agent] : [])] : common;
      addons[name] = this.addon(name, props, identity, dependsOn);
    }
    this.addons = addons;
  }

  /** Every add-on of this construct, for `depends_on`. */
  public get all(): EksAddon[] {
    return Object.values(this.addons) as EksAddon[];
  }

  private addon(
    name: EksManagedAddonName,
    props: EksManagedAddonsProps,
    identity: { role: AwsIamRole; serviceAccount: string } | undefined,
    dependsOn: ITerraformDependable[],
  ): EksAddon {
    const addon = new EksAddon(this, idOf(name), {
      clusterName: props.clusterName,
      addonName: name,
      addonVersion: eksAddonVersion(props.kubernetesVersion, name),
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'OVERWRITE',
      ...(name === 'vpc-cni' ? { configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION) } : {}),
      ...(identity ? { podIdentityAssociation: [{ roleArn: identity.role.arn, serviceAccount: identity.serviceAccount }] } : {}),
      dependsOn,
    });
    // A fixed address (`aws_eks_addon.vpc_cni`) that platform-addons.json and plan reviews can name.
    addon.overrideLogicalId(eksAddonLogicalId(name));
    return addon;
  }
}

/** The Terraform logical id of an add-on's `aws_eks_addon`: `vpc-cni` -> `vpc_cni`. */
export function eksAddonLogicalId(name: EksManagedAddonName): string {
  return name.replace(/-/g, '_');
}

/** `vpc-cni` -> `VpcCni`: construct ids per add-on. */
function idOf(name: EksManagedAddonName): string {
  return name
    .split('-')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
