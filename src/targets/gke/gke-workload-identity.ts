import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { GkeCluster } from './gke-cluster';
import { gcpServiceAccountId } from './gke-defaults';

/** Id of the workload's Google service account: the workload name within GCP's id rules. */
export function gkeWorkloadServiceAccountId(workloadName: string): string {
  return gcpServiceAccountId(workloadName);
}

export interface GkeWorkloadIdentityProps {
  /**
   * The cluster whose creation makes the project's workload pool `<project>.svc.id.goog` exist;
   * the IAM binding names that pool and fails if it is created first.
   */
  readonly cluster: GkeCluster;
  readonly project: string;
  readonly workloadName: string;
  /** The workload's namespace (`spec.workload.namespace`), where its Kubernetes ServiceAccount lives. */
  readonly namespace: string;
  /** Kubernetes ServiceAccount name. @default - the workload name */
  readonly kubernetesServiceAccount?: string;
  /** What the service account waits for (IAM API enablement). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** The IAM member a Kubernetes ServiceAccount acts as under Workload Identity. */
export function gkeWorkloadIdentityMember(project: string, namespace: string, kubernetesServiceAccount: string): string {
  return `serviceAccount:${project}.svc.id.goog[${namespace}/${kubernetesServiceAccount}]`;
}

/**
 * The workload's Google identity: a service account `<id>@<project>.iam.gserviceaccount.com` that
 * the Kubernetes ServiceAccount `<namespace>/<name>` may impersonate (roles/iam.workloadIdentityUser
 * for the member `serviceAccount:<project>.svc.id.goog[<namespace>/<name>]`). It holds no project
 * roles: grant the workload what it needs on this account, nothing lands on the nodes.
 * Source: https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity#authenticating_to (2026-11).
 */
export class GkeWorkloadIdentity extends Construct {
  public readonly serviceAccount: ServiceAccount;
  public readonly binding: ServiceAccountIamMember;

  constructor(scope: Construct, id: string, props: GkeWorkloadIdentityProps) {
    super(scope, id);
    const namespace = props.namespace;
    const ksa = props.kubernetesServiceAccount ?? props.workloadName;
    this.serviceAccount = new ServiceAccount(this, 'Resource', {
      project: props.project,
      accountId: gkeWorkloadServiceAccountId(props.workloadName),
      displayName: `Workload ${props.workloadName}`,
      description: `Workload Identity of ${namespace}/${ksa}, managed by orquesta`,
      dependsOn: [...(props.dependsOn ?? [])],
    });
    this.binding = new ServiceAccountIamMember(this, 'WorkloadIdentityUser', {
      serviceAccountId: this.serviceAccount.name,
      role: 'roles/iam.workloadIdentityUser',
      member: gkeWorkloadIdentityMember(props.project, namespace, ksa),
      dependsOn: [props.cluster.resource],
    });
  }

  public get email(): string {
    return this.serviceAccount.email;
  }
}
