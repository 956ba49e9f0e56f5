import { extractAws } from '../../../src/analysis/inventory/extract-aws';
import { extractAzure } from '../../../src/analysis/inventory/extract-azure';
import { extractGcp } from '../../../src/analysis/inventory/extract-gcp';
import { TfIndex, type TfJson } from '../../../src/analysis/inventory/terraform-json';
import { workloadFromManifests, workloadImage, type ManifestObject } from '../../../src/analysis/inventory/workload-from-manifests';

/** Hand-written stacks: attribute semantics, independent of how today's stacks set them. */
function gke(pool: Record<string, unknown>): TfJson {
  return {
    provider: { google: [{ project: 'p', region: 'us-central1' }] },
    resource: {
      google_container_cluster: { c: { location: 'us-central1', node_locations: ['us-central1-a', 'us-central1-b', 'us-central1-c'] } },
      google_container_node_pool: { apps: { name_prefix: 'apps-', node_config: { machine_type: 'e2-standard-2' }, ...pool } },
    },
  };
}

describe('GKE node counts follow GKE semantics (per zone unless total_*)', () => {
  test.each([
    ['node_count is per zone', { node_count: 2 }, [6, 6, 6]],
    ['initial_node_count is per zone', { initial_node_count: 1 }, [3, 3, 3]],
    ['node_count wins over initial_node_count', { initial_node_count: 2, node_count: 1 }, [3, 3, 3]],
    ['autoscaling min/max are per zone', { initial_node_count: 1, autoscaling: { min_node_count: 1, max_node_count: 2 } }, [3, 3, 6]],
    [
      'total_min/total_max are totals',
      { initial_node_count: 1, autoscaling: { total_min_node_count: 2, total_max_node_count: 5 } },
      [2, 3, 5],
    ],
    [
      'node_locations of the pool override the cluster',
      {
        node_count: 2,
        node_locations: ['us-central1-a', 'us-central1-b'],
        autoscaling: { total_min_node_count: 4, total_max_node_count: 8 },
      },
      [4, 4, 8],
    ],
  ] as const)('%s', (_name, pool, [min, desired, max]) => {
    const [group] = extractGcp(new TfIndex(gke(pool))).nodeGroups;
    expect([group.minNodes, group.desiredNodes, group.maxNodes]).toEqual([min, desired, max]);
  });

  test.each([
    [{ spot: true }, 'spot'],
    [{ preemptible: true }, 'spot'],
    [{}, 'on-demand'],
  ] as const)('capacity from node_config %j', (config, capacity) => {
    const json = gke({ node_count: 1, node_config: { machine_type: 'e2-standard-2', ...config } });
    expect(extractGcp(new TfIndex(json)).nodeGroups[0].capacity).toBe(capacity);
  });

  test('no Cloud NAT for private nodes: no egress path', () => {
    const json = gke({ node_count: 1 });
    (json.resource!.google_container_cluster.c as Record<string, unknown>).private_cluster_config = { enable_private_nodes: true };
    expect(extractGcp(new TfIndex(json)).network.egress.kind).toBe('none');
  });
});

/** A minimal AWS VPC: private subnets per zone, routes to NAT gateways as `routes` says. */
function awsStack(routes: Record<string, string>, extra: Record<string, Record<string, Record<string, unknown>>> = {}): TfJson {
  const zones = Object.keys(routes);
  const subnet = (z: string) => ({ availability_zone: z });
  const resource: Record<string, Record<string, Record<string, unknown>>> = {
    aws_eks_cluster: { c: { version: '1.35', vpc_config: { endpoint_private_access: false } } },
    aws_subnet: Object.fromEntries(
      zones.flatMap((z) => [
        [`private_${z}`, subnet(z)],
        [`public_${z}`, subnet(z)],
      ]),
    ),
    aws_nat_gateway: Object.fromEntries(
      [...new Set(Object.values(routes))].map((z) => [`nat_${z}`, { subnet_id: `\${aws_subnet.public_${z}.id}` }]),
    ),
    aws_route_table: Object.fromEntries(zones.map((z) => [`private_${z}`, {}])),
    aws_route: Object.fromEntries(
      zones.map((z) => [
        `default_${z}`,
        {
          route_table_id: `\${aws_route_table.private_${z}.id}`,
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: `\${aws_nat_gateway.nat_${routes[z]}.id}`,
        },
      ]),
    ),
    aws_route_table_association: Object.fromEntries(
      zones.map((z) => [
        `private_${z}`,
        { route_table_id: `\${aws_route_table.private_${z}.id}`, subnet_id: `\${aws_subnet.private_${z}.id}` },
      ]),
    ),
    ...extra,
  };
  return { provider: { aws: [{ region: 'us-east-1' }] }, resource };
}

