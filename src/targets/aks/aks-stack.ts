import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Aspects, TerraformOutput } from 'cdktf';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import type { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import { ValidationError } from '../../spec/validation-error';
import type { StackOptions } from '../cluster-target';
import { commonTags } from '../common/common-tags';
import { OrquestaStack } from '../common/orquesta-stack';
import { TagAspect } from '../common/tag-aspect';
import { AksCluster } from './aks-cluster';
import { AksClusterAdmins } from './aks-cluster-admins';
import { AksClusterIdentity } from './aks-cluster-identity';
import { AksClusterLogs } from './aks-cluster-logs';
import { azureZones } from './aks-defaults';
import { AksLogAnalytics } from './aks-log-analytics';
import { AksManagedPrometheus } from './aks-managed-prometheus';
import { AksNetwork } from './aks-network';
import { AksNodePool, validateAksNodePools } from './aks-node-pool';
import { AksWorkloadIdentity } from './aks-workload-identity';

/** Construct id of the cluster in the stack: part of its Terraform address, a public contract. */
export const AKS_CLUSTER_ID = 'Cluster';

/**
 * The Terraform address of the stack's `azurerm_kubernetes_cluster`, computed the way cdktf allocates
 * logical ids (a hash of the construct path), so callers without a synthesized stack can name it.
 */
export function aksClusterAddress(): string {
  return `${KubernetesCluster.tfResourceType}.${makeUniqueId([AKS_CLUSTER_ID, 'Resource'])}`;
}

export interface AksStackProps {
  readonly spec: ResolvedAppSpec;
  readonly options: StackOptions;
}

/**
 * The AKS target's infrastructure: resource group `rg-<cluster>`, network (`AksNetwork`), the
 * control plane's identity with its network role (`AksClusterIdentity`), a Log Analytics workspace
 * (`AksLogAnalytics`), the cluster with its system pool (`AksCluster`), control-plane audit logs and
 * Container insights (`AksClusterLogs`), the data-plane admin role for the deployer and the spec's
 * admin groups (`AksClusterAdmins`), one `AksNodePool` user pool per spec pool, the workload's
 * managed identity (`AksWorkloadIdentity`), and, when the workload exposes Prometheus metrics,
 * Azure Monitor managed Prometheus (`AksManagedPrometheus`) to collect them.
 *
 * Tags: azurerm has no provider-level default tags, so a `TagAspect` puts the common tags on every
 * resource that has a `tags` argument, including ones added to this stack later.
 *
 * Credentials: azurerm 4.x needs a subscription id; it is read from `ARM_SUBSCRIPTION_ID` (or the
 * Azure CLI login) at plan time and is not part of the spec. `options.offlinePlan` changes nothing
 * here: the azurerm binary is not in the offline mirror the plan check uses.
 */
export class AksStack extends OrquestaStack {
  public readonly resourceGroup: ResourceGroup;
  public readonly network: AksNetwork;
  public readonly clusterIdentity: AksClusterIdentity;
  public readonly logAnalytics: AksLogAnalytics;
  public readonly cluster: AksCluster;
  public readonly clusterLogs: AksClusterLogs;
  public readonly clusterAdmins: AksClusterAdmins;
  public readonly nodePools: readonly AksNodePool[];
  public readonly workloadIdentity: AksWorkloadIdentity;
  /** Present when the workload exposes Prometheus metrics. */
  public readonly managedPrometheus?: AksManagedPrometheus;

  constructor(scope: Construct, props: AksStackProps) {
    super(scope, { target: 'aks', backend: props.options.backend });
    const { cluster: c, workload } = props.spec;
    const problems = validateAksNodePools(props.spec);
    if (problems.length > 0) throw new ValidationError(problems, this.node.path);

    const tags = commonTags(props.spec, 'aks', props.options.now);
    const zones = azureZones(c.zones);

    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      // Registering resource providers needs subscription-wide rights the deployer may not have,
      // so it is a one-time step outside the stack: `az provider register --namespace <ns>` for
      // Microsoft.ContainerService, Network, Compute, ManagedIdentity, OperationalInsights (Log
      // Analytics) and Insights (diagnostic settings, data collection rules), plus Microsoft.Monitor
      // for managed Prometheus; and once `az feature register --namespace Microsoft.Compute --name
      // EncryptionAtHost` for host encryption (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-providers-and-types, 2026-11).
      resourceProviderRegistrations: 'none',
    });
    Aspects.of(this).add(new TagAspect(tags));

    this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: `rg-${c.name}`, location: c.regions.azure });
    this.network = new AksNetwork(this, 'Network', { name: c.name, resourceGroup: this.resourceGroup });
    this.clusterIdentity = new AksClusterIdentity(this, 'ClusterIdentity', {
      name: c.name,
      resourceGroup: this.resourceGroup,
      network: this.network,
    });
    this.logAnalytics = new AksLogAnalytics(this, 'LogAnalytics', { name: c.name, resourceGroup: this.resourceGroup });
    this.cluster = new AksCluster(this, AKS_CLUSTER_ID, {
      name: c.name,
      resourceGroup: this.resourceGroup,
      network: this.network,
      identity: this.clusterIdentity,
      logAnalytics: this.logAnalytics,
      kubernetesVersion: c.kubernetesVersion,
      maintenanceWindow: c.maintenanceWindow,
      tier: c.aks.tier,
      upgradeChannel: c.aks.upgradeChannel,
      apiServerAuthorizedCidrs: c.aks.apiServerAuthorizedCidrs,
      zones,
      systemPoolTags: tags,
      appRoutingEnabled: workload.exposure.type === 'ingress',
      monitorMetricsEnabled: workload.monitoring.type === 'prometheus',
    });
    this.clusterLogs = new AksClusterLogs(this, 'ClusterLogs', {
      cluster: this.cluster,
      logAnalytics: this.logAnalytics,
      resourceGroup: this.resourceGroup,
      name: c.name,
    });
    this.clusterAdmins = new AksClusterAdmins(this, 'ClusterAdmins', {
      cluster: this.cluster,
      adminGroupObjectIds: c.aks.adminGroupObjectIds,
    });
    this.nodePools = c.nodePools.map(
      (pool) => new AksNodePool(this, `NodePool-${pool.name}`, { cluster: this.cluster, network: this.network, pool, zones }),
    );
    if (workload.monitoring.type === 'prometheus') {
      this.managedPrometheus = new AksManagedPrometheus(this, 'ManagedPrometheus', {
        cluster: this.cluster,
        resourceGroup: this.resourceGroup,
        name: c.name,
      });
    }
    this.workloadIdentity = new AksWorkloadIdentity(this, 'WorkloadIdentity', {
      cluster: this.cluster,
      resourceGroup: this.resourceGroup,
      workloadName: workload.name,
      namespace: workload.namespace,
    });

    new TerraformOutput(this, 'cluster_name', {
      value: this.cluster.resource.name,
      description: 'Name of the AKS cluster.',
    });
    // `fqdn` is not sensitive in azurerm (the kube_config blocks are).
    new TerraformOutput(this, 'cluster_endpoint', {
      value: this.cluster.resource.fqdn,
      description: 'FQDN of the public API server, reachable from the authorized IP ranges only.',
    });
    new TerraformOutput(this, 'cluster_region', {
      value: this.resourceGroup.location,
      description: 'Azure region of the cluster and its network.',
    });
    new TerraformOutput(this, 'resource_group_name', {
      value: this.resourceGroup.name,
      description: 'Resource group holding the cluster, its network and the workload identity.',
    });
    new TerraformOutput(this, 'kubeconfig_command', {
      value: `az aks get-credentials --resource-group rg-${c.name} --name ${c.name} && kubelogin convert-kubeconfig -l azurecli`,
      description:
        'Writes a kubeconfig entry that signs in with Microsoft Entra ID (local accounts are disabled; needs az and kubelogin; the deploying identity and the admin groups hold Azure Kubernetes Service RBAC Cluster Admin).',
    });
    new TerraformOutput(this, 'workload_identity_client_id', {
      value: this.workloadIdentity.clientId,
      description: `Client id of the managed identity the Kubernetes ServiceAccount ${workload.namespace}/${workload.name} uses through workload identity.`,
    });
  }
}
