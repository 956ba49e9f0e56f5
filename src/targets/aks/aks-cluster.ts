import { KubernetesCluster, type KubernetesClusterNetworkProfile } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../../spec/resolved-spec';
import { assertNever } from '../common/orquesta-stack';
import type { AksClusterIdentity } from './aks-cluster-identity';
import {
  AKS_DEFAULT_NETWORK_POLICY,
  AKS_HOST_ENCRYPTION_ENABLED,
  AKS_DNS_SERVICE_IP,
  AKS_NODE_OS_UPGRADE_CHANNEL,
  AKS_OS_DISK_SIZE_GB,
  AKS_OS_DISK_TYPE,
  AKS_POD_CIDR,
  AKS_SERVICE_CIDR,
  AKS_SYSTEM_POOL_NAME,
  AKS_UPGRADE_MAX_SURGE,
  type AksNetworkPolicy,
  aksWeeklyWindow,
} from './aks-defaults';
import type { AksLogAnalytics } from './aks-log-analytics';
import type { AksNetwork } from './aks-network';
import { AKS_MAX_PODS, AKS_SYSTEM_POOL_VM_SIZE } from './instance-types';

export interface AksClusterProps {
  readonly name: string;
  readonly resourceGroup: ResourceGroup;
  readonly network: AksNetwork;
  /** The control plane's user-assigned identity, whose network role exists before the cluster. */
  readonly identity: AksClusterIdentity;
  /**
   * Kubernetes minor version, `1.MM`, of the control plane and the system pool
   * (`orchestrator_version`); AKS picks the patch and the upgrade channel moves it.
   */
  readonly kubernetesVersion: string;
  /** When AKS may apply automatic upgrades and node OS image updates: weekly, UTC. */
  readonly maintenanceWindow: ResolvedCluster['maintenanceWindow'];
  /**
   * Control-plane tier. Free: no SLA. Standard: 99.95% API server SLA with zones. Premium: Standard
   * plus eligibility for long-term support (`support_plan` stays KubernetesOfficial here).
   * Source: https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers (2026-11).
   */
  readonly tier: 'Free' | 'Standard' | 'Premium';
  readonly upgradeChannel: 'patch' | 'stable' | 'rapid' | 'node-image';
  /** CIDRs allowed to reach the public API server. */
  readonly apiServerAuthorizedCidrs: readonly string[];
  /** Availability zones ("1".."3") for the system pool. */
  readonly zones: readonly string[];
  /** @default AKS_DEFAULT_NETWORK_POLICY ('cilium') */
  readonly networkPolicy?: AksNetworkPolicy;
  /** Tags of the system pool's VM scale set (a nested field the tag aspect does not reach). @default {} */
  readonly systemPoolTags?: Readonly<Record<string, string>>;
  /**
   * Turns on the application routing add-on (managed NGINX, ingress class
   * `webapprouting.kubernetes.azure.com`) for workloads exposed through an Ingress.
   * Source: https://learn.microsoft.com/azure/aks/app-routing (2026-11).
   * @default false
   */
  readonly appRoutingEnabled?: boolean;
  /**
   * Deploys the managed Prometheus agent (ama-metrics). Collection also needs the workspace and
   * data collection rule that `AksManagedPrometheus` creates.
   * @default false
   */
  readonly monitorMetricsEnabled?: boolean;
  /**
   * Turns on the monitoring add-on (Container insights agent, MSI auth) sending to this workspace;
   * `AksClusterLogs` adds the data collection rule it reads and the control-plane diagnostic setting.
   * @default - no monitoring add-on
   */
  readonly logAnalytics?: AksLogAnalytics;
}

/**
 * An AKS cluster with its system node pool as `default_node_pool`: one node per zone, tainted
 * CriticalAddonsOnly so only system add-ons run there; workloads go to `AksNodePool` user pools.
 *
 * Identity and access: a user-assigned control-plane identity (`AksClusterIdentity`) whose Network
 * Contributor role is assigned before the cluster is created; Microsoft Entra ID authentication
 * with Azure RBAC for Kubernetes authorization and local accounts disabled, so there is no static
 * admin kubeconfig to leak (`AksClusterAdmins` grants the data-plane role); OIDC issuer and
 * workload identity for pods. Network: Azure CNI in overlay mode with network policy enforcement;
 * API server reachable only from the authorized ranges. Nodes: host encryption on.
 *
 * Upgrades: the automatic upgrade channel and the NodeImage OS channel run only inside the spec's
 * weekly maintenance window (`maintenance_window_auto_upgrade`, `maintenance_window_node_os`). The
 * system pool's `orchestrator_version` is the cluster's minor, so it never lags the control plane;
 * changing its VM size rotates it through `temporary_name_for_rotation` instead of recreating the
 * cluster.
 *
 * Escape hatch: `cluster.resource` (also `node.defaultChild`) is the `azurerm_kubernetes_cluster`.
 */
