import { formatProblem } from '../../src/spec/validation-error';
import { validateAppSpec } from '../../src/spec/validate-app-spec';
import { rawExample } from '../util';

function messages(spec: unknown): string[] {
  return validateAppSpec(spec).map(formatProblem);
}

describe('validateAppSpec', () => {
  test('the built-in example is valid', () => {
    expect(messages(rawExample())).toEqual([]);
  });

  test.each<[string, Parameters<typeof rawExample>[0], string]>([
    [
      'HPA min above max',
      { workload: { autoscaling: { minReplicas: 5, maxReplicas: 3 } } },
      'workload.autoscaling.minReplicas (5) must be <= workload.autoscaling.maxReplicas (3)',
    ],
    ['port above range', { workload: { port: 70000 } }, 'workload.port (70000) must be an integer in 1..65535'],
    ['port zero', { workload: { port: 0 } }, 'workload.port (0) must be an integer in 1..65535'],
    ['zones above 3', { cluster: { zones: 4 } }, 'cluster.zones (4) must be an integer in 1..3'],
    ['zones zero', { cluster: { zones: 0 } }, 'cluster.zones (0) must be an integer in 1..3'],
    [
      'latest tag',
      { workload: { image: 'ghcr.io/acme/api:latest' } },
      `workload.image ("ghcr.io/acme/api:latest") must pin a version: the tag 'latest' makes rollouts unrepeatable`,
    ],
    [
      'untagged image',
      { workload: { image: 'ghcr.io/acme/api' } },
      'workload.image ("ghcr.io/acme/api") must be an image reference with an explicit tag or digest, e.g. ghcr.io/acme/api:1.4.2',
    ],
    [
      'requests above limits',
      {
        workload: {
          resources: { requests: { cpuMillicores: 900, memoryMiB: 256 }, limits: { cpuMillicores: 500, memoryMiB: 512 } },
        },
      },
      'workload.resources.requests.cpuMillicores (900) must be <= workload.resources.limits.cpuMillicores (500)',
    ],
    [
      'PDB minAvailable blocks every eviction',
      { workload: { disruptionBudget: { minAvailable: 3 } } },
      'workload.disruptionBudget.minAvailable (3) must be < workload.autoscaling.minReplicas (3): otherwise no pod can ever be evicted and every node drain blocks',
    ],
    [
      'PDB maxUnavailable 0',
      { workload: { disruptionBudget: { maxUnavailable: 0 } } },
      'workload.disruptionBudget.maxUnavailable (0) must be >= 1: 0 blocks every voluntary eviction and every node drain',
    ],
    [
      'invalid workload name',
      { workload: { name: 'Web_API' } },
      `workload.name ("Web_API") must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter, at most 40 characters`,
    ],
    [
      'invalid cluster name',
      { cluster: { name: '1cluster' } },
      `cluster.name ("1cluster") must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter, at most 30 characters`,
    ],
    [
      'node pool min above desired',
      { cluster: { nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 4, desiredNodes: 3, maxNodes: 6 }] } },
      'cluster.nodePools[0].minNodes (4) must be <= cluster.nodePools[0].desiredNodes (3)',
    ],
    [
      'unknown size class',
      { cluster: { nodePools: [{ name: 'apps', sizeClass: 'huge' as never, minNodes: 1, desiredNodes: 3, maxNodes: 6 }] } },
      `cluster.nodePools[0].sizeClass ("huge") must be one of 'small', 'medium', 'large'`,
    ],
    [
      'ingress without a valid host',
      { workload: { exposure: { type: 'ingress', host: 'Not A Host' } } },
      'workload.exposure.host ("Not A Host") must be a lowercase DNS name such as api.example.com',
    ],
    [
      'zonal GKE with an HA control plane',
      { cluster: { gke: { locationType: 'zonal' } } },
      `cluster.gke.locationType ("zonal") conflicts with cluster.controlPlane (ha): a zonal GKE control plane is a single replica; set controlPlane 'single' or locationType 'regional'`,
    ],
    [
      'kops control plane of 2',
      { cluster: { kops: { controlPlaneCount: 2 as never } } },
      'cluster.kops.controlPlaneCount (2) must be 1 (a lab or single control plane), 3 (tolerates losing one member) or 5 (tolerates two): etcd needs an odd member count',
    ],
    [
      'kops: 3 members in 2 zones',
      { cluster: { zones: 2, kops: { controlPlaneCount: 3 } } },
      'cluster.kops.controlPlaneCount (3) must be 1 with cluster.zones 2: 3 etcd members in 2 zone(s) put a majority in one zone, so losing that zone stops the API; 3 members must span 3 zones (set zones: 3) or use 1 for a lab',
    ],
    [
      'kops: 5 members in 2 zones',
      { cluster: { zones: 2, kops: { controlPlaneCount: 5 } } },
      'cluster.kops.controlPlaneCount (5) must be 1 with cluster.zones 2: 5 etcd members in 2 zone(s) put a majority in one zone, so losing that zone stops the API; 5 members must span 3 zones (set zones: 3) or use 1 for a lab',
    ],
    [
      'kops: 3 members in 1 zone',
      { cluster: { zones: 1, kops: { controlPlaneCount: 3 } } },
      'cluster.kops.controlPlaneCount (3) must be 1 with cluster.zones 1: 3 etcd members in 1 zone(s) put a majority in one zone, so losing that zone stops the API; 3 members must span 3 zones (set zones: 3) or use 1 for a lab',
    ],
    [
      'a typo in a field name',
      { workload: { replica: 3 } as never },
      "workload.replica (3) is not a known field; did you mean 'replicas'? allowed: name, namespace, image, port, replicas, resources, probes, env, config, secrets, autoscaling, disruptionBudget, exposure, volume, monitoring, needsKubernetesApi, egress",
    ],
    [
      'an open-to-the-world CIDR typo',
      { cluster: { eks: { publicAccessCidrs: ['10.0.0.0/33'] } } },
      'cluster.eks.publicAccessCidrs[0] ("10.0.0.0/33") must be an IPv4 CIDR such as 198.51.100.0/24',
    ],
    [
      'ReadWriteMany on block storage',
      { workload: { volume: { sizeGiB: 10, accessMode: 'ReadWriteMany' } } },
      `workload.volume.accessMode ("ReadWriteMany") must be 'ReadWriteOnce': the block-storage classes used on eks (gp3), gke (standard-rwo), aks (managed-csi) and kops (gp3) cannot be mounted by several nodes`,
    ],
    [
      'a secret value in env',
      { workload: { env: { DB_PASSWORD: 42 as never } } },
      'workload.env.DB_PASSWORD (<redacted>) must be a string (secrets go in workload.secrets)',
    ],
    [
      'lab TTL above 30 days',
      { cluster: { lab: { owner: 'ana', ttlHours: 1000 } } },
      'cluster.lab.ttlHours (1000) must be an integer in 1..720',
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(messages(rawExample(overrides))).toEqual([expected]);
  });

  test.each([
    ['5 members over the default 3 zones', { kops: { controlPlaneCount: 5 as const } }],
    ['3 members over 3 zones', { zones: 3, kops: { controlPlaneCount: 3 as const } }],
    ['1 member in 1 zone (a lab)', { zones: 1, kops: { controlPlaneCount: 1 as const } }],
    ['1 member over 2 zones', { zones: 2, kops: { controlPlaneCount: 1 as const } }],
  ])('kops control plane: %s is valid', (_name, cluster) => {
    expect(messages(rawExample({ cluster }))).toEqual([]);
  });

  test('reports every problem of a bad spec at once, not just the first', () => {
    const spec = rawExample({
      workload: {
        name: 'Bad Name',
        image: 'nginx',
        port: 0,
        autoscaling: { minReplicas: 5, maxReplicas: 3 },
        disruptionBudget: { maxUnavailable: 0 },
        exposure: { type: 'everywhere' } as never,
      },
      cluster: { zones: 7, controlPlane: 'multi' as never, regions: { aws: 'mars-1' } },
    });
    const paths = validateAppSpec(spec).map((p) => p.path);
    expect(paths).toEqual([
      'workload.name',
      'workload.image',
      'workload.port',
      'workload.autoscaling.minReplicas',
      'workload.disruptionBudget.maxUnavailable',
      'workload.exposure.type',
      'cluster.zones',
      'cluster.controlPlane',
      'cluster.regions.aws',
    ]);
  });

  test('a non-object spec is one clear problem', () => {
    expect(messages(42)).toEqual(['(spec) (42) must be an object { workload, cluster }']);
  });

  test('missing required workload fields are named', () => {
    const spec = { workload: { name: 'api' }, cluster: { name: 'c1' } };
    expect(validateAppSpec(spec).map((p) => p.path)).toEqual([
      'workload.image',
      'workload.port',
      'workload.resources',
      'workload.exposure',
    ]);
  });
});
