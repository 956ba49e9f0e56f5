import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GKE_NODE_SERVICE_ACCOUNT_ROLES, gcpServiceAccountId } from './gke-defaults';

export interface GkeNodeServiceAccountProps {
  readonly clusterName: string;
  readonly project: string;
  /** @default GKE_NODE_SERVICE_ACCOUNT_ROLES (logging, monitoring, metadata, Artifact Registry read) */
  readonly roles?: readonly string[];
  /** What the account and its bindings wait for (IAM and Resource Manager API enablement). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The identity the node VMs run as. Without one, GKE nodes use the Compute Engine default service
 * account, which holds roles/editor on the project in most organisations: any pod that reaches
 * the metadata server would inherit it. `GKE_METADATA` on the node pool hides the node identity
 * from pods; this account keeps the node itself to what kubelet and the agents need.
 */
export class GkeNodeServiceAccount extends Construct {
  public readonly serviceAccount: ServiceAccount;
  public readonly roleBindings: readonly ProjectIamMember[];

  constructor(scope: Construct, id: string, props: GkeNodeServiceAccountProps) {
    super(scope, id);
    this.serviceAccount = new ServiceAccount(this, 'Resource', {
      project: props.project,
      accountId: gcpServiceAccountId(`${props.clusterName}-nodes`),
      displayName: `GKE nodes of ${props.clusterName}`,
      description: 'Least-privilege node service account managed by orquesta',
      dependsOn: [...(props.dependsOn ?? [])],
    });
    this.roleBindings = (props.roles ?? GKE_NODE_SERVICE_ACCOUNT_ROLES).map(
      (role) =>
        new ProjectIamMember(this, `Role-${role.replace(/^roles\//, '')}`, {
          project: props.project,
          role,
          member: this.serviceAccount.member,
          dependsOn: [...(props.dependsOn ?? [])],
        }),
    );
  }

  public get email(): string {
    return this.serviceAccount.email;
  }
}
