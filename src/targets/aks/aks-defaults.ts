import type { DayOfWeek } from '../../spec/cluster-spec';
import type { ResolvedCluster } from '../../spec/resolved-spec';

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

/**
 * Host encryption on every pool: the VM's temporary disk and the OS/data disk caches are encrypted
 * on the host (Azure Storage encrypts the managed disks themselves already). It needs a one-time
 * subscription feature registration (`az feature register --namespace Microsoft.Compute --name
 * EncryptionAtHost`, then `az provider register --namespace Microsoft.Compute`), and a VM size whose
 * SKU reports the `EncryptionAtHostSupported` capability (`az vm list-skus --size <size> --query
 * "[].capabilities[?name=='EncryptionAtHostSupported']"`): the Dsv5 sizes do; the burstable B2s of the
 * `small` size class was not verified here. No extra charge.
 * Source: https://learn.microsoft.com/azure/aks/enable-host-encryption (2026-11).
 */
export const AKS_HOST_ENCRYPTION_ENABLED = true;

/**
 * Log Analytics: pay-as-you-go (PerGB2018) with 30 days of interactive retention, the workspace
 * default and within the 31 days included in the ingestion price. Ingestion is billed per GB, so the
 * cost report prices it as usage.
 * Sources: https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure,
 * https://azure.microsoft.com/pricing/details/monitor/ (2026-11).
 */
export const AKS_LOG_ANALYTICS_SKU = 'PerGB2018';
export const AKS_LOG_RETENTION_DAYS = 30;

/**
 * Control-plane logs shipped by the diagnostic setting: `kube-audit-admin` (audit events without
 * get/list, the cost-conscious audit trail Microsoft recommends over `kube-audit`) and `guard`
 * (Microsoft Entra ID and Azure RBAC authorization decisions). Sent to resource-specific tables
 * (AKSAuditAdmin, AKSControlPlane) rather than AzureDiagnostics.
 * Source: https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs (2026-11).
 */
export const AKS_CONTROL_PLANE_LOG_CATEGORIES: readonly string[] = ['kube-audit-admin', 'guard'];
export const AKS_DIAGNOSTIC_DESTINATION_TYPE = 'Dedicated';

/**
 * Container insights (the monitoring add-on's ama-logs agent) with the "Logs and Events" cost preset:
 * container stdout/stderr (ContainerLogV2), Kubernetes events and pod inventory, without the
 * per-minute performance counters (the managed Prometheus agent collects metrics).
 * Source: https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-cost-config (2026-11).
 */
export const AKS_CONTAINER_INSIGHTS_STREAMS: readonly string[] = [
  'Microsoft-ContainerLogV2',
  'Microsoft-KubeEvents',
  'Microsoft-KubePodInventory',
];
export const AKS_CONTAINER_INSIGHTS_INTERVAL = '1m';

/**
 * Spot pools: evicted VMs are deleted (Deallocate would keep paying for their disks and count against
 * quota), and the maximum price is -1, i.e. never evicted for price, at most the on-demand rate.
 * AKS labels Spot nodes and taints them `kubernetes.azure.com/scalesetpriority=spot:NoSchedule`; the
 * provider needs the label and taint declared, or every plan shows a diff.
 * Sources: https://learn.microsoft.com/azure/aks/spot-node-pool,
 * https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/kubernetes_cluster_node_pool#priority (2026-11).
 */
export const AKS_SPOT_EVICTION_POLICY = 'Delete';
export const AKS_SPOT_MAX_PRICE = -1;
export const AKS_SPOT_LABEL_KEY = 'kubernetes.azure.com/scalesetpriority';
export const AKS_SPOT_TAINT = `${AKS_SPOT_LABEL_KEY}=spot:NoSchedule`;

/** Day names as the AKS maintenance configuration API spells them. */
const AKS_DAY_NAMES: Readonly<Record<DayOfWeek, string>> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export interface AksWeeklyWindow {
  readonly frequency: 'Weekly';
  readonly interval: number;
  readonly dayOfWeek: string;
  readonly startTime: string;
  readonly duration: number;
  readonly utcOffset: string;
}

/**
 * The spec's weekly window as an AKS planned-maintenance schedule (`maintenance_window_auto_upgrade`
 * and `maintenance_window_node_os`): every week, start `HH:00` at UTC offset +00:00, 4-24 hours long.
 * Source: https://learn.microsoft.com/azure/aks/planned-maintenance (2026-11).
 */
export function aksWeeklyWindow(window: ResolvedCluster['maintenanceWindow']): AksWeeklyWindow {
  return {
    frequency: 'Weekly',
    interval: 1,
    dayOfWeek: AKS_DAY_NAMES[window.dayOfWeek],
    startTime: `${String(window.startHourUtc).padStart(2, '0')}:00`,
    duration: window.durationHours,
    utcOffset: '+00:00',
  };
}

/**
 * Role that grants full data-plane access to the cluster through Azure RBAC for Kubernetes (local
 * accounts are disabled, so without it nobody, not even the deployer, can use kubectl).
 * Source: https://learn.microsoft.com/azure/aks/manage-azure-rbac#create-role-assignments-for-users-to-access-the-cluster (2026-11).
 */
export const AKS_RBAC_CLUSTER_ADMIN_ROLE = 'Azure Kubernetes Service RBAC Cluster Admin';
