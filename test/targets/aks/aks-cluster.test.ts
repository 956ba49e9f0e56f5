import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformStack, Testing } from 'cdktf';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { DEFAULT_API_ACCESS_CIDRS } from '../../../src/spec/defaults';
import { AksCluster } from '../../../src/targets/aks/aks-cluster';
import { AksClusterIdentity } from '../../../src/targets/aks/aks-cluster-identity';
import { AksNetwork } from '../../../src/targets/aks/aks-network';
import { AksStack } from '../../../src/targets/aks/aks-stack';
import { TEST_NOW, exampleSpec, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthAks(spec: ResolvedAppSpec) {
  return synthTerraform(new AksStack(Testing.app(), { spec, options: { now: TEST_NOW } }));
}

function theCluster(spec: ResolvedAppSpec): Record<string, any> {
  const clusters = resourcesOfType(synthAks(spec).json, 'azurerm_kubernetes_cluster');
  expect(clusters).toHaveLength(1);
  return clusters[0];
}

const example = synthAks(exampleSpec());
const [exampleCluster] = resourcesOfType(example.json, 'azurerm_kubernetes_cluster');

describe('tier', () => {
  test.each(['Free', 'Standard', 'Premium'] as const)('sku_tier %s comes from spec.cluster.aks.tier', (tier) => {
    expect(theCluster(withCluster({ aks: { tier } })).sku_tier).toBe(tier);
  });

  test.each([
    ['ha', 'Standard'],
    ['single', 'Free'],
  ] as const)('controlPlane %s defaults to %s', (controlPlane, tier) => {
    expect(theCluster(withCluster({ controlPlane })).sku_tier).toBe(tier);
  });
});

test.each(['patch', 'stable', 'rapid', 'node-image'] as const)('automatic upgrade channel %s comes from the spec', (channel) => {
  const cluster = theCluster(withCluster({ aks: { upgradeChannel: channel } }));
  expect(cluster.automatic_upgrade_channel).toBe(channel);
  expect(cluster.node_os_upgrade_channel).toBe('NodeImage');
});

test('version from the spec, Entra ID with Azure RBAC, no local accounts, OIDC issuer and workload identity', () => {
  expect(example.text).toHaveResourceWithProperties(KubernetesCluster, {
    kubernetes_version: '1.35',
    local_account_disabled: true,
    role_based_access_control_enabled: true,
    azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
    oidc_issuer_enabled: true,
    workload_identity_enabled: true,
  });
});

describe('network policy', () => {
  test('Azure CNI overlay with Cilium as dataplane and policy engine', () => {
    expect(exampleCluster.network_profile).toEqual({
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_policy: 'cilium',
      network_data_plane: 'cilium',
      pod_cidr: '10.244.0.0/16',
      service_cidr: '10.0.0.0/16',
      dns_service_ip: '10.0.0.10',
      load_balancer_sku: 'standard',
      outbound_type: 'loadBalancer',
    });
  });

  test('the overlay and service ranges stay out of the VNet', () => {
    const [vnet] = resourcesOfType(example.json, 'azurerm_virtual_network');
    expect(vnet.address_space).toEqual(['10.224.0.0/12']);
    // 10.224.0.0/12 spans 10.224-10.239; pods use 10.244/16 and Services 10.0/16.
    for (const cidr of [exampleCluster.network_profile.pod_cidr, exampleCluster.network_profile.service_cidr]) {
      const second = Number(cidr.split('.')[1]);
      expect(second < 224 || second > 239).toBe(true);
    }
  });
});

describe('API server access', () => {
  test('by default only the documentation range, never 0.0.0.0/0', () => {
    const ranges = exampleCluster.api_server_access_profile.authorized_ip_ranges;
    expect(ranges).toEqual([...DEFAULT_API_ACCESS_CIDRS]);
    expect(ranges).not.toContain('0.0.0.0/0');
  });

  test('from spec.cluster.aks.apiServerAuthorizedCidrs', () => {
    const cidrs = ['198.51.100.0/24'];
    expect(theCluster(withCluster({ aks: { apiServerAuthorizedCidrs: cidrs } })).api_server_access_profile).toEqual({
      authorized_ip_ranges: cidrs,
    });
  });
});

describe('system pool (default_node_pool)', () => {
  test('critical add-ons only, D2s_v5, managed OS disk, surge upgrades, in the node subnet', () => {
    const pool = exampleCluster.default_node_pool;
    expect(pool).toMatchObject({
      name: 'system',
      vm_size: 'Standard_D2s_v5',
      only_critical_addons_enabled: true,
      max_pods: 110,
      os_disk_type: 'Managed',
      os_disk_size_gb: 128,
      upgrade_settings: { max_surge: '33%' },
    });
    expect(pool.vnet_subnet_id).toMatch(/^\$\{azurerm_subnet\..+\.id\}$/);
  });

  test.each([
    [1, ['1']],
    [2, ['1', '2']],
    [3, ['1', '2', '3']],
  ])('one node per zone over %i zone(s)', (zones, expected) => {
    const pool = theCluster(withCluster({ zones })).default_node_pool;
    expect(pool.zones).toEqual(expected);
    expect(pool.node_count).toBe(zones);
  });
});

describe('control-plane identity', () => {
  const identities = example.json.resource.azurerm_user_assigned_identity;
  const identityId = Object.keys(identities).find((id) => identities[id].name === 'id-orquesta-demo-control-plane');
  const assignments = example.json.resource.azurerm_role_assignment;
  const networkRoleId = Object.keys(assignments).find((id) => assignments[id].role_definition_name === 'Network Contributor');

  test('a user-assigned identity, not a system-assigned one', () => {
    expect(identityId).toBeDefined();
    expect(exampleCluster.identity).toEqual({
      type: 'UserAssigned',
      identity_ids: [`\${azurerm_user_assigned_identity.${identityId}.id}`],
    });
  });

  test('holds Network Contributor on the node subnet, assigned before the cluster is created', () => {
    const [subnetId] = Object.keys(example.json.resource.azurerm_subnet);
    expect(networkRoleId).toBeDefined();
    expect(assignments[networkRoleId!]).toEqual({
      scope: `\${azurerm_subnet.${subnetId}.id}`,
      role_definition_name: 'Network Contributor',
      principal_id: `\${azurerm_user_assigned_identity.${identityId}.principal_id}`,
      principal_type: 'ServicePrincipal',
    });
    expect(exampleCluster.depends_on).toEqual([`azurerm_role_assignment.${networkRoleId}`]);
  });
});

describe('maintenance windows', () => {
  test('automatic upgrades and node OS updates run in the default window: Sundays 02:00 UTC for 12 h', () => {
    const window = { frequency: 'Weekly', interval: 1, day_of_week: 'Sunday', start_time: '02:00', duration: 12, utc_offset: '+00:00' };
    expect(exampleCluster.maintenance_window_auto_upgrade).toEqual(window);
    expect(exampleCluster.maintenance_window_node_os).toEqual(window);
    expect(exampleCluster.node_os_upgrade_channel).toBe('NodeImage');
  });

  test.each([
    [{ dayOfWeek: 'saturday', startHourUtc: 22, durationHours: 11 }, 'Saturday', '22:00', 11],
    [{ dayOfWeek: 'wednesday', startHourUtc: 0, durationHours: 24 }, 'Wednesday', '00:00', 24],
  ] as const)('from spec.cluster.maintenanceWindow %j', (maintenanceWindow, day, start, duration) => {
    const cluster = theCluster(withCluster({ maintenanceWindow }));
    for (const window of [cluster.maintenance_window_auto_upgrade, cluster.maintenance_window_node_os]) {
      expect(window).toMatchObject({
        frequency: 'Weekly',
        interval: 1,
        day_of_week: day,
        start_time: start,
        duration,
        utc_offset: '+00:00',
      });
    }
  });
});

describe('system pool versions and rotation', () => {
  test('the system pool runs the cluster minor and rotates through a temporary pool', () => {
    expect(exampleCluster.default_node_pool.orchestrator_version).toBe(exampleCluster.kubernetes_version);
    expect(theCluster(withCluster({ kubernetesVersion: '1.34' })).default_node_pool.orchestrator_version).toBe('1.34');
    const temporary = exampleCluster.default_node_pool.temporary_name_for_rotation;
    expect(temporary).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(temporary).not.toBe(exampleCluster.default_node_pool.name);
  });

  test('host encryption on the system pool', () => {
    expect(exampleCluster.default_node_pool.host_encryption_enabled).toBe(true);
  });
});

describe('monitoring add-on', () => {
  test('Container insights with MSI auth into the stack Log Analytics workspace', () => {
    const [workspaceId] = Object.keys(example.json.resource.azurerm_log_analytics_workspace);
    expect(exampleCluster.oms_agent).toEqual({
      log_analytics_workspace_id: `\${azurerm_log_analytics_workspace.${workspaceId}.id}`,
      msi_auth_for_monitoring_enabled: true,
    });
  });
});

describe('application routing add-on', () => {
  test('on when the workload is exposed through an Ingress', () => {
    const spec = exampleSpec({ workload: { exposure: { type: 'ingress', host: 'api.example.com' } } });
    expect(theCluster(spec).web_app_routing).toEqual({ dns_zone_ids: [] });
  });
  test('off otherwise', () => {
    expect(exampleCluster.web_app_routing).toBeUndefined();
  });
});

describe('AksCluster networkPolicy option', () => {
  function clusterWith(networkPolicy: 'azure' | 'cilium' | undefined): Record<string, any> {
    const stack = new TerraformStack(Testing.app(), 'aks-construct');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const resourceGroup = new ResourceGroup(stack, 'ResourceGroup', { name: 'rg-c', location: 'westeurope' });
    const network = new AksNetwork(stack, 'Network', { name: 'c', resourceGroup });
    new AksCluster(stack, 'Cluster', {
      name: 'c',
      resourceGroup,
      network,
      identity: new AksClusterIdentity(stack, 'ClusterIdentity', { name: 'c', resourceGroup, network }),
      maintenanceWindow: { dayOfWeek: 'sunday', startHourUtc: 2, durationHours: 12 },
      kubernetesVersion: '1.35',
      tier: 'Free',
      upgradeChannel: 'patch',
      apiServerAuthorizedCidrs: ['198.51.100.0/24'],
      zones: ['1', '2', '3'],
      networkPolicy,
    });
    return resourcesOfType(synthTerraform(stack).json, 'azurerm_kubernetes_cluster')[0];
  }

  test.each([
    [undefined, 'cilium', 'cilium'],
    ['cilium', 'cilium', 'cilium'],
    ['azure', 'azure', 'azure'],
  ] as const)('%s -> network_policy %s on data plane %s', (option, policy, dataPlane) => {
    const profile = clusterWith(option).network_profile;
    expect([profile.network_policy, profile.network_data_plane, profile.network_plugin_mode]).toEqual([policy, dataPlane, 'overlay']);
  });

  test('an empty zone list is refused with the cluster name', () => {
    const stack = new TerraformStack(Testing.app(), 'aks-construct');
    const resourceGroup = new ResourceGroup(stack, 'ResourceGroup', { name: 'rg-c', location: 'westeurope' });
    const network = new AksNetwork(stack, 'Network', { name: 'c', resourceGroup });
    expect(
      () =>
        new AksCluster(stack, 'Cluster', {
          name: 'c',
          resourceGroup,
          network,
          identity: new AksClusterIdentity(stack, 'ClusterIdentity', { name: 'c', resourceGroup, network }),
          maintenanceWindow: { dayOfWeek: 'sunday', startHourUtc: 2, durationHours: 12 },
          kubernetesVersion: '1.35',
          tier: 'Free',
          upgradeChannel: 'patch',
          apiServerAuthorizedCidrs: [],
          zones: [],
        }),
    ).toThrow("'zones' ([]) must list at least one availability zone for cluster 'c'");
  });
});
