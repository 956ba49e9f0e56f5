import { analyseFaultTolerance } from '../../../src/analysis/fault/scenarios';
import type { Inventory } from '../../../src/analysis/inventory/inventory';
import type { ScenarioOutcome } from '../../../src/analysis/report/comparison-report';
import type { NodeAllocatable } from '../../../src/targets/cluster-target';
import { eksInventory, gkeZonalInventory, kopsInventory, network, pool, singleNat, workload } from '../inventory-fixture';

/** A roomy node: 1900m / 7000 MiB / 110 pods allocatable. */
const roomy = (): NodeAllocatable => ({ cpuMillicores: 1900, memoryMiB: 7000, maxPods: 110 });
/** Room for exactly one 250m replica after the DaemonSet overhead (100m). */
const tight = (): NodeAllocatable => ({ cpuMillicores: 400, memoryMiB: 7000, maxPods: 110 });

function outcome(inv: Inventory, id: ScenarioOutcome['id'], alloc: () => NodeAllocatable = roomy): ScenarioOutcome {
  const found = analyseFaultTolerance(inv, alloc).scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

const ZONES2 = ['us-east-1a', 'us-east-1b'];
const ZONES1 = ['us-east-1a'];

describe('API down means nothing recovers', () => {
  test.each([
    ['kops, 1 member: upgrade', kopsInventory(1), 'control-plane-upgrade'],
    ['kops, 1 member: instance loss', kopsInventory(1), 'control-plane-instance-loss'],
    ['kops, 1 member: zone loss', kopsInventory(1), 'zone-loss'],
    ['kops, 3 members in 2 zones: zone loss', kopsInventory(3, ZONES2), 'zone-loss'],
    ['kops, 5 members in 2 zones: zone loss', kopsInventory(5, ZONES2), 'zone-loss'],
    ['GKE zonal: upgrade', gkeZonalInventory(), 'control-plane-upgrade'],
    ['GKE zonal: zone loss of the control-plane zone', gkeZonalInventory(), 'zone-loss'],
  ] as const)('%s: API down, not restorable, no drain, and says why', (_name, inv, id) => {
    const o = outcome(inv, id);
    expect(o).toMatchObject({ apiAvailable: false, restorable: false, drainAllowed: false });
    expect(o.explanation).toContain('nothing is rescheduled or evicted (no drains)');
    expect(o.detail!.unschedulable.every((u) => u.reason === 'api-down')).toBe(true);
  });

  test('3 members in 2 zones: the replicas of the majority zone cannot come back, for want of the API', () => {
    const o = outcome(kopsInventory(3, ZONES2), 'zone-loss');
    expect(o.detail).toMatchObject({
      lostZones: ['us-east-1a'],
      lostControlPlaneInstances: ['aws_autoscaling_group.control_plane_0', 'aws_autoscaling_group.control_plane_2'],
      unschedulable: [{ count: 2, reason: 'api-down' }],
    });
    expect(o.explanation).toContain('2 of 3 etcd members were there: no quorum');
  });
});

describe('kops control-plane layouts (members round-robin over zones, as KopsControlPlane places them)', () => {
  test.each([
    // members, zones, tolerates, modelled availability, zone loss keeps the API
    [1, ZONES1, { instances: 0, zones: 0 }, 99.4005, false],
    [1, ['us-east-1a', 'us-east-1b', 'us-east-1c'], { instances: 0, zones: 0 }, 99.4901, false],
    [3, ZONES1, { instances: 1, zones: 0 }, 99.4005, false],
    [3, ZONES2, { instances: 1, zones: 0 }, 99.4901, false],
    [3, ['us-east-1a', 'us-east-1b', 'us-east-1c'], { instances: 1, zones: 1 }, 99.98, true],
    [5, ZONES1, { instances: 2, zones: 0 }, 99.4005, false],
    [5, ZONES2, { instances: 2, zones: 0 }, 99.4901, false],
    [5, ['us-east-1a', 'us-east-1b', 'us-east-1c'], { instances: 2, zones: 1 }, 99.98, true],
  ] as const)('%i member(s) over %j', (members, zones, tolerates, modelled, zoneLossApi) => {
    const { controlPlane, scenarios } = analyseFaultTolerance(kopsInventory(members, zones), roomy);
    expect(controlPlane.sla).toBeNull();
    expect(controlPlane.tolerates).toEqual(tolerates);
    expect(controlPlane.modelledAvailability).toBe(modelled);
    expect(scenarios.find((s) => s.id === 'zone-loss')!.apiAvailable).toBe(zoneLossApi);
    // The API load balancer is always a factor in series, with ELB's own SLA.
    expect(controlPlane.availabilityFactors!.at(-1)).toMatchObject({
      percent: zones.length >= 2 ? 99.99 : 99.9,
      source: expect.stringContaining('https://aws.amazon.com/elasticloadbalancing/sla/'),
    });
  });

  test('a majority zone bounds the model and the text says which', () => {
    const { controlPlane } = analyseFaultTolerance(kopsInventory(3, ZONES2), roomy);
    expect(controlPlane.model).toContain('Losing us-east-1a alone loses the quorum');
    expect(controlPlane.availabilityFactors![0].source).toContain('bounded by us-east-1a');
  });

  test('managed control planes: the modelled figure is the published SLA', () => {
    const { controlPlane } = analyseFaultTolerance(eksInventory(), roomy);
    expect(controlPlane).toMatchObject({ sla: 99.95, modelledAvailability: 99.95 });
    expect(controlPlane.availabilityFactors).toEqual([
      { component: 'managed control plane (published SLA)', percent: 99.95, source: 'https://aws.amazon.com/eks/sla/ (2022-05-04)' },
    ]);
  });
});

describe('data-plane dependencies: egress, the API path of nodes, the registry', () => {
  const eksSingleNat = (overrides: Partial<Inventory['network']> = {}) =>
    eksInventory({ network: network({ egress: singleNat(), ...overrides }) });

  test.each([
    // name, inventory, restorable, unschedulable
    ['eks, NAT per zone', eksInventory(), true, []],
    ['eks, single NAT: replacement pods cannot pull', eksSingleNat(), false, [{ count: 1, reason: 'no-egress' }]],
    [
      'eks, single NAT, registry behind a VPC endpoint',
      eksSingleNat({ registry: { image: 'x', host: '1.dkr.ecr.us-east-1.amazonaws.com', pullPolicy: 'Always', privateEndpoint: true } }),
      true,
      [],
    ],
    [
      'eks, single NAT, IfNotPresent: the replacement lands where the image is cached',
      eksSingleNat({ registry: { image: 'x:1', host: 'ghcr.io', pullPolicy: 'IfNotPresent', privateEndpoint: false } }),
      true,
      [],
    ],
    ['kops, NAT per zone, API through the public NLB', kopsInventory(3), true, []],
    [
      'kops, single NAT, API through the public NLB: every surviving worker is cut off',
      kopsInventory(3, undefined, { network: network({ egress: singleNat(), apiPathForNodes: 'via-egress' }) }),
      false,
      [{ count: 1, reason: 'no-egress' }],
    ],
    [
      'gke, regional Cloud NAT',
      gkeZonalInventory({ controlPlane: { kind: 'managed', address: 'c', tier: 'gke-regional', usesAvailabilityZones: true } }),
      true,
      [],
    ],
  ] as const)('%s', (_name, inv, restorable, unschedulable) => {
    const o = outcome(inv, 'zone-loss');
    expect(o.apiAvailable).toBe(true);
    expect(o.restorable).toBe(restorable);
    expect(o.servingFraction).toBe(0.667);
    expect(o.detail!.unschedulable).toEqual(unschedulable);
  });

  test('single NAT: the worst zone is the NAT zone and the explanation names the pull', () => {
    const o = outcome(eksSingleNat(), 'zone-loss');
    expect(o.detail!.lostZones).toEqual(['us-east-1a']);
    expect(o.explanation).toContain(
      'pulling ghcr.io/orquesta-dev/web-api:1.4.2 from ghcr.io (imagePullPolicy Always) needs egress through one NAT gateway in us-east-1a, lost with us-east-1a.',
    );
  });

  test('kops with a single NAT: the workers still running are NotReady (their replicas keep serving)', () => {
    const inv = kopsInventory(3, undefined, { network: network({ egress: singleNat(), apiPathForNodes: 'via-egress' }) });
    const o = outcome(inv, 'zone-loss');
    expect(o.explanation).toContain('2 surviving node(s) reach the Kubernetes API only through one NAT gateway in us-east-1a');
    // An internal API endpoint for the nodes keeps them Ready; the image pull still needs the NAT.
    const internal = kopsInventory(3, undefined, { network: network({ egress: singleNat(), apiPathForNodes: 'in-network' }) });
    expect(outcome(internal, 'zone-loss').explanation).not.toContain('NotReady');
  });

  test('node loss does not touch the NAT', () => {
    expect(outcome(eksSingleNat(), 'node-loss')).toMatchObject({ restorable: true, servingFraction: 0.667 });
  });
});

describe('zonal volumes (StatefulSet claims on EBS / PD / Azure Disk)', () => {
  const claims = (zonal?: boolean) => [{ address: 'StatefulSet/web-api/data', sizeGiB: 20, storageClass: 'gp3', count: 3, zonal }];
  const sts = (nodes: number, zonal?: boolean) =>
    eksInventory({ nodeGroups: [pool({ desiredNodes: nodes })], workload: workload({ kind: 'StatefulSet', volumeClaims: claims(zonal) }) });

  test.each([
    // name, inventory, scenario, serving, restorable, unschedulable
    ['zone loss, 3 replicas in 3 zones', sts(3), 'zone-loss', 0.667, false, [{ count: 1, reason: 'volume-zone' }]],
    ['node loss, another node with room in the zone', sts(6), 'node-loss', 0.667, true, []],
    ['node loss, the only node of its zone', sts(3), 'node-loss', 0.667, false, [{ count: 1, reason: 'volume-zone' }]],
    ['zone loss, regional volumes (regional PD, ZRS)', sts(3, false), 'zone-loss', 0.667, true, []],
  ] as const)('%s', (_name, inv, id, serving, restorable, unschedulable) => {
    const o = outcome(inv, id);
    expect(o).toMatchObject({ servingFraction: serving, restorable });
    expect(o.detail!.unschedulable).toEqual(unschedulable);
  });

  test('the explanation says the volume pins the replica', () => {
    expect(outcome(sts(3), 'zone-loss').explanation).toContain('keep their volume in a zone with no node left');
  });
});

describe('add-on footprints reduce what the workload can use', () => {
  const alloc650 = (): NodeAllocatable => ({ cpuMillicores: 650, memoryMiB: 7000, maxPods: 110 });
  test.each([
    // name, add-ons, total replica slots over 3 nodes (650m each: 550m after the 100m DaemonSet overhead = 2 x 250m)
    ['none', [], 6],
    [
      'kube-proxy listed: its requests replace the DaemonSet overhead',
      [{ name: 'kube-proxy', namespace: 'kube-system', footprint: { perNode: { cpuMillicores: 100, memoryMiB: 50 } } }],
      6,
    ],
    [
      'a per-node add-on that is no node agent adds to it',
      [{ name: 'ebs-csi-node', namespace: 'kube-system', footprint: { perNode: { cpuMillicores: 60, memoryMiB: 40 } } }],
      3,
    ],
    [
      'add-on replicas are placed first, on the emptiest nodes',
      [{ name: 'metrics-server', namespace: 'kube-system', footprint: { replicas: { count: 2, cpuMillicores: 300, memoryMiB: 200 } } }],
      4,
    ],
  ] as const)('%s', (_name, addons, slots) => {
    // 9 replicas ask for more than any layout has: the pending count shows the slots.
    const inv = eksInventory({ addons, workload: workload({ replicas: 9, zoneSpread: 'soft' }) });
    const upgrade = outcome(inv, 'control-plane-upgrade', alloc650);
    expect(Math.round(upgrade.servingFraction * 9)).toBe(slots);
  });

  test.each([
    // 520m nodes: 420m after the 100m DaemonSet overhead (1 x 250m), 500m without it (2 x 250m)
    ['nothing listed: the stated overhead applies', [], 3],
    ['the VPC CNI listed: the node agents are listed, the overhead goes', [{ name: 'vpc-cni', perNode: 20 }], 6],
    ['GKE Dataplane V2 listed', [{ name: 'dataplane-v2', perNode: 20 }], 6],
    ['AKS Azure CNI with Cilium listed', [{ name: 'azure-cni-overlay-cilium', perNode: 20 }], 6],
    [
      'only the pod-identity agent listed: not a networking agent, the overhead stays',
      [{ name: 'eks-pod-identity-agent', perNode: 20 }],
      3,
    ],
  ] as const)('%s', (_name, listed, slots) => {
    const addons = listed.map((a) => ({
      name: a.name,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: a.perNode, memoryMiB: 0 } },
    }));
    const inv = eksInventory({ addons, workload: workload({ replicas: 9, zoneSpread: 'soft' }) });
    const alloc520 = (): NodeAllocatable => ({ cpuMillicores: 520, memoryMiB: 7000, maxPods: 110 });
    expect(Math.round(outcome(inv, 'control-plane-upgrade', alloc520).servingFraction * 9)).toBe(slots);
  });

  test('a lost node moves its add-on replicas to the survivors first', () => {
    const addons = [
      { name: 'coredns', namespace: 'kube-system', footprint: { replicas: { count: 1, cpuMillicores: 300, memoryMiB: 100 } } },
    ];
    const inv = eksInventory({
      addons,
      nodeGroups: [pool({ desiredNodes: 2, zones: ZONES2 })],
      workload: workload({ replicas: 2, zoneSpread: 'soft' }),
    });
    // 550m per node: the node with coredns keeps 250m (1 replica), the other 550m (2); one replica on each.
    // Losing the coredns node moves coredns onto the survivor, which then has room for its own replica only;
    // losing the other leaves the coredns node full.
    const o = outcome(inv, 'node-loss', alloc650);
    expect(o.restorable).toBe(false);
    expect(o.detail!.unschedulable).toEqual([{ count: 1, reason: 'no-capacity' }]);
  });
});