describe('AWS network paths from routes and endpoints', () => {
  test.each([
    ['NAT per zone', { 'us-east-1a': 'us-east-1a', 'us-east-1b': 'us-east-1b' }, 'per-zone-nat', ['us-east-1a', 'us-east-1b']],
    ['one NAT for all zones', { 'us-east-1a': 'us-east-1b', 'us-east-1b': 'us-east-1b' }, 'single-nat', ['us-east-1b']],
  ] as const)('%s', (_name, routes, kind, zones) => {
    const { network } = extractAws(new TfIndex(awsStack(routes)));
    expect(network.egress).toMatchObject({ kind, zones, natZoneByZone: routes });
    // The EKS endpoint without private access: kubelets go out through the NAT.
    expect(network.apiPathForNodes).toBe('via-egress');
  });

  test('ECR behind interface endpoints (with the S3 gateway) needs no egress', () => {
    const endpoint = (service: string, type: string) => ({ service_name: `com.amazonaws.us-east-1.${service}`, vpc_endpoint_type: type });
    const stack = awsStack(
      { 'us-east-1a': 'us-east-1a' },
      {
        aws_vpc_endpoint: { api: endpoint('ecr.api', 'Interface'), dkr: endpoint('ecr.dkr', 'Interface'), s3: endpoint('s3', 'Gateway') },
      },
    );
    expect(extractAws(new TfIndex(stack)).network.privateRegistryHosts).toEqual(['.dkr.ecr.us-east-1.amazonaws.com']);
  });

  test.each([
    [{ on_demand_base_capacity: 0, on_demand_percentage_above_base_capacity: 0 }, undefined, 'spot'],
    [{ on_demand_base_capacity: 1, on_demand_percentage_above_base_capacity: 0 }, undefined, 'on-demand'],
    [{}, undefined, 'on-demand'],
    [undefined, { market_type: 'spot' }, 'spot'],
  ] as const)('kops worker ASG, instances distribution %j, market options %j: %s', (distribution, market, capacity) => {
    const template = {
      instance_type: 'm6i.large',
      block_device_mappings: [{ ebs: { volume_size: 30, volume_type: 'gp3' } }],
      ...(market ? { instance_market_options: market } : {}),
    };
    const asg: Record<string, unknown> = {
      min_size: 1,
      desired_capacity: 2,
      max_size: 3,
      vpc_zone_identifier: ['${aws_subnet.private_us-east-1a.id}'],
      tag: [{ key: 'orquesta.dev/role', value: 'worker' }],
      ...(distribution
        ? {
            mixed_instances_policy: {
              instances_distribution: distribution,
              launch_template: {
                launch_template_specification: { launch_template_id: '${aws_launch_template.w.id}' },
                override: [{ instance_type: 'm6i.large' }],
              },
            },
          }
        : { launch_template: { id: '${aws_launch_template.w.id}' } }),
    };
    const stack = awsStack({ 'us-east-1a': 'us-east-1a' }, { aws_launch_template: { w: template }, aws_autoscaling_group: { w: asg } });
    const [group] = extractAws(new TfIndex(stack)).nodeGroups;
    expect([group.instanceType, group.capacity]).toEqual(['m6i.large', capacity]);
    // The launch template is found either way: its root volume is read, not the 8 GiB fallback.
    expect(group.rootVolume.sizeGiB).toBe(30);
  });

  test('a spot managed node group and a spot mixed-instances ASG', () => {
    const stack = awsStack(
      { 'us-east-1a': 'us-east-1a' },
      {
        aws_eks_node_group: {
          apps: {
            capacity_type: 'SPOT',
            instance_types: ['m6i.large'],
            subnet_ids: ['${aws_subnet.private_us-east-1a.id}'],
            scaling_config: { min_size: 1, desired_size: 2, max_size: 3 },
          },
        },
      },
    );
    expect(extractAws(new TfIndex(stack)).nodeGroups[0].capacity).toBe('spot');
  });
});

