/**
 * Every number and fixed choice the AKS stack makes, each with its source. Sources read 2026-11-22.
 */

/**
 * VNet and node subnet: the address space AKS gives the virtual network it creates itself
 * (10.224.0.0/12, nodes in 10.224.0.0/16). With Azure CNI Overlay only nodes take VNet addresses.
 * Source: https://learn.microsoft.com/azure/aks/concepts-network-cni-overview (2026-11).
 */
export const AKS_VNET_CIDR = '10.224.0.0/12';
export const AKS_NODE_SUBNET_CIDR = '10.224.0.0/16';

/**
 * Overlay pod range and Service range: the AKS defaults for Azure CNI Overlay (pods 10.244.0.0/16,
 * Services 10.0.0.0/16 with cluster DNS at 10.0.0.10). Neither overlaps the VNet above.
 * Source: https://learn.microsoft.com/azure/aks/azure-cni-overlay (2026-11).
 */
export const AKS_POD_CIDR = '10.244.0.0/16';
export const AKS_SERVICE_CIDR = '10.0.0.0/16';
export const AKS_DNS_SERVICE_IP = '10.0.0.10';

/**
 * Name of the system (default) node pool. Linux pool names: 1-12 lowercase letters and digits,
 * starting with a letter. Source: https://learn.microsoft.com/azure/aks/create-node-pools#limitations (2026-11).
 */
export const AKS_SYSTEM_POOL_NAME = 'system';
export const AKS_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;

/**
 * OS disk: a 128 GiB managed disk (the AKS default OS disk size; a P10 premium SSD on
 * premium-capable sizes). Source: https://learn.microsoft.com/azure/aks/concepts-storage#ephemeral-os-disk (2026-11).
 */
export const AKS_OS_DISK_TYPE = 'Managed';
export const AKS_OS_DISK_SIZE_GB = 128;

/**
 * Surge during upgrades: Microsoft's recommendation for production node pools is 33%.
 * Source: https://learn.microsoft.com/azure/aks/upgrade-aks-cluster#customize-node-surge-upgrade (2026-11).
 */
export const AKS_UPGRADE_MAX_SURGE = '33%';

/**
 * Node OS image updates: NodeImage replaces the whole weekly node image (kernel and packages
 * together, tested by AKS) rather than patching packages in place.
 * Source: https://learn.microsoft.com/azure/aks/auto-upgrade-node-os-image (2026-11).
 */
export const AKS_NODE_OS_UPGRADE_CHANNEL = 'NodeImage';

/**
 * Network policy engine. Azure CNI Powered by Cilium (eBPF dataplane and policy, the engine
 * Microsoft recommends for new clusters) or Azure Network Policy Manager (iptables).
 * Source: https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium (2026-11).
 */
export type AksNetworkPolicy = 'cilium' | 'azure';
export const AKS_DEFAULT_NETWORK_POLICY: AksNetworkPolicy = 'cilium';

/**
 * Audience Microsoft Entra expects in federated tokens for workload identity.
 * Source: https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster (2026-11).
 */
export const AZURE_WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/** Azure availability zones are numbered "1", "2", "3" in every zonal region (https://learn.microsoft.com/azure/reliability/availability-zones-overview, 2026-11). */
export function azureZones(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 3) {
    throw new Error(`'zones' (${count}) must be an integer in 1..3: Azure regions have at most 3 availability zones`);
  }
  return Array.from({ length: count }, (_, i) => String(i + 1));
}

/** A spec pool name as an AKS pool name: '-' is not allowed there, so it is dropped. */
export function aksPoolName(specPoolName: string): string {
  return specPoolName.replace(/-/g, '');
}
