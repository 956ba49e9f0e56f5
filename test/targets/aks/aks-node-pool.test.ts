import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Testing } from 'cdktf';
import type { SizeClassName } from '../../../src/spec/cluster-spec';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { ValidationError } from '../../../src/spec/validation-error';
import { aksPoolShape, aksUserPoolName, validateAksNodePools } from '../../../src/targets/aks/aks-node-pool';
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
  expect(examplePool.lifecycle.ignore_changes).toEqual(['node_count']);
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
  expect(pools.map((p) => [p.name.slice(0, -4), p.node_labels['orquesta.dev/pool'], p.vm_size])).toEqual([
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
        requirement:
          "must differ from cluster.nodePools[1].name on AKS once '-' is removed (both 'weba'): the AKS pool names would differ only in their hash suffix",
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

function poolFor(spec: ResolvedAppSpec): Record<string, any> {
  const pools = resourcesOfType(synthAks(spec).json, 'azurerm_kubernetes_cluster_node_pool');
  expect(pools).toHaveLength(1);
  return pools[0];
}

function withPool(overrides: Partial<ResolvedNodePoolSpec> = {}, cluster: Parameters<typeof withCluster>[0] = {}): ResolvedAppSpec {
  return withCluster({
    ...cluster,
    nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6, ...overrides }],
  });
}
type ResolvedNodePoolSpec = NonNullable<Parameters<typeof withCluster>[0]['nodePools']>[number];

describe('safe changes: a user pool AKS must rebuild is created before the old one is deleted', () => {
  test('create-before-destroy, with a name that is always a valid AKS pool name', () => {
    expect(examplePool.lifecycle.create_before_destroy).toBe(true);
    expect(examplePool.name).toMatch(/^apps[a-z0-9]{4}$/);
    expect(examplePool.name).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(examplePool.temporary_name_for_rotation).toBeUndefined();
  });

  // A change AKS cannot apply in place renames the pool, so Terraform plans a replacement that
  // create-before-destroy orders new-first; changes AKS applies in place keep the name.
  test.each<[string, Partial<ResolvedNodePoolSpec>, Parameters<typeof withCluster>[0], boolean]>([
    ['sizeClass medium -> large', { sizeClass: 'large' }, {}, true],
    ['capacity on-demand -> spot', { capacity: 'spot' }, {}, true],
    ['zones 3 -> 2', {}, { zones: 2 }, true],
    ['desiredNodes 3 -> 4', { desiredNodes: 4 }, {}, false],
    ['maxNodes 6 -> 9', { maxNodes: 9 }, {}, false],
    ['minNodes 3 -> 2', { minNodes: 2 }, {}, false],
    ['kubernetesVersion one minor up', {}, { kubernetesVersion: '1.36' }, false],
    ['maintenance window moved', {}, { maintenanceWindow: { dayOfWeek: 'saturday' } }, false],
  ])('%s -> renamed: %p', (_name, pool, cluster, renamed) => {
    const before = poolFor(withPool()).name;
    const after = poolFor(withPool(pool, cluster)).name;
    expect(after !== before).toBe(renamed);
    expect(after).toMatch(/^apps[a-z0-9]{4}$/);
  });

  test('the naming scheme itself is stable: changing the hash would replace every deployed user pool', () => {
    expect(examplePool.name).toBe('appsmy00');
  });

  test('the name is stable across syntheses and uses at most 8 characters of the spec name', () => {
    const spec = withPool({ name: 'webfrontend1' });
    expect(poolFor(spec).name).toBe(poolFor(spec).name);
    expect(poolFor(spec).name).toMatch(/^webfront[a-z0-9]{4}$/);
    expect(poolFor(spec).node_labels['orquesta.dev/pool']).toBe('webfrontend1');
  });

  test('pools whose spec names share the first 8 characters still get distinct names', () => {
    const zones = ['1', '2', '3'];
    const shapes = ['webfront-a', 'webfront-b'].map((name) =>
      aksUserPoolName(aksPoolShape({ name, sizeClass: 'medium', minNodes: 1, desiredNodes: 1, maxNodes: 2, capacity: 'on-demand' }, zones)),
    );
    expect(shapes[0]).not.toBe(shapes[1]);
  });

  test('pools follow the control-plane version (the cluster kubernetes_version), never another minor', () => {
    const [clusterId] = Object.keys(example.json.resource.azurerm_kubernetes_cluster);
    expect(examplePool.orchestrator_version).toBe(`\${azurerm_kubernetes_cluster.${clusterId}.kubernetes_version}`);
  });

  test('host encryption on every user pool', () => {
    expect(examplePool.host_encryption_enabled).toBe(true);
  });
});

describe('capacity', () => {
  test('on-demand: regular priority with surge upgrades, no Spot taint', () => {
    expect(examplePool.priority).toBeUndefined();
    expect(examplePool.node_taints).toBeUndefined();
    expect(examplePool.upgrade_settings).toEqual({ max_surge: '33%' });
  });

  test('spot: Spot priority, evicted VMs deleted, never evicted for price, the label and taint AKS adds, no max_surge', () => {
    const pool = poolFor(withPool({ capacity: 'spot' }));
    expect(pool).toMatchObject({
      priority: 'Spot',
      eviction_policy: 'Delete',
      spot_max_price: -1,
      node_taints: ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule'],
      node_labels: { 'orquesta.dev/pool': 'apps', 'kubernetes.azure.com/scalesetpriority': 'spot' },
    });
    // AKS rejects max surge on Spot pools ("Spot pools can't set max surge").
    expect(pool.upgrade_settings).toBeUndefined();
  });
});
