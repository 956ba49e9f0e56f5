import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import type { AksCluster } from './aks-cluster';
import { AKS_RBAC_CLUSTER_ADMIN_ROLE } from './aks-defaults';

export interface AksClusterAdminsProps {
  readonly cluster: AksCluster;
  /** Entra ID groups granted cluster admin besides the deploying identity (`cluster.aks.adminGroupObjectIds`). @default [] */
  readonly adminGroupObjectIds?: readonly string[];
}

/**
 * Data-plane access for a cluster with local accounts disabled and Azure RBAC for Kubernetes:
 * "Azure Kubernetes Service RBAC Cluster Admin" on the cluster for the identity that runs Terraform
 * (from `azurerm_client_config`, so `deploy`'s kubectl steps work for whoever deployed) and for each
 * listed Entra ID group. Azure RBAC assignments can take a few minutes to reach the API server.
 * Source: https://learn.microsoft.com/azure/aks/manage-azure-rbac (2026-11).
 */
export class AksClusterAdmins extends Construct {
  public readonly clientConfig: DataAzurermClientConfig;
  public readonly deployer: RoleAssignment;
  public readonly groups: readonly RoleAssignment[];

  constructor(scope: Construct, id: string, props: AksClusterAdminsProps) {
    super(scope, id);
    const scopeId = props.cluster.resource.id;
    this.clientConfig = new DataAzurermClientConfig(this, 'Current', {});
    // No principal_type: the deployer may be a user, a service principal or a managed identity.
    this.deployer = new RoleAssignment(this, 'Deployer', {
      scope: scopeId,
      roleDefinitionName: AKS_RBAC_CLUSTER_ADMIN_ROLE,
      principalId: this.clientConfig.objectId,
    });
    // One assignment per distinct group: Azure refuses a second identical assignment (RoleAssignmentExists).
    this.groups = [...new Set(props.adminGroupObjectIds ?? [])].map(
      (objectId) =>
        new RoleAssignment(this, `Group-${objectId}`, {
          scope: scopeId,
          roleDefinitionName: AKS_RBAC_CLUSTER_ADMIN_ROLE,
          principalId: objectId,
          principalType: 'Group',
        }),
    );
  }
}
