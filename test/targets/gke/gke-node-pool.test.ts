import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Testing } from 'cdktf';
import type { SizeClassName } from '../../../src/spec/cluster-spec';
import type { ResolvedAppSpec, ResolvedNodePool } from '../../../src/spec/resolved-spec';
import { GKE_NODE_SERVICE_ACCOUNT_ROLES } from '../../../src/targets/gke/gke-defaults';
import { gkePoolNamePrefix, gkePoolSizing } from '../../../src/targets/gke/gke-node-pool';
import { GkeStack } from '../../../src/targets/gke/gke-stack';
import { TEST_NOW, exampleSpec, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthGke(spec: ResolvedAppSpec) {
  return synthTerraform(new GkeStack(Testing.app(), { spec, options: { now: TEST_NOW } }));
}

const example = synthGke(exampleSpec());
const [examplePool] = resourcesOfType(example.json, 'google_container_node_pool');

function pool(overrides: Partial<ResolvedNodePool>): ResolvedNodePool {
  return { name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6, capacity: 'on-demand', ...overrides };
}

describe('gkePoolSizing: spec totals -> GKE per-zone initial count and total autoscaling bounds', () => {
  test.each([
    // [min, desired, max, zones] -> [initial per zone, total min, total max]
    [3, 3, 6, 3, 1, 3, 6],
    [3, 4, 6, 3, 2, 3, 6],
    [2, 3, 6, 2, 2, 2, 6],
    [1, 1, 3, 1, 1, 1, 3],
    [0, 5, 9, 3, 2, 0, 9],
  ])('min %i desired %i max %i over %i zones', (minNodes, desiredNodes, maxNodes, zones, perZone, totalMin, totalMax) => {
    expect(gkePoolSizing(pool({ minNodes, desiredNodes, maxNodes }), zones)).toEqual({
      initialNodeCountPerZone: perZone,
      totalMinNodeCount: totalMin,
      totalMaxNodeCount: totalMax,
    });
  });

  test('the pool never starts below the desired total', () => {
    for (const zones of [1, 2, 3]) {
      for (let desired = 1; desired <= 10; desired++) {
        expect(gkePoolSizing(pool({ desiredNodes: desired }), zones).initialNodeCountPerZone * zones).toBeGreaterThanOrEqual(desired);
      }
    }
  });
});

test('autoscaling uses total (not per-zone) bounds, balanced across zones', () => {
  expect(examplePool.autoscaling).toEqual({ total_min_node_count: 3, total_max_node_count: 6, location_policy: 'BALANCED' });
  expect(examplePool.autoscaling.min_node_count).toBeUndefined();
  expect(examplePool.autoscaling.max_node_count).toBeUndefined();
  // 3 desired over 3 zones: one per zone at creation; node_count is left to the autoscaler.
  expect(examplePool.initial_node_count).toBe(1);
  expect(examplePool.node_count).toBeUndefined();
});

test.each<[SizeClassName, string]>([
  ['small', 'e2-medium'],
  ['medium', 'e2-standard-2'],
  ['large', 'e2-standard-4'],
])('size class %s -> machine type %s', (sizeClass, machineType) => {
  const { text } = synthGke(withCluster({ nodePools: [{ name: 'apps', sizeClass, minNodes: 1, desiredNodes: 2, maxNodes: 3 }] }));
  expect(text).toHaveResourceWithProperties(ContainerNodePool, { node_config: expect.objectContaining({ machine_type: machineType }) });
});

test('auto-repair, auto-upgrade and surge upgrades without taking a node away first', () => {
  expect(examplePool.management).toEqual({ auto_repair: true, auto_upgrade: true });
  expect(examplePool.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 });
});

test('nodes: GKE metadata server, shielded VM, pd-balanced, dedicated service account with the cloud-platform scope', () => {
  expect(example.text).toHaveResourceWithProperties(ContainerNodePool, {
    node_config: expect.objectContaining({
      workload_metadata_config: { mode: 'GKE_METADATA' },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      disk_type: 'pd-balanced',
      disk_size_gb: 100,
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
    }),
  });
  const accounts = example.json.resource.google_service_account;
  const nodeAccountId = Object.keys(accounts).find((id) => accounts[id].account_id === 'orquesta-demo-nodes');
  expect(nodeAccountId).toBeDefined();
  expect(examplePool.node_config.service_account).toBe(`\${google_service_account.${nodeAccountId}.email}`);
});

