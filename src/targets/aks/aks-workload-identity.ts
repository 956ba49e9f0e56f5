import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { AksCluster } from './aks-cluster';
import { AZURE_WORKLOAD_IDENTITY_AUDIENCE } from './aks-defaults';

export interface AksWorkloadIdentityProps {
  readonly cluster: AksCluster;
  readonly resourceGroup: ResourceGroup;
  readonly workloadName: string;
  /** The workload's namespace (`spec.workload.namespace`), where its Kubernetes ServiceAccount lives. */
  readonly namespace: string;
  /** Kubernetes ServiceAccount name. @default - the workload name */
  readonly kubernetesServiceAccount?: string;
}

/** The subject Kubernetes puts in a ServiceAccount token, which the federated credential must match. */
export function aksFederatedSubject(namespace: string, kubernetesServiceAccount: string): string {
  return `system:serviceaccount:${namespace}:${kubernetesServiceAccount}`;
}

/**
 * The workload's Microsoft Entra identity: a user-assigned managed identity that trusts tokens the
 * cluster's OIDC issuer signs for `system:serviceaccount:<namespace>:<name>`. Pods labelled
 * `azure.workload.identity/use: "true"` whose ServiceAccount carries the identity's client id get
 * Entra tokens for it. It holds no Azure roles: grant the workload what it needs on this identity.
 * Source: https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster (2026-11).
 */
export class AksWorkloadIdentity extends Construct {
  public readonly identity: UserAssignedIdentity;
  public readonly federatedCredential: FederatedIdentityCredential;

  constructor(scope: Construct, id: string, props: AksWorkloadIdentityProps) {
    super(scope, id);
    const namespace = props.namespace;
    const ksa = props.kubernetesServiceAccount ?? props.workloadName;
    this.identity = new UserAssignedIdentity(this, 'Resource', {
      name: `id-${props.workloadName}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
    });
    this.federatedCredential = new FederatedIdentityCredential(this, 'FederatedCredential', {
      name: `fic-${props.workloadName}`,
      resourceGroupName: props.resourceGroup.name,
      parentId: this.identity.id,
      issuer: props.cluster.resource.oidcIssuerUrl,
      subject: aksFederatedSubject(namespace, ksa),
      audience: [AZURE_WORKLOAD_IDENTITY_AUDIENCE],
    });
  }

  public get clientId(): string {
    return this.identity.clientId;
  }
}
