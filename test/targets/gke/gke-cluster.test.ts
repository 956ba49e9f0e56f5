import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { Testing } from 'cdktf';
import type { ClusterSpec } from '../../../src/spec/cluster-spec';
import { DEFAULT_API_ACCESS_CIDRS } from '../../../src/spec/defaults';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { GKE_MASTER_IPV4_CIDR } from '../../../src/targets/gke/gke-defaults';
import { GkeStack } from '../../../src/targets/gke/gke-stack';
import { TEST_NOW, exampleSpec, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthGke(spec: ResolvedAppSpec) {
  const stack = new GkeStack(Testing.app(), { spec, options: { now: TEST_NOW } });
  return synthTerraform(stack);
}

const example = synthGke(exampleSpec());
const [exampleCluster] = resourcesOfType(example.json, 'google_container_cluster');

function theCluster(spec: ResolvedAppSpec): Record<string, any> {
  const clusters = resourcesOfType(synthGke(spec).json, 'google_container_cluster');
  expect(clusters).toHaveLength(1);
  return clusters[0];
}

describe('control-plane location', () => {
  test.each<[string, Partial<ClusterSpec>, string, string[] | undefined, string]>([
    ['ha (default) -> regional', { controlPlane: 'ha' }, 'us-central1', ['us-central1-a', 'us-central1-b', 'us-central1-c'], '--region'],
    // A zonal cluster lists only the zones besides its own: the provider adds that one and
    // rejects a node_locations that already contains it.
    ['single -> zonal', { controlPlane: 'single' }, 'us-central1-a', ['us-central1-b', 'us-central1-c'], '--zone'],
    [
      'single with explicit regional',
      { controlPlane: 'single', gke: { locationType: 'regional' } },
      'us-central1',
      ['us-central1-a', 'us-central1-b', 'us-central1-c'],
      '--region',
    ],
    [
      'ha with explicit regional',
      { controlPlane: 'ha', gke: { locationType: 'regional' } },
      'us-central1',
      ['us-central1-a', 'us-central1-b', 'us-central1-c'],
      '--region',
    ],
    [
      'single with explicit zonal',
      { controlPlane: 'single', gke: { locationType: 'zonal' } },
      'us-central1-a',
      ['us-central1-b', 'us-central1-c'],
      '--zone',
    ],
    [
      'zonal in a region without zone a',
      { controlPlane: 'single', regions: { gcp: 'us-east1' } },
      'us-east1-b',
      ['us-east1-c', 'us-east1-d'],
      '--zone',
    ],
    ['zonal with one zone has no extra node locations', { controlPlane: 'single', zones: 1 }, 'us-central1-a', undefined, '--zone'],
  ])('%s', (_name, overrides, location, nodeLocations, flag) => {
    const { json } = synthGke(withCluster(overrides));
    const [cluster] = resourcesOfType(json, 'google_container_cluster');
    expect(cluster.location).toBe(location);
    expect(cluster.node_locations).toEqual(nodeLocations);
    expect(json.output.cluster_location.value).toBe(location);
    expect(json.output.kubeconfig_command.value).toBe(
      `gcloud container clusters get-credentials orquesta-demo ${flag} ${location} --project orquesta-orquesta-demo`,
    );
  });
});

describe('node locations follow the spec zone count', () => {
  test.each([
    [1, ['us-central1-a']],
    [2, ['us-central1-a', 'us-central1-b']],
    [3, ['us-central1-a', 'us-central1-b', 'us-central1-c']],
  ])('regional cluster over %i zone(s)', (zones, expected) => {
    const { json } = synthGke(withCluster({ zones }));
    expect(resourcesOfType(json, 'google_container_cluster')[0].node_locations).toEqual(expected);
    for (const pool of resourcesOfType(json, 'google_container_node_pool')) {
      expect(pool.node_locations).toEqual(expected);
    }
  });
});

test('the default node pool is removed: only separately managed pools hold nodes', () => {
  expect(example.text).toHaveResourceWithProperties(ContainerCluster, {
    remove_default_node_pool: true,
    initial_node_count: 1,
  });
  expect(exampleCluster.node_pool).toBeUndefined();
});

test('private nodes with a /28 master range, public endpoint kept for kubectl', () => {
  expect(exampleCluster.private_cluster_config).toEqual({
    enable_private_nodes: true,
    enable_private_endpoint: false,
    master_ipv4_cidr_block: GKE_MASTER_IPV4_CIDR,
  });
  expect(GKE_MASTER_IPV4_CIDR).toMatch(/\/28$/);
});

describe('master authorized networks', () => {
  test('by default admit only the documentation range, never 0.0.0.0/0, and not all of Google Cloud', () => {
    const config = exampleCluster.master_authorized_networks_config;
    const cidrs = config.cidr_blocks.map((b: { cidr_block: string }) => b.cidr_block);
    expect(cidrs).toEqual([...DEFAULT_API_ACCESS_CIDRS]);
    expect(cidrs).not.toContain('0.0.0.0/0');
    expect(config.gcp_public_cidrs_access_enabled).toBe(false);
  });

  test('come from spec.cluster.gke.masterAuthorizedCidrs', () => {
    const cidrs = ['198.51.100.0/24', '192.0.2.10/32'];
    const config = theCluster(withCluster({ gke: { masterAuthorizedCidrs: cidrs } })).master_authorized_networks_config;
    expect(config.cidr_blocks.map((b: { cidr_block: string }) => b.cidr_block)).toEqual(cidrs);
  });
});

test('VPC-native: the pod and service ranges are the subnetwork secondary ranges', () => {
  const cluster = exampleCluster;
  const [subnetwork] = resourcesOfType(example.json, 'google_compute_subnetwork');
  const rangeNames = subnetwork.secondary_ip_range.map((r: { range_name: string }) => r.range_name);
  expect(cluster.networking_mode).toBe('VPC_NATIVE');
  expect(rangeNames).toContain(cluster.ip_allocation_policy.cluster_secondary_range_name);
  expect(rangeNames).toContain(cluster.ip_allocation_policy.services_secondary_range_name);
  expect(cluster.ip_allocation_policy.cluster_secondary_range_name).not.toBe(cluster.ip_allocation_policy.services_secondary_range_name);
  expect(cluster.subnetwork).toMatch(/^\$\{google_compute_subnetwork\..+\.id\}$/);
  expect(cluster.network).toMatch(/^\$\{google_compute_network\..+\.id\}$/);
});

test('workload identity, Dataplane V2 (NetworkPolicy enforcement), shielded nodes, managed Prometheus', () => {
  expect(example.text).toHaveResourceWithProperties(ContainerCluster, {
    workload_identity_config: { workload_pool: 'orquesta-orquesta-demo.svc.id.goog' },
    datapath_provider: 'ADVANCED_DATAPATH',
    enable_shielded_nodes: true,
    monitoring_config: { managed_prometheus: { enabled: true } },
  });
  // Dataplane V2 enforces policy itself; the Calico add-on must not be turned on alongside it.
  expect(exampleCluster.network_policy).toBeUndefined();
});

test('the workload pool follows the project', () => {
  expect(theCluster(withCluster({ gke: { project: 'acme-prod-42' } })).workload_identity_config).toEqual({
    workload_pool: 'acme-prod-42.svc.id.goog',
  });
});

test.each(['RAPID', 'REGULAR', 'STABLE'] as const)('release channel %s comes from the spec', (channel) => {
  expect(theCluster(withCluster({ gke: { releaseChannel: channel } })).release_channel).toEqual({ channel });
});

test('min_master_version is the spec Kubernetes version', () => {
  expect(theCluster(withCluster({ kubernetesVersion: '1.34' })).min_master_version).toBe('1.34');
});

describe('deletion protection', () => {
  test('on for a cluster that is not a lab', () => {
    expect(exampleCluster.deletion_protection).toBe(true);
  });
  test('off for a lab, which is meant to be destroyed when it expires', () => {
    expect(theCluster(withCluster({ lab: { owner: 'ana', ttlHours: 4 } })).deletion_protection).toBe(false);
  });
});

describe('maintenance window', () => {
  test('the default: Sundays 02:00-14:00 UTC, a weekly RFC 5545 recurrence', () => {
    expect(exampleCluster.maintenance_policy).toEqual({
      recurring_window: { start_time: '2024-01-07T02:00:00Z', end_time: '2024-01-07T14:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SU' },
    });
  });

  test('from spec.cluster.maintenanceWindow, running past midnight into the next day', () => {
    const cluster = theCluster(withCluster({ maintenanceWindow: { dayOfWeek: 'saturday', startHourUtc: 20, durationHours: 11 } }));
    expect(cluster.maintenance_policy.recurring_window).toEqual({
      start_time: '2024-01-06T20:00:00Z',
      end_time: '2024-01-07T07:00:00Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=SA',
    });
  });
});
