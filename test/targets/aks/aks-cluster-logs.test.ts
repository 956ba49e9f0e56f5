import { Testing } from 'cdktf';
import { AksStack } from '../../../src/targets/aks/aks-stack';
import { TEST_NOW, exampleSpec, resourcesOfType, synthTerraform } from '../../util';

Testing.setupJest();

const { json } = synthTerraform(new AksStack(Testing.app(), { spec: exampleSpec(), options: { now: TEST_NOW } }));
const [clusterId] = Object.keys(json.resource.azurerm_kubernetes_cluster);
const [workspaceId] = Object.keys(json.resource.azurerm_log_analytics_workspace);
const workspaceRef = `\${azurerm_log_analytics_workspace.${workspaceId}.id}`;
const clusterRef = `\${azurerm_kubernetes_cluster.${clusterId}.id}`;

test('a pay-as-you-go Log Analytics workspace with 30 days retention and Entra-only ingestion', () => {
  expect(resourcesOfType(json, 'azurerm_log_analytics_workspace')).toEqual([
    expect.objectContaining({
      name: 'log-orquesta-demo',
      sku: 'PerGB2018',
      retention_in_days: 30,
      local_authentication_enabled: false,
    }),
  ]);
});

test('the control-plane diagnostic setting ships kube-audit-admin and guard to resource-specific tables', () => {
  expect(resourcesOfType(json, 'azurerm_monitor_diagnostic_setting')).toEqual([
    {
      name: 'diag-orquesta-demo-control-plane',
      target_resource_id: clusterRef,
      log_analytics_workspace_id: workspaceRef,
      log_analytics_destination_type: 'Dedicated',
      enabled_log: [{ category: 'kube-audit-admin' }, { category: 'guard' }],
    },
  ]);
});

describe('Container insights', () => {
  const rules = json.resource.azurerm_monitor_data_collection_rule;
  const ruleId = Object.keys(rules).find((id) => rules[id].destinations.log_analytics !== undefined)!;
  const rule = rules[ruleId];

  test('the data collection rule the MSI-auth agent reads: ContainerInsights extension into the workspace', () => {
    expect(rule.destinations.log_analytics).toEqual([{ name: rule.data_flow[0].destinations[0], workspace_resource_id: workspaceRef }]);
    const streams = ['Microsoft-ContainerLogV2', 'Microsoft-KubeEvents', 'Microsoft-KubePodInventory'];
    expect(rule.data_flow).toEqual([{ streams, destinations: [rule.destinations.log_analytics[0].name] }]);
    const [extension] = rule.data_sources.extension;
    expect(extension).toMatchObject({ extension_name: 'ContainerInsights', streams });
    expect(JSON.parse(extension.extension_json)).toEqual({
      dataCollectionSettings: { interval: '1m', namespaceFilteringMode: 'Off', enableContainerLogV2: true },
    });
  });

  test('is associated with the cluster', () => {
    expect(resourcesOfType(json, 'azurerm_monitor_data_collection_rule_association')).toContainEqual(
      expect.objectContaining({
        target_resource_id: clusterRef,
        data_collection_rule_id: `\${azurerm_monitor_data_collection_rule.${ruleId}.id}`,
      }),
    );
  });
});