test('the node service account has exactly the least-privilege roles', () => {
  const bindings = resourcesOfType(example.json, 'google_project_iam_member');
  expect(bindings.map((b) => b.role).sort()).toEqual([...GKE_NODE_SERVICE_ACCOUNT_ROLES].sort());
  expect(bindings.map((b) => b.role)).not.toContain('roles/editor');
  for (const binding of bindings) {
    expect(binding.project).toBe('orquesta-orquesta-demo');
    expect(binding.member).toMatch(/^\$\{google_service_account\..+\.member\}$/);
  }
});

test('Kubernetes label orquesta.dev/pool and GCE labels on the node VMs', () => {
  expect(examplePool.node_config.labels).toEqual({ 'orquesta.dev/pool': 'apps' });
  expect(examplePool.node_config.resource_labels).toMatchObject({ 'orquesta-pool': 'apps', 'orquesta-cluster': 'orquesta-demo' });
});

test('one node pool per spec pool, each in the cluster location', () => {
  const { json } = synthGke(
    withCluster({
      controlPlane: 'single',
      nodePools: [
        { name: 'apps', sizeClass: 'medium', minNodes: 2, desiredNodes: 2, maxNodes: 4 },
        { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 3 },
      ],
    }),
  );
  const pools = resourcesOfType(json, 'google_container_node_pool');
  expect(pools.map((p) => [p.name_prefix, p.node_config.machine_type, p.location, p.autoscaling.total_max_node_count])).toEqual([
    ['apps-', 'e2-standard-2', 'us-central1-a', 4],
    ['batch-', 'e2-standard-4', 'us-central1-a', 3],
  ]);
  const [cluster] = Object.keys(json.resource.google_container_cluster);
  for (const p of pools) expect(p.cluster).toBe(`\${google_container_cluster.${cluster}.id}`);
});

describe('safe changes: a replaced pool exists before the old one is deleted', () => {
  test('a name prefix (the provider adds a unique suffix) and create-before-destroy', () => {
    expect(examplePool.name).toBeUndefined();
    expect(examplePool.name_prefix).toBe('apps-');
    expect(examplePool.lifecycle.create_before_destroy).toBe(true);
  });

  test('the starting size is ignored after creation: the autoscaler owns it, and a change would replace the pool', () => {
    expect(examplePool.lifecycle.ignore_changes).toEqual(['initial_node_count', 'node_count']);
  });

  // GKE semantics: initial_node_count is PER ZONE of node_locations; total_min/total_max are
  // whole-pool totals. Per-zone min/max are never set (they would multiply by the zone count).
  test.each([
    [{ zones: 3 }, { minNodes: 3, desiredNodes: 3, maxNodes: 6 }, 1, 3, 6],
    [{ zones: 2 }, { minNodes: 2, desiredNodes: 3, maxNodes: 5 }, 2, 2, 5],
    [{ zones: 1 }, { minNodes: 1, desiredNodes: 4, maxNodes: 8 }, 4, 1, 8],
  ])('%j %j -> %i per zone, totals %i..%i', (cluster, counts, perZone, totalMin, totalMax) => {
    const { json } = synthGke(withCluster({ ...cluster, nodePools: [{ name: 'apps', sizeClass: 'medium', ...counts }] }));
    const [pool] = resourcesOfType(json, 'google_container_node_pool');
    expect(pool.initial_node_count).toBe(perZone);
    expect(pool.node_locations).toHaveLength(cluster.zones);
    expect(pool.autoscaling).toEqual({ total_min_node_count: totalMin, total_max_node_count: totalMax, location_policy: 'BALANCED' });
  });

  test('no node version is pinned: the release channel upgrades nodes after the control plane', () => {
    expect(examplePool.version).toBeUndefined();
    expect(examplePool.management.auto_upgrade).toBe(true);
  });

  test('the longest spec pool name still fits GKE once the 26-character suffix is added', () => {
    const prefix = gkePoolNamePrefix('abcdefghijkl');
    expect(prefix.length + 26).toBeLessThanOrEqual(40);
    expect(() => gkePoolNamePrefix('a-name-of-fourteen')).toThrow(
      "node pool name 'a-name-of-fourteen' is too long for GKE: 'a-name-of-fourteen-' plus Terraform's 26-character suffix exceeds 40 characters",
    );
  });
});

describe('capacity', () => {
  test.each([
    ['spot', true],
    ['on-demand', undefined],
  ] as const)('%s -> node_config.spot %p', (capacity, spot) => {
    const { json } = synthGke(
      withCluster({ nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 1, desiredNodes: 2, maxNodes: 3, capacity }] }),
    );
    const [pool] = resourcesOfType(json, 'google_container_node_pool');
    expect(pool.node_config.spot).toBe(spot);
    // GKE adds no taint to Spot nodes; orquesta adds none either.
    expect(pool.node_config.taint).toBeUndefined();
  });
});