describe('spot pools: a correlated node loss', () => {
  test('spot-reclaim takes a whole capacity pool (group x zone) and is evaluated only for spot pools', () => {
    const spot = eksInventory({ nodeGroups: [pool({ desiredNodes: 6, capacity: 'spot' })] });
    const o = outcome(spot, 'spot-reclaim');
    expect(o.detail!.lostNodes).toEqual(['aws_eks_node_group.apps#0', 'aws_eks_node_group.apps#3']);
    expect(o).toMatchObject({ apiAvailable: true, servingFraction: 0.667, restorable: true });
    expect(o.explanation).toContain('2 min notice on AWS');
    expect(analyseFaultTolerance(eksInventory(), roomy).scenarios.map((s) => s.id)).not.toContain('spot-reclaim');
  });
});

describe('scenario detail for pictures', () => {
  test('every scenario carries one; zone loss lists the zone, its nodes and what stopped there', () => {
    const { scenarios } = analyseFaultTolerance(kopsInventory(3), roomy);
    for (const s of scenarios) expect(s.detail).toBeDefined();
    const zone = scenarios.find((s) => s.id === 'zone-loss')!.detail!;
    expect(zone.replicasBefore).toEqual({
      'aws_autoscaling_group.apps#0': 1,
      'aws_autoscaling_group.apps#1': 1,
      'aws_autoscaling_group.apps#2': 1,
    });
    expect(zone.lostZones).toEqual(['us-east-1a']);
    expect(zone.lostNodes).toEqual(['aws_autoscaling_group.apps#0']);
    expect(zone.lostControlPlaneInstances).toEqual(['aws_autoscaling_group.control_plane_0']);
    expect(zone.stoppedReplicas).toEqual({ 'aws_autoscaling_group.apps#0': 1 });
    expect(zone.unschedulable).toEqual([]);
  });

  test('tight nodes: the replicas that find no room are counted as no-capacity', () => {
    const o = outcome(eksInventory(), 'zone-loss', tight);
    expect(o.detail!.unschedulable).toEqual([{ count: 1, reason: 'no-capacity' }]);
  });
});
