import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Testing } from 'cdktf';
import type { SizeClassName } from '../../../src/spec/cluster-spec';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { ValidationError } from '../../../src/spec/validation-error';
import { validateAksNodePools } from '../../../src/targets/aks/aks-node-pool';
import { AksStack } from '../../../src/targets/aks/aks-stack';
import { TEST_NOW, exampleSpec, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthAks(spec: ResolvedAppSpec) {
  return synthTerraform(new AksStack(Testing.app(), { spec, options: { now: TEST_NOW } }));
}

const example = synthAks(exampleSpec());
const [examplePool] = resourcesOfType(example.json, 'azurerm_kubernetes_cluster_node_pool');

test('a user pool autoscaled between the spec totals, starting at the desired count', () => {
  expect(examplePool).toMatchObject({
    name: 'apps',
    mode: 'User',
    auto_scaling_enabled: true,
    min_count: 3,
    max_count: 6,
    node_count: 3,
    max_pods: 110,
    os_disk_type: 'Managed',
    os_disk_size_gb: 128,
    upgrade_settings: { max_surge: '33%' },
    node_labels: { 'orquesta.dev/pool': 'apps' },
  });
  const [clusterId] = Object.keys(example.json.resource.azurerm_kubernetes_cluster);
  expect(examplePool.kubernetes_cluster_id).toBe(`\${azurerm_kubernetes_cluster.${clusterId}.id}`);
});

test('the autoscaler owns node_count after creation', () => {
  expect(examplePool.lifecycle).toEqual({ ignore_changes: ['node_count'] });
});

test.each([
  [1, ['1']],
  [2, ['1', '2']],
  [3, ['1', '2', '3']],
])('user pool spans %i zone(s) like the system pool', (zones, expected) => {
  const { json } = synthAks(withCluster({ zones }));
  expect(resourcesOfType(json, 'azurerm_kubernetes_cluster_node_pool')[0].zones).toEqual(expected);
  expect(resourcesOfType(json, 'azurerm_kubernetes_cluster')[0].default_node_pool.zones).toEqual(expected);
});

test.each<[SizeClassName, string]>([
  ['small', 'Standard_B2s'],
  ['medium', 'Standard_D2s_v5'],
  ['large', 'Standard_D4s_v5'],
])('size class %s -> vm_size %s', (sizeClass, vmSize) => {
  const { text } = synthAks(withCluster({ nodePools: [{ name: 'apps', sizeClass, minNodes: 1, desiredNodes: 1, maxNodes: 2 }] }));
  expect(text).toHaveResourceWithProperties(KubernetesClusterNodePool, { vm_size: vmSize, mode: 'User' });
});

test("spec pool names lose '-' on AKS; the node label keeps the spec name", () => {
  const { json } = synthAks(
    withCluster({
      nodePools: [
        { name: 'web-tier', sizeClass: 'medium', minNodes: 1, desiredNodes: 2, maxNodes: 3 },
        { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 2 },
      ],
    }),
  );
  const pools = resourcesOfType(json, 'azurerm_kubernetes_cluster_node_pool');
  expect(pools.map((p) => [p.name, p.node_labels['orquesta.dev/pool'], p.vm_size])).toEqual([
    ['batch', 'batch', 'Standard_D4s_v5'],
    ['webtier', 'web-tier', 'Standard_D2s_v5'],
  ]);
});

describe('validateAksNodePools', () => {
  test('accepts the example', () => {
    expect(validateAksNodePools(exampleSpec())).toEqual([]);
  });

  test('reports every pool AKS cannot name, with its path', () => {
    const spec = withCluster({
      nodePools: [
        { name: 'system', sizeClass: 'medium', minNodes: 1, desiredNodes: 1, maxNodes: 2 },
        { name: 'web-a', sizeClass: 'medium', minNodes: 1, desiredNodes: 1, maxNodes: 2 },
        { name: 'weba', sizeClass: 'medium', minNodes: 1, desiredNodes: 1, maxNodes: 2 },
      ],
    });
    expect(validateAksNodePools(spec)).toEqual([
      {
        path: 'cluster.nodePools[0].name',
        value: 'system',
        requirement: "must not be 'system' on AKS: that is the system pool orquesta creates",
      },
      {
        path: 'cluster.nodePools[2].name',
        value: 'weba',
        requirement: "must differ from cluster.nodePools[1].name on AKS, where both become 'weba' once '-' is removed",
      },
    ]);
  });

  test('the stack refuses to synthesize such a spec and lists the problems', () => {
    const spec = withCluster({ nodePools: [{ name: 'system', sizeClass: 'medium', minNodes: 1, desiredNodes: 1, maxNodes: 2 }] });
    expect(() => new AksStack(Testing.app(), { spec, options: { now: TEST_NOW } })).toThrow(ValidationError);
    expect(() => new AksStack(Testing.app(), { spec, options: { now: TEST_NOW } })).toThrow(
      'cluster.nodePools[0].name ("system") must not be \'system\' on AKS',
    );
  });
});
