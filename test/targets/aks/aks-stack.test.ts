import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Testing } from 'cdktf';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import type { StackOptions } from '../../../src/targets/cluster-target';
import { AksStack } from '../../../src/targets/aks/aks-stack';
import { commonTags } from '../../../src/targets/common/common-tags';
import { TEST_NOW, allResources, exampleSpec, resourceBinding, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthAks(spec: ResolvedAppSpec, options: Partial<StackOptions> = {}) {
  const stack = new AksStack(Testing.app(), { spec, options: { now: TEST_NOW, ...options } });
  return { stack, ...synthTerraform(stack) };
}

const example = synthAks(exampleSpec());

test('the example creates resource group, network, identities, logs, cluster, admin role, one user pool and managed Prometheus', () => {
  const counts = Object.fromEntries(Object.entries(example.json.resource).map(([type, byId]) => [type, Object.keys(byId).length]));
  expect(counts).toEqual({
    azurerm_resource_group: 1,
    azurerm_virtual_network: 1,
    azurerm_subnet: 1,
    azurerm_kubernetes_cluster: 1,
    // Network Contributor for the control plane; RBAC Cluster Admin for the deployer
    azurerm_role_assignment: 2,
    azurerm_kubernetes_cluster_node_pool: 1,
    // control plane and workload
    azurerm_user_assigned_identity: 2,
    azurerm_federated_identity_credential: 1,
    azurerm_log_analytics_workspace: 1,
    azurerm_monitor_diagnostic_setting: 1,
    azurerm_monitor_workspace: 1,
    azurerm_monitor_data_collection_endpoint: 1,
    // managed Prometheus and Container insights
    azurerm_monitor_data_collection_rule: 2,
    azurerm_monitor_data_collection_rule_association: 2,
  });
  expect(example.stack.node.id).toBe('aks');
  // Only the deployer's identity is read; nothing else is looked up at plan time.
  expect(Object.keys(example.json.data)).toEqual(['azurerm_client_config']);
});

test('resource group rg-<cluster> in the spec region; provider registers nothing', () => {
  expect(example.text).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-orquesta-demo', location: 'eastus' });
  expect(example.json.provider.azurerm).toEqual([{ features: [{}], resource_provider_registrations: 'none' }]);
});

describe('tags on every taggable resource', () => {
  test.each([
    ['not a lab', exampleSpec()],
    ['a lab', withCluster({ lab: { owner: 'ana', ttlHours: 4 } })],
    [
      'two pools',
      withCluster({
        nodePools: [
          { name: 'apps', sizeClass: 'medium', minNodes: 1, desiredNodes: 2, maxNodes: 3 },
          { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 2 },
        ],
      }),
    ],
  ])('%s', (_name, spec) => {
    const { json } = synthAks(spec);
    const tags = commonTags(spec, 'aks', TEST_NOW);
    let tagged = 0;
    for (const [type, id, config] of allResources(json)) {
      // Whether a type is taggable comes from the provider binding, not from the code under test.
      if ('tags' in resourceBinding(type).prototype) {
        expect([type, id, config.tags]).toEqual([type, id, tags]);
        tagged++;
      } else {
        expect([type, id, config.tags]).toEqual([type, id, undefined]);
      }
    }
    // resource group, VNet, cluster, user pool(s), two managed identities, the Log Analytics
    // workspace and Container insights rule, and the managed Prometheus workspace, endpoint and rule
    expect(tagged).toBe(7 + spec.cluster.nodePools.length + 3);
    // The system pool's scale set: a nested tags map the aspect does not reach.
    expect(resourcesOfType(json, 'azurerm_kubernetes_cluster')[0].default_node_pool.tags).toEqual(tags);
  });
});

describe('workload identity', () => {
  test('a managed identity trusting the cluster OIDC issuer for the workload ServiceAccount', () => {
    const identities = example.json.resource.azurerm_user_assigned_identity;
    const identityId = Object.keys(identities).find((id) => identities[id].name === 'id-web-api');
    const [clusterId] = Object.keys(example.json.resource.azurerm_kubernetes_cluster);
    expect(identityId).toBeDefined();
    expect(example.text).toHaveResourceWithProperties(FederatedIdentityCredential, {
      issuer: `\${azurerm_kubernetes_cluster.${clusterId}.oidc_issuer_url}`,
      // The workload's own namespace (spec.workload.namespace, default the workload name).
      subject: 'system:serviceaccount:web-api:web-api',
      audience: ['api://AzureADTokenExchange'],
      parent_id: `\${azurerm_user_assigned_identity.${identityId}.id}`,
    });
    expect(example.json.output.workload_identity_client_id.value).toBe(`\${azurerm_user_assigned_identity.${identityId}.client_id}`);
  });
});

test('the federated subject follows spec.workload.namespace', () => {
  const { json } = synthAks(exampleSpec({ workload: { namespace: 'payments' } }));
  expect(resourcesOfType(json, 'azurerm_federated_identity_credential')[0].subject).toBe('system:serviceaccount:payments:web-api');
  expect(json.output.workload_identity_client_id.description).toContain('payments/web-api');
});

describe('managed Prometheus', () => {
  test('collects what the cluster agent scrapes into an Azure Monitor workspace', () => {
    const [clusterId] = Object.keys(example.json.resource.azurerm_kubernetes_cluster);
    const [workspaceId] = Object.keys(example.json.resource.azurerm_monitor_workspace);
    const rules = example.json.resource.azurerm_monitor_data_collection_rule;
    const ruleId = Object.keys(rules).find((id) => rules[id].destinations.monitor_account !== undefined)!;
    const rule = rules[ruleId];
    expect(resourcesOfType(example.json, 'azurerm_kubernetes_cluster')[0].monitor_metrics).toEqual({});
    expect(rule.destinations.monitor_account).toEqual([
      { monitor_account_id: `\${azurerm_monitor_workspace.${workspaceId}.id}`, name: rule.data_flow[0].destinations[0] },
    ]);
    expect(rule.data_flow[0].streams).toEqual(['Microsoft-PrometheusMetrics']);
    expect(rule.data_sources.prometheus_forwarder[0].streams).toEqual(['Microsoft-PrometheusMetrics']);
    expect(resourcesOfType(example.json, 'azurerm_monitor_data_collection_rule_association')).toContainEqual(
      expect.objectContaining({
        target_resource_id: `\${azurerm_kubernetes_cluster.${clusterId}.id}`,
        data_collection_rule_id: `\${azurerm_monitor_data_collection_rule.${ruleId}.id}`,
      }),
    );
  });

  test('absent when the workload exposes no Prometheus metrics', () => {
    const { json } = synthAks(exampleSpec({ workload: { monitoring: { type: 'none' } } }));
    // What remains is the audit/log pipeline, which does not depend on the workload's metrics.
    expect(
      Object.keys(json.resource)
        .filter((t) => t.startsWith('azurerm_monitor_'))
        .sort(),
    ).toEqual([
      'azurerm_monitor_data_collection_rule',
      'azurerm_monitor_data_collection_rule_association',
      'azurerm_monitor_diagnostic_setting',
    ]);
    expect(resourcesOfType(json, 'azurerm_monitor_data_collection_rule')[0].destinations.monitor_account).toBeUndefined();
    expect(resourcesOfType(json, 'azurerm_kubernetes_cluster')[0].monitor_metrics).toBeUndefined();
  });
});

test('outputs are named <resource>_<attribute> and all carry a description', () => {
  const outputs = example.json.output;
  expect(Object.keys(outputs).sort()).toEqual([
    'cluster_endpoint',
    'cluster_name',
    'cluster_region',
    'kubeconfig_command',
    'resource_group_name',
    'workload_identity_client_id',
  ]);
  for (const [name, output] of Object.entries(outputs)) {
    expect([name, typeof output.description, (output.description ?? '').length > 10]).toEqual([name, 'string', true]);
  }
  const [clusterId] = Object.keys(example.json.resource.azurerm_kubernetes_cluster);
  expect(outputs.cluster_endpoint.value).toBe(`\${azurerm_kubernetes_cluster.${clusterId}.fqdn}`);
  expect(outputs.kubeconfig_command.value).toBe(
    'az aks get-credentials --resource-group rg-orquesta-demo --name orquesta-demo && kubelogin convert-kubeconfig -l azurecli',
  );
});

test('the backend is explicit: local state by default, azurerm when asked', () => {
  expect(example.json.terraform.backend).toEqual({ local: { path: '../../../.orquesta/state/aks/terraform.tfstate' } });
  const backend = {
    type: 'azurerm',
    resourceGroupName: 'rg-tf',
    storageAccountName: 'sttf',
    containerName: 'state',
    key: 'aks.tfstate',
  } as const;
  expect(synthAks(exampleSpec(), { backend }).json.terraform.backend).toEqual({
    azurerm: { resource_group_name: 'rg-tf', storage_account_name: 'sttf', container_name: 'state', key: 'aks.tfstate' },
  });
});

test('construct ids are stable: the main resource of each construct is its default child', () => {
  expect(example.stack.cluster.node.defaultChild).toBe(example.stack.cluster.resource);
  expect(example.stack.nodePools[0].node.defaultChild).toBe(example.stack.nodePools[0].resource);
  expect(example.stack.workloadIdentity.node.defaultChild).toBe(example.stack.workloadIdentity.identity);
});