export class AksCluster extends Construct {
  public readonly resource: KubernetesCluster;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const rg = props.resourceGroup;
    const zoneCount = props.zones.length;
    if (zoneCount === 0) {
      throw new Error(`'zones' ([]) must list at least one availability zone for cluster '${props.name}'`);
    }

    this.resource = new KubernetesCluster(this, 'Resource', {
      name: props.name,
      resourceGroupName: rg.name,
      location: rg.location,
      dnsPrefix: props.name,
      nodeResourceGroup: `${rg.name}-nodes`,
      kubernetesVersion: props.kubernetesVersion,
      skuTier: props.tier,
      automaticUpgradeChannel: props.upgradeChannel,
      nodeOsUpgradeChannel: AKS_NODE_OS_UPGRADE_CHANNEL,

      identity: { type: 'UserAssigned', identityIds: [props.identity.identity.id] },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true },

      apiServerAccessProfile: { authorizedIpRanges: [...props.apiServerAuthorizedCidrs] },
      networkProfile: networkProfile(props.networkPolicy ?? AKS_DEFAULT_NETWORK_POLICY),
      webAppRouting: props.appRoutingEnabled ? { dnsZoneIds: [] } : undefined,
      monitorMetrics: props.monitorMetricsEnabled ? {} : undefined,
      omsAgent: props.logAnalytics
        ? { logAnalyticsWorkspaceId: props.logAnalytics.workspace.id, msiAuthForMonitoringEnabled: true }
        : undefined,
      maintenanceWindowAutoUpgrade: aksWeeklyWindow(props.maintenanceWindow),
      maintenanceWindowNodeOs: aksWeeklyWindow(props.maintenanceWindow),

      defaultNodePool: {
        name: AKS_SYSTEM_POOL_NAME,
        // Changing e.g. the VM size of the default pool would otherwise recreate the cluster;
        // with a temporary name AKS rotates the pool instead.
        temporaryNameForRotation: `${AKS_SYSTEM_POOL_NAME}tmp`,
        vmSize: AKS_SYSTEM_POOL_VM_SIZE,
        orchestratorVersion: props.kubernetesVersion,
        hostEncryptionEnabled: AKS_HOST_ENCRYPTION_ENABLED,
        onlyCriticalAddonsEnabled: true,
        // One system node per zone: CoreDNS, konnectivity and metrics-server survive a zone loss.
        nodeCount: zoneCount,
        zones: [...props.zones],
        maxPods: AKS_MAX_PODS,
        osDiskType: AKS_OS_DISK_TYPE,
        osDiskSizeGb: AKS_OS_DISK_SIZE_GB,
        vnetSubnetId: props.network.nodeSubnet.id,
        upgradeSettings: { maxSurge: AKS_UPGRADE_MAX_SURGE },
        tags: { ...props.systemPoolTags },
      },
      // The cluster only references the identity; the role assignment must exist before AKS first
      // uses the identity on the subnet.
      dependsOn: [props.identity.networkRoleAssignment],
    });
  }
}

function networkProfile(policy: AksNetworkPolicy): KubernetesClusterNetworkProfile {
  const common = {
    networkPlugin: 'azure',
    networkPluginMode: 'overlay',
    podCidr: AKS_POD_CIDR,
    serviceCidr: AKS_SERVICE_CIDR,
    dnsServiceIp: AKS_DNS_SERVICE_IP,
    loadBalancerSku: 'standard',
    outboundType: 'loadBalancer',
  };
  switch (policy) {
    case 'cilium':
      // Cilium enforces policy only as the dataplane: network_policy and network_data_plane go together.
      return { ...common, networkPolicy: 'cilium', networkDataPlane: 'cilium' };
    case 'azure':
      return { ...common, networkPolicy: 'azure', networkDataPlane: 'azure' };
    default:
      return assertNever(policy);
  }
}
