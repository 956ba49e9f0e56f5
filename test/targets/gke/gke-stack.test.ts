import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Testing } from 'cdktf';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import type { StackOptions } from '../../../src/targets/cluster-target';
import { commonTags } from '../../../src/targets/common/common-tags';
import { GkeStack } from '../../../src/targets/gke/gke-stack';
import { TEST_NOW, allResources, exampleSpec, resourceBinding, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthGke(spec: ResolvedAppSpec, options: Partial<StackOptions> = {}) {
  const stack = new GkeStack(Testing.app(), { spec, options: { now: TEST_NOW, ...options } });
  return { stack, ...synthTerraform(stack) };
}

const example = synthGke(exampleSpec());

test('the example creates project APIs, network, NAT, node identity, cluster, one pool and the workload identity', () => {
  const counts = Object.fromEntries(Object.entries(example.json.resource).map(([type, byId]) => [type, Object.keys(byId).length]));
  expect(counts).toEqual({
    google_compute_network: 1,
    google_compute_subnetwork: 1,
    google_compute_router: 1,
    google_compute_router_nat: 1,
    google_service_account: 2,
    google_project_iam_member: 5,
    google_project_service: 7,
    google_container_cluster: 1,
    google_container_node_pool: 1,
    google_service_account_iam_member: 1,
  });
  expect(example.stack.node.id).toBe('gke');
  expect(example.json.data).toBeUndefined();
});

test('the google provider targets the spec project and region', () => {
  const [provider] = example.json.provider.google;
  expect(provider.project).toBe('orquesta-orquesta-demo');
  expect(provider.region).toBe('us-central1');
});

describe('labels on every labelable resource', () => {
  test.each([
    ['not a lab', exampleSpec()],
    ['a lab', withCluster({ lab: { owner: 'ana', ttlHours: 4 } })],
  ])('%s', (_name, spec) => {
    const { json } = synthGke(spec);
    const labels = commonTags(spec, 'gke', TEST_NOW);
    // The provider's default_labels, keys exactly as written (cdktf would snake-case them if set
    // as a provider argument): they reach every resource with a top-level `labels` field.
    expect(json.provider.google[0].default_labels).toEqual(labels);

    let explicit = 0;
    for (const [type, id, config] of allResources(json)) {
      const binding = resourceBinding(type).prototype;
      if ('labels' in binding) {
        expect([type, id, config.labels]).toEqual([type, id, undefined]); // left to default_labels
      }
      if ('resourceLabels' in binding) {
        expect([type, id, config.resource_labels]).toEqual([type, id, expect.objectContaining(labels)]);
        explicit++;
      }
      if (type === 'google_container_node_pool') {
        // Node VM labels are a nested field default_labels does not reach.
        expect([type, id, config.node_config.resource_labels]).toEqual([type, id, expect.objectContaining(labels)]);
        explicit++;
      }
    }
    expect(explicit).toBe(2);
    if (spec.cluster.lab) {
      expect(labels).toMatchObject({ 'orquesta-owner': 'ana', 'orquesta-lab': 'true', 'orquesta-expires-at': '2026-11-22t14-00z' });
    }
  });
});

test('subnetwork: custom mode VPC, private Google access, secondary ranges for pods and services', () => {
  expect(example.text).toHaveResourceWithProperties(ComputeSubnetwork, {
    ip_cidr_range: '10.10.0.0/20',
    private_ip_google_access: true,
    region: 'us-central1',
    secondary_ip_range: [
      { range_name: 'pods', ip_cidr_range: '10.16.0.0/14' },
      { range_name: 'services', ip_cidr_range: '10.20.0.0/20' },
    ],
  });
  expect(resourcesOfType(example.json, 'google_compute_network')[0].auto_create_subnetworks).toBe(false);
});

test('subnetwork flow logs: sampled, 5 s aggregation, all metadata', () => {
  const [subnetwork] = resourcesOfType(example.json, 'google_compute_subnetwork');
  expect(subnetwork.log_config).toEqual({
    aggregation_interval: 'INTERVAL_5_SEC',
    flow_sampling: 0.5,
    metadata: 'INCLUDE_ALL_METADATA',
  });
  expect(subnetwork.log_config.flow_sampling).toBeGreaterThan(0);
  expect(subnetwork.log_config.flow_sampling).toBeLessThanOrEqual(1);
});

test.each(['per-zone', 'single'] as const)('one regional Cloud NAT for private nodes whatever natGateways says (%s)', (natGateways) => {
  const { json, text } = synthGke(withCluster({ natGateways }));
  expect(resourcesOfType(json, 'google_compute_router_nat')).toHaveLength(1);
  expect(text).toHaveResourceWithProperties(ComputeRouterNat, {
    nat_ip_allocate_option: 'AUTO_ONLY',
    source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS',
    subnetwork: [expect.objectContaining({ source_ip_ranges_to_nat: ['ALL_IP_RANGES'] })],
  });
});

describe('workload identity', () => {
  test('a Google service account named after the workload, impersonable by its Kubernetes ServiceAccount', () => {
    const accounts = example.json.resource.google_service_account;
    const gsaId = Object.keys(accounts).find((id) => accounts[id].account_id === 'web-api');
    expect(gsaId).toBeDefined();
    expect(example.text).toHaveResourceWithProperties(ServiceAccountIamMember, {
      role: 'roles/iam.workloadIdentityUser',
      // The workload's own namespace (spec.workload.namespace, default the workload name).
      member: 'serviceAccount:orquesta-orquesta-demo.svc.id.goog[web-api/web-api]',
      service_account_id: `\${google_service_account.${gsaId}.name}`,
    });
    expect(example.json.output.workload_identity_email.value).toBe(`\${google_service_account.${gsaId}.email}`);
  });

  test('the member follows spec.workload.namespace', () => {
    const { json } = synthGke(exampleSpec({ workload: { namespace: 'payments' } }));
    const [binding] = resourcesOfType(json, 'google_service_account_iam_member');
    expect(binding.member).toBe('serviceAccount:orquesta-orquesta-demo.svc.id.goog[payments/web-api]');
    expect(json.output.workload_identity_email.description).toContain('payments/web-api');
  });

  test('the binding waits for the cluster, whose creation makes the workload pool exist', () => {
    const [binding] = resourcesOfType(example.json, 'google_service_account_iam_member');
    const [clusterId] = Object.keys(example.json.resource.google_container_cluster);
    expect(binding.depends_on).toEqual([`google_container_cluster.${clusterId}`]);
  });

  test('a short workload name is padded to a valid service account id', () => {
    const { json } = synthGke(exampleSpec({ workload: { name: 'api' } }));
    const ids = resourcesOfType(json, 'google_service_account').map((a) => a.account_id);
    expect(ids).toContain('api-sa');
  });
});

test('outputs are named <resource>_<attribute> and all carry a description', () => {
  const outputs = example.json.output;
  expect(Object.keys(outputs).sort()).toEqual([
    'cluster_endpoint',
    'cluster_location',
    'cluster_name',
    'cluster_region',
    'kubeconfig_command',
    'workload_identity_email',
  ]);
  for (const [name, output] of Object.entries(outputs)) {
    expect([name, typeof output.description, (output.description ?? '').length > 10]).toEqual([name, 'string', true]);
  }
  const [clusterId] = Object.keys(example.json.resource.google_container_cluster);
  expect(outputs.cluster_endpoint.value).toBe(`\${google_container_cluster.${clusterId}.endpoint}`);
  expect(outputs.cluster_name.value).toBe(`\${google_container_cluster.${clusterId}.name}`);
  expect(outputs.cluster_region.value).toBe('us-central1');
});

test('the backend is explicit: local state outside cdktf.out by default, or what the options say', () => {
  expect(example.json.terraform.backend).toEqual({ local: { path: '../../../.orquesta/state/gke/terraform.tfstate' } });
  const { json } = synthGke(exampleSpec(), { backend: { type: 'gcs', bucket: 'tf-state', prefix: 'orquesta/gke' } });
  expect(json.terraform.backend).toEqual({ gcs: { bucket: 'tf-state', prefix: 'orquesta/gke' } });
});

test('construct ids are stable: the main resource of each construct is its default child', () => {
  expect(example.stack.cluster.node.defaultChild).toBe(example.stack.cluster.resource);
  expect(example.stack.nodePools[0].node.defaultChild).toBe(example.stack.nodePools[0].resource);
  expect(example.stack.network.node.defaultChild).toBe(example.stack.network.network);
});
