import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { AksNetwork } from './aks-network';

export interface AksClusterIdentityProps {
  /** The cluster name; the identity is `id-<name>-control-plane`. */
  readonly name: string;
  readonly resourceGroup: ResourceGroup;
  /** The network whose node subnet the cluster places nodes and internal load balancers in. */
  readonly network: AksNetwork;
}

/**
 * The control plane's identity: a user-assigned managed identity holding Network Contributor on the
 * node subnet. With a system-assigned identity the role can only be granted after the cluster
 * exists, so the first internal load balancer (or node join) races the assignment; with a
 * user-assigned one the role is in place before the cluster is created (`AksCluster` depends on
 * `networkRoleAssignment`), and it survives a cluster re-creation.
 * Source: https://learn.microsoft.com/azure/aks/use-managed-identity#bring-your-own-managed-identity (2026-11).
 */
export class AksClusterIdentity extends Construct {
  public readonly identity: UserAssignedIdentity;
  /** Network Contributor on the node subnet, for load-balancer frontends and node NICs. */
  public readonly networkRoleAssignment: RoleAssignment;

  constructor(scope: Construct, id: string, props: AksClusterIdentityProps) {
    super(scope, id);
    this.identity = new UserAssignedIdentity(this, 'Resource', {
      name: `id-${props.name}-control-plane`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
    });
    this.networkRoleAssignment = new RoleAssignment(this, 'SubnetNetworkContributor', {
      scope: props.network.nodeSubnet.id,
      roleDefinitionName: 'Network Contributor',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
  }
}