describe('AKS outbound', () => {
  const aks = (network: Record<string, unknown>, extra: Record<string, Record<string, Record<string, unknown>>> = {}): TfJson => ({
    provider: { azurerm: [{ features: {} }] },
    resource: {
      azurerm_kubernetes_cluster: {
        c: {
          location: 'eastus',
          network_profile: network,
          default_node_pool: { vm_size: 'Standard_D2s_v5', node_count: 3, zones: ['1', '2', '3'] },
        },
      },
      azurerm_kubernetes_cluster_node_pool: {
        apps: { vm_size: 'Standard_D2s_v5', node_count: 3, zones: ['1', '2', '3'], priority: 'Spot' },
      },
      ...extra,
    },
  });

  test.each([
    ['load balancer (zone-redundant)', {}, {}, { kind: 'regional', zones: [] }],
    [
      'NAT gateway in zone 1',
      { outbound_type: 'userAssignedNATGateway' },
      { azurerm_nat_gateway: { n: { zones: ['1'] } } },
      { kind: 'single-nat', zones: ['eastus-1'] },
    ],
  ] as const)('%s', (_name, network, extra, egress) => {
    const extract = extractAzure(new TfIndex(aks(network, extra)));
    expect(extract.network.egress).toMatchObject(egress);
    expect(extract.nodeGroups.map((g) => g.capacity)).toEqual(['on-demand', 'spot']);
  });
});

describe('the workload side of dependencies', () => {
  const deployment = (image: string, extra: Record<string, unknown> = {}): ManifestObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec: { containers: [{ image, ...extra }] } } },
  });

  test.each([
    ['ghcr.io/o/web:1.2', {}, 'ghcr.io', 'IfNotPresent'],
    ['nginx', {}, 'docker.io', 'Always'],
    ['nginx:latest', {}, 'docker.io', 'Always'],
    ['library/nginx:1.27', { imagePullPolicy: 'Always' }, 'docker.io', 'Always'],
    ['123.dkr.ecr.us-east-1.amazonaws.com/web@sha256:ab', {}, '123.dkr.ecr.us-east-1.amazonaws.com', 'IfNotPresent'],
    ['localhost:5000/web:1', {}, 'localhost:5000', 'IfNotPresent'],
  ] as const)('image %s', (image, extra, host, pullPolicy) => {
    expect(workloadImage([deployment(image, extra)])).toMatchObject({ host, pullPolicy });
  });

  test.each([
    [undefined, true],
    [{ 'replication-type': 'regional-pd' }, false],
    [{ skuName: 'Premium_ZRS' }, false],
    [{ skuName: 'Premium_LRS' }, true],
  ] as const)('StorageClass parameters %j: zonal %s', (parameters, zonal) => {
    const objects: ManifestObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          replicas: 3,
          template: { spec: { containers: [{ image: 'db:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } },
          volumeClaimTemplates: [
            { metadata: { name: 'data' }, spec: { storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } } },
          ],
        },
      },
      ...(parameters
        ? [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, parameters } as ManifestObject]
        : []),
    ];
    expect(workloadFromManifests(objects).volumeClaims[0].zonal).toBe(zonal);
  });

  test.each([
    ['the chart records it', { 'orquesta.dev/monitoring': 'prometheus' }, [], {}, 'prometheus'],
    ['the record wins over what else is there', { 'orquesta.dev/monitoring': 'none' }, ['ServiceMonitor'], {}, 'none'],
    ['no record: a scrape object', undefined, ['PodMonitoring'], {}, 'prometheus'],
    ['no record: Datadog autodiscovery', undefined, [], { 'ad.datadoghq.com/web.logs': '[]' }, 'datadog'],
    ['an unknown record is ignored', { 'orquesta.dev/monitoring': 'nagios' }, [], {}, 'none'],
  ] as const)('monitoring: %s', (_what, annotations, kinds, podAnnotations, monitoring) => {
    const objects: ManifestObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', annotations },
        spec: {
          replicas: 2,
          template: {
            metadata: { annotations: podAnnotations },
            spec: { containers: [{ image: 'web:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
          },
        },
      },
      ...kinds.map((kind) => ({ apiVersion: 'monitoring.example/v1', kind, metadata: { name: 'web' } })),
    ];
    expect(workloadFromManifests(objects).monitoring).toBe(monitoring);
  });
});
