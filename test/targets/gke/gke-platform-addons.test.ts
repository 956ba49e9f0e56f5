import { Testing } from 'cdktf';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { GkeTarget } from '../../../src/targets/gke/gke-target';
import { TEST_NOW, exampleSpec, synthTerraform } from '../../util';

Testing.setupJest();

const target = new GkeTarget();

function addonsAndStack(spec: ResolvedAppSpec) {
  const { json } = synthTerraform(target.createStack(Testing.app(), spec, { now: TEST_NOW }));
  return { addons: target.platformAddons(spec, {}), json };
}

const { addons, json } = addonsAndStack(exampleSpec());
const byName = Object.fromEntries(addons.map((a) => [a.name, a]));

test('everything the workload depends on is listed, all provided by the cluster resource itself', () => {
  expect(Object.keys(byName).sort()).toEqual([
    'cluster-autoscaler',
    'compute-engine-persistent-disk-csi-driver',
    'dataplane-v2',
    'gke-load-balancing',
    'kube-dns',
    'logging-and-metrics-agents',
    'managed-prometheus',
    'metrics-server',
  ]);
  const [clusterId] = Object.keys(json.resource.google_container_cluster);
  for (const addon of addons) {
    expect([addon.name, addon.delivery, addon.delivery === 'terraform' ? addon.address : undefined]).toEqual([
      addon.name,
      'terraform',
      `google_container_cluster.${clusterId}`,
    ]);
    expect(addon.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(addon.source).toMatch(/^https:\/\/.+\(2026-11\)/);
  }
});

test('what the add-ons rely on is really configured on the cluster', () => {
  const [cluster] = Object.values(json.resource.google_container_cluster) as Record<string, any>[];
  expect(cluster.monitoring_config.managed_prometheus.enabled).toBe(true); // managed-prometheus
  expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH'); // dataplane-v2
  // The HTTP load balancing and PD CSI add-ons are GKE defaults: nothing may switch them off.
  expect(cluster.addons_config?.http_load_balancing?.disabled).not.toBe(true);
  expect(cluster.addons_config?.gce_persistent_disk_csi_driver_config?.enabled).not.toBe(false);
  // cluster-autoscaler: every pool has autoscaling bounds.
  for (const pool of Object.values(json.resource.google_container_node_pool) as Record<string, any>[]) {
    expect(pool.autoscaling.total_max_node_count).toBeGreaterThanOrEqual(pool.autoscaling.total_min_node_count);
  }
});

test.each([
  ['managed-prometheus', { perNode: { cpuMillicores: 5, memoryMiB: 35 }, replicas: { count: 1, cpuMillicores: 1, memoryMiB: 16 } }],
  ['compute-engine-persistent-disk-csi-driver', { perNode: { cpuMillicores: 10, memoryMiB: 20 } }],
  ['cluster-autoscaler', {}],
])('%s reserves %j', (name, footprint) => {
  expect(byName[name].footprint).toEqual(footprint);
});

test('footprints are whole, non-negative requests', () => {
  for (const addon of addons) {
    const { perNode, replicas } = addon.footprint;
    for (const value of [perNode?.cpuMillicores, perNode?.memoryMiB, replicas?.count, replicas?.cpuMillicores, replicas?.memoryMiB]) {
      if (value !== undefined) expect([addon.name, Number.isInteger(value) && value >= 0]).toEqual([addon.name, true]);
    }
  }
});

test('the listed minimum version follows the spec', () => {
  const spec = exampleSpec({ cluster: { kubernetesVersion: '1.34' } });
  expect(target.platformAddons(spec, {}).every((a) => a.version.includes('1.34') || a.name === 'managed-prometheus')).toBe(true);
});
