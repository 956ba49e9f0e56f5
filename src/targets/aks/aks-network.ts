import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { AKS_NODE_SUBNET_CIDR, AKS_VNET_CIDR } from './aks-defaults';

export interface AksNetworkProps {
  /** Prefix of the resource names (the cluster name). */
  readonly name: string;
  readonly resourceGroup: ResourceGroup;
  /** @default AKS_VNET_CIDR (10.224.0.0/12) */
  readonly vnetCidr?: string;
  /** @default AKS_NODE_SUBNET_CIDR (10.224.0.0/16) */
  readonly nodeSubnetCidr?: string;
}

/**
 * The VNet and the subnet AKS nodes (and internal load balancers) take addresses from. Pods use
 * the overlay range, not VNet addresses. Azure VNets and subnets span every zone of the region,
 * so one subnet serves a zone-redundant cluster.
 *
 * Outbound traffic leaves through the cluster's Standard load balancer (AKS' default
 * `outbound_type`), whose frontend is zone-redundant; the spec's `natGateways` choice has no Azure
 * counterpart to pick (an Azure NAT gateway is a zonal resource).
 * Source: https://learn.microsoft.com/azure/aks/egress-outboundtype (2026-11).
 */
export class AksNetwork extends Construct {
  public readonly vnet: VirtualNetwork;
  public readonly nodeSubnet: Subnet;

  constructor(scope: Construct, id: string, props: AksNetworkProps) {
    super(scope, id);
    this.vnet = new VirtualNetwork(this, 'Resource', {
      name: `vnet-${props.name}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      addressSpace: [props.vnetCidr ?? AKS_VNET_CIDR],
    });
    this.nodeSubnet = new Subnet(this, 'NodeSubnet', {
      name: `snet-${props.name}-nodes`,
      resourceGroupName: props.resourceGroup.name,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: [props.nodeSubnetCidr ?? AKS_NODE_SUBNET_CIDR],
    });
  }
}
