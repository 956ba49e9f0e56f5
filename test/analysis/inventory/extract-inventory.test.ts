import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { extractInventory } from '../../../src/analysis/inventory/extract-inventory';
import type { Inventory } from '../../../src/analysis/inventory/inventory';
import { readSynthOutput } from '../../../src/analysis/inventory/read-synth-output';
import { parseCpuMillicores, parseMemoryMiB } from '../../../src/analysis/inventory/workload-from-manifests';
import { synthesize } from '../../../src/synth/synthesize';
import { ALL_TARGETS } from '../../../src/targets/registry';
import type { TargetId } from '../../../src/targets/cluster-target';
import { synthesizedExample } from '../../synthesized-example';
import { TEST_NOW, exampleSpec } from '../../util';

/** Synthesizes a spec for all targets into a temp root and extracts every inventory from the files. */
function inventories(overrides: Parameters<typeof exampleSpec>[0] = {}, only?: TargetId): Record<TargetId, Inventory> {
  // Not orquesta-test-*: a concurrent jest run's global teardown removes those.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-inventory-'));
  const targets = ALL_TARGETS.filter((t) => !only || t.id === only);
  try {
    synthesize(exampleSpec(overrides), targets, { root, now: TEST_NOW });
    return Object.fromEntries(targets.map((t) => [t.id, extractInventory(readSynthOutput(root, t.id))])) as Record<TargetId, Inventory>;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('inventory from synthesized output', () => {
  // The example as synthesized once per run (the same call as inventories() without overrides).
  const example = synthesizedExample();
  const base = Object.fromEntries(ALL_TARGETS.map((t) => [t.id, extractInventory(example[t.id])])) as Record<TargetId, Inventory>;

  test('regions, clouds and control planes come from the stacks', () => {
    expect([base.eks, base.gke, base.aks, base.kops].map((i) => [i.cloud, i.region, i.controlPlane.kind])).toEqual([
      ['aws', 'us-east-1', 'managed'],
      ['gcp', 'us-central1', 'managed'],
      ['azure', 'eastus', 'managed'],
      ['aws', 'us-east-1', 'self-managed'],
    ]);
    expect(base.eks.controlPlane).toMatchObject({ tier: 'eks-standard' });
    expect(base.gke.controlPlane).toMatchObject({ tier: 'gke-regional' });
    expect(base.aks.controlPlane).toMatchObject({ tier: 'aks-standard', usesAvailabilityZones: true });
    expect(base.kops.kubernetesVersion).toBe('1.35');
  });

  test('worker pools: instance type, 3 nodes over 3 zones, on every target', () => {
    for (const inv of Object.values(base)) {
      const workers = inv.nodeGroups.filter((g) => g.role === 'worker');
      expect(workers).toHaveLength(1);
      expect(workers[0]).toMatchObject({ pool: 'apps', minNodes: 3, desiredNodes: 3, maxNodes: 6 });
      expect(workers[0].zones).toHaveLength(3);
    }
    expect(base.aks.nodeGroups.filter((g) => g.role === 'system')).toHaveLength(1);
  });

  test('kops: three control-plane members pinned one per zone, six etcd volumes, an internet-facing and an internal API NLB', () => {
    const cp = base.kops.controlPlane;
    if (cp.kind !== 'self-managed') throw new Error('expected a self-managed control plane');
    expect(cp.instances.map((i) => i.zone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(base.kops.billables.filter((b) => b.kind === 'block-volume')).toHaveLength(6);
    expect(base.kops.billables.filter((b) => b.kind === 'network-load-balancer')).toHaveLength(2);
    // Only the internet-facing one holds public IPv4 addresses.
    expect(base.kops.billables.filter((b) => b.kind === 'public-ipv4' && b.address.startsWith('aws_lb.')).map((b) => b.quantity)).toEqual([
      3,
    ]);
  });

  test('the workload from the manifests: HPA minimum, requests, PDB, hard zone spread, one public LB', () => {
    for (const inv of Object.values(base)) {
      expect(inv.workload).toMatchObject({
        kind: 'Deployment',
        replicas: 3,
        maxReplicas: 9,
        requests: { cpuMillicores: 250, memoryMiB: 256 },
        disruptionBudget: { maxUnavailable: 1 },
        zoneSpread: 'hard',
        nodeSelector: { 'orquesta.dev/pool': 'apps' },
        loadBalancers: [{ address: 'Service/web-api', kind: 'service', internal: false }],
        monitoring: 'prometheus',
      });
    }
  });

  test.each([
    [
      'a single NAT',
      'eks',
      { cluster: { natGateways: 'single' } },
      (i: Record<TargetId, Inventory>) => i.eks.billables.filter((b) => b.kind === 'nat-gateway').length,
      1,
    ],
    [
      'control plane single on kops',
      'kops',
      { cluster: { controlPlane: 'single', gke: undefined } },
      (i: Record<TargetId, Inventory>) => (i.kops.controlPlane.kind === 'self-managed' ? i.kops.controlPlane.instances.length : -1),
      1,
    ],
    [
      'control plane single on gke',
      'gke',
      { cluster: { controlPlane: 'single' } },
      (i: Record<TargetId, Inventory>) => (i.gke.controlPlane.kind === 'managed' ? i.gke.controlPlane.tier : ''),
      'gke-zonal',
    ],
    [
      'control plane single on aks',
      'aks',
      { cluster: { controlPlane: 'single' } },
      (i: Record<TargetId, Inventory>) => (i.aks.controlPlane.kind === 'managed' ? i.aks.controlPlane.tier : ''),
      'aks-free',
    ],
    ['one zone', 'gke', { cluster: { zones: 1 } }, (i: Record<TargetId, Inventory>) => i.gke.nodeGroups[0].zones.length, 1],
    [
      'a volume makes a StatefulSet with one claim per replica',
      'aks',
      { workload: { volume: { sizeGiB: 20 } } },
      (i: Record<TargetId, Inventory>) => i.aks.workload.volumeClaims[0].count * i.aks.workload.volumeClaims[0].sizeGiB,
      60,
    ],
  ] as Array<[string, TargetId, Parameters<typeof exampleSpec>[0], (i: Record<TargetId, Inventory>) => unknown, unknown]>)(
    'spec options reach the inventory: %s',
    (_name, target, overrides, read, expected) => {
      expect(read(inventories(overrides, target))).toEqual(expected);
    },
  );

  test('network paths from the stacks: NAT per zone on AWS, regional on GKE and AKS, kops nodes on the internal API NLB', () => {
    expect(base.eks.network.egress).toMatchObject({
      kind: 'per-zone-nat',
      zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      natZoneByZone: { 'us-east-1a': 'us-east-1a', 'us-east-1b': 'us-east-1b', 'us-east-1c': 'us-east-1c' },
    });
    expect(base.kops.network.egress.kind).toBe('per-zone-nat');
    expect(base.gke.network.egress.kind).toBe('regional');
    expect(base.aks.network.egress.kind).toBe('regional');
    // EKS has its private endpoint on, GKE nodes use the private control-plane endpoint, kops nodes the
    // internal NLB; AKS nodes use the API server's public FQDN through the (zone-redundant) outbound path.
    expect([base.eks, base.gke, base.aks, base.kops].map((i) => i.network.apiPathForNodes)).toEqual([
      'in-network',
      'in-network',
      'via-egress',
      'in-network',
    ]);
    for (const inv of Object.values(base)) {
      expect(inv.network.registry).toEqual({
        image: 'ghcr.io/orquesta-dev/web-api:1.4.2',
        host: 'ghcr.io',
        pullPolicy: 'Always',
        privateEndpoint: false,
      });
    }
    // What synth wrote to platform-addons.json: the node agents and cluster add-ons each target lists.
    expect(base.eks.addons.map((a) => a.name)).toEqual(expect.arrayContaining(['vpc-cni', 'kube-proxy', 'coredns']));
    expect(base.eks.addons.find((a) => a.name === 'coredns')?.footprint.replicas?.count).toBe(2);
    expect(base.gke.addons.map((a) => a.name)).toContain('dataplane-v2');
    expect(base.aks.addons.map((a) => a.name)).toContain('azure-cni-overlay-cilium');
    const cp = base.kops.controlPlane;
    expect(cp.kind === 'self-managed' && cp.apiLoadBalancerZones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  test.each(['eks', 'kops'] as const)('%s with natGateways single: every zone routes through the NAT in us-east-1a', (target) => {
    const inv = inventories({ cluster: { natGateways: 'single' } }, target)[target];
    expect(inv.network.egress).toMatchObject({
      kind: 'single-nat',
      zones: ['us-east-1a'],
      natZoneByZone: { 'us-east-1a': 'us-east-1a', 'us-east-1b': 'us-east-1a', 'us-east-1c': 'us-east-1a' },
    });
  });

  test.each([
    [5, 3, ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1a', 'us-east-1b']],
    [1, 3, ['us-east-1a']],
  ] as const)('kops: %i member(s) over %i zones are read from the stack where it places them', (count, zones, expected) => {
    const inv = inventories({ cluster: { zones, kops: { controlPlaneCount: count } } }, 'kops').kops;
    expect(inv.controlPlane.kind === 'self-managed' && inv.controlPlane.instances.map((i) => i.zone)).toEqual(expected);
  });

  test('platform-addons.json is read when synth wrote one, and tolerated when it did not', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-inventory-'));
    try {
      synthesize(
        exampleSpec(),
        ALL_TARGETS.filter((t) => t.id === 'eks'),
        { root, now: TEST_NOW },
      );
      const addon = {
        name: 'metrics-server',
        purpose: 'HPA metrics',
        version: '3.12.2',
        source: 'https://github.com/kubernetes-sigs/metrics-server (2026-11)',
        namespace: 'kube-system',
        delivery: 'helm',
        repository: 'https://kubernetes-sigs.github.io/metrics-server/',
        chart: 'metrics-server',
        values: {},
        footprint: { replicas: { count: 2, cpuMillicores: 100, memoryMiB: 200 } },
      };
      fs.writeFileSync(path.join(root, 'dist', 'k8s', 'eks', 'addons', 'platform-addons.json'), JSON.stringify({ addons: [addon] }));
      expect(extractInventory(readSynthOutput(root, 'eks')).addons).toEqual([
        { name: 'metrics-server', namespace: 'kube-system', footprint: { replicas: { count: 2, cpuMillicores: 100, memoryMiB: 200 } } },
      ]);
      fs.writeFileSync(path.join(root, 'dist', 'k8s', 'eks', 'addons', 'platform-addons.json'), JSON.stringify({ nothing: 1 }));
      expect(() => readSynthOutput(root, 'eks')).toThrow(/platform-addons.json: expected \{ "addons": \[\.\.\.\] \}/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test.each([
    ['250m', 250],
    ['1', 1000],
    ['0.5', 500],
  ])('CPU quantity %s', (q, millis) => expect(parseCpuMillicores(q)).toBe(millis));

  test.each([
    ['256Mi', 256],
    ['1Gi', 1024],
    ['20Gi', 20480],
  ])('memory quantity %s', (q, mib) => expect(parseMemoryMiB(q)).toBe(mib));
});
