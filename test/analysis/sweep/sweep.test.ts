import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { configurationsOf, runSweep } from '../../../src/analysis/sweep/run-sweep';
import { parseRequirement, parseSweepAxes } from '../../../src/analysis/sweep/sweep-spec';
import { variantInventory } from '../../../src/analysis/sweep/variant';
import type { Inventory } from '../../../src/analysis/inventory/inventory';
import { UsageError } from '../../../src/spec/usage-error';
import { TEST_NOW } from '../../util';
import { eksInventory, gkeZonalInventory, kopsInventory, pool, workload } from '../inventory-fixture';

const sweep = (invs: Inventory[], axes: string[], require?: string) =>
  runSweep(invs, parseSweepAxes(axes), parseRequirement(require), PRICE_CATALOG, { at: TEST_NOW });

const aksInventory = (): Inventory =>
  eksInventory({
    target: 'aks',
    cloud: 'azure',
    region: 'eastus',
    controlPlane: { kind: 'managed', address: 'azurerm_kubernetes_cluster.c', tier: 'aks-standard', usesAvailabilityZones: true },
    nodeGroups: [
      pool({
        address: 'azurerm_kubernetes_cluster.c.default_node_pool',
        pool: undefined,
        role: 'system',
        instanceType: 'Standard_D2s_v5',
        zones: ['eastus-1', 'eastus-2', 'eastus-3'],
        rootVolume: { type: 'ephemeral', sizeGiB: 64 },
      }),
      pool({
        address: 'azurerm_kubernetes_cluster_node_pool.apps',
        instanceType: 'Standard_D2s_v5',
        zones: ['eastus-1', 'eastus-2', 'eastus-3'],
        rootVolume: { type: 'ephemeral', sizeGiB: 64 },
      }),
    ],
    billables: [],
  });

describe('sweep syntax', () => {
  test.each([
    [['nodes=2..4'], { nodes: [2, 3, 4] }],
    [['zones=1,3'], { zones: [1, 3] }],
    [['nodes=3', 'zones=1..3'], { nodes: [3], zones: [1, 2, 3] }],
    [
      ['size=small,large', 'monitoring=prometheus,datadog,none'],
      { size: ['small', 'large'], monitoring: ['prometheus', 'datadog', 'none'] },
    ],
    [
      ['aksTier=Free,Premium', 'gkeMode=zonal', 'natGateways=single', 'capacity=spot,on-demand', 'controlPlane=ha,single'],
      {
        aksTier: ['Free', 'Premium'],
        gkeMode: ['zonal'],
        natGateways: ['single'],
        capacity: ['spot', 'on-demand'],
        controlPlane: ['ha', 'single'],
      },
    ],
  ])('%j', (values, axes) => expect(parseSweepAxes(values)).toEqual(axes));

  test.each([['zones=0..4'], ['cpus=1..2'], ['nodes=5..2'], ['nodes'], ['size=huge'], ['aksTier=standard']])(
    'rejects %s with the allowed syntax',
    (value) => {
      expect(() => parseSweepAxes([value])).toThrow(UsageError);
    },
  );

  test('every bad axis is reported at once', () => {
    expect(() => parseSweepAxes(['size=huge', 'zones=9'])).toThrow(/size takes small, medium, large[\s\S]*zones must be in 1\.\.3/);
  });

  test('requirements: sla= is the financially backed SLA, availability= the model', () => {
    expect(parseRequirement('survive=zone+upgrade,sla=99.95,availability=99.9,max-cost=800')).toEqual({
      survive: ['zone', 'upgrade'],
      sla: 99.95,
      availability: 99.9,
      maxMonthlyUsd: 800,
    });
    expect(() => parseRequirement('survive=meteor')).toThrow(/allowed: node, zone, upgrade, cp-instance/);
    expect(() => parseRequirement('uptime=99')).toThrow(/availability=<percent> \(modelled\)/);
  });
});

describe('variants change the inventory the way the stacks would', () => {
  test('zones follow through node groups, per-zone NATs and kops control-plane placement', () => {
    const v = variantInventory(kopsInventory(3), { zones: 2 });
    expect(v.nodeGroups[0].zones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(v.billables.filter((b) => b.kind === 'nat-gateway').map((b) => b.zone)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(v.controlPlane.kind === 'self-managed' && v.controlPlane.instances.map((i) => i.zone)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1a',
    ]);
  });

  test('the egress path and the API load balancer zones follow the NAT mode and the zones', () => {
    const single = variantInventory(kopsInventory(3), { natGateways: 'single' });
    expect(single.network.egress).toMatchObject({
      kind: 'single-nat',
      zones: ['us-east-1a'],
      natZoneByZone: { 'us-east-1a': 'us-east-1a', 'us-east-1b': 'us-east-1a', 'us-east-1c': 'us-east-1a' },
    });
    const perZone = variantInventory(single, { natGateways: 'per-zone' });
    expect(perZone.network.egress).toMatchObject({ kind: 'per-zone-nat', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    const oneZone = variantInventory(kopsInventory(1), { zones: 1 });
    expect(oneZone.controlPlane.kind === 'self-managed' && oneZone.controlPlane.apiLoadBalancerZones).toEqual(['us-east-1a']);
  });

  test('a single NAT makes eks zone loss unrestorable in the sweep, as in the report', () => {
    const [t] = sweep([eksInventory()], ['natGateways=per-zone,single']).targets;
    const verdict = (nat: string) =>
      t.configurations.find((c) => c.inputs.natGateways === nat)!.verdicts.find((v) => v.id === 'zone-loss')!;
    expect(verdict('per-zone').restorable).toBe(true);
    expect(verdict('single').restorable).toBe(false);
  });

  test('nodes set the workload pool size and widen its bounds', () => {
    expect(variantInventory(eksInventory(), { nodes: 8 }).nodeGroups[0]).toMatchObject({ desiredNodes: 8, minNodes: 3, maxNodes: 8 });
  });

  test('size maps to each target instance type; capacity marks the workload pool', () => {
    expect(variantInventory(eksInventory(), { size: 'large' }).nodeGroups[0].instanceType).toBe('m6i.xlarge');
    expect(variantInventory(gkeZonalInventory(), { size: 'small' }).nodeGroups[0].instanceType).toBe('e2-medium');
    const aks = variantInventory(aksInventory(), { size: 'large', capacity: 'spot' });
    expect(aks.nodeGroups.map((g) => [g.role, g.instanceType, g.capacity])).toEqual([
      ['system', 'Standard_D2s_v5', undefined],
      ['worker', 'Standard_D4s_v5', 'spot'],
    ]);
  });

  test('natGateways: per-zone has a NAT and an EIP in each zone, single has one', () => {
    const single = variantInventory(eksInventory(), { natGateways: 'single' });
    expect(single.billables.filter((b) => b.kind === 'nat-gateway').map((b) => b.zone)).toEqual(['us-east-1a']);
    expect(single.billables.filter((b) => b.kind === 'public-ipv4')).toHaveLength(1);
    const back = variantInventory(single, { natGateways: 'per-zone' });
    expect(back.billables.filter((b) => b.kind === 'nat-gateway')).toHaveLength(3);
  });

  test('controlPlane carries the spec defaults: kops 3 or 1 members with two etcd volumes each, GKE zonal, AKS Free, NAT single', () => {
    const kops: Inventory = {
      ...kopsInventory(3),
      billables: [
        ...kopsInventory(3).billables,
        ...['events', 'main'].flatMap((kind) =>
          [0, 1, 2].map((i) => ({
            address: `aws_ebs_volume.etcd_${kind}_${i}`,
            kind: 'block-volume' as const,
            description: `EBS gp3 volume (etcd ${kind})`,
            quantity: 1,
            zone: `us-east-1${'abc'[i]}`,
            volume: { type: 'gp3', sizeGiB: 20 },
          })),
        ),
      ],
    };
    const single = variantInventory(kops, { controlPlane: 'single' });
    expect(single.controlPlane.kind === 'self-managed' && single.controlPlane.instances).toHaveLength(1);
    expect(single.billables.filter((b) => /etcd/.test(b.description)).map((b) => b.zone)).toEqual(['us-east-1a', 'us-east-1a']);
    expect(single.billables.filter((b) => b.kind === 'nat-gateway')).toHaveLength(1);
    const ha = variantInventory(single, { controlPlane: 'ha' });
    expect(ha.billables.filter((b) => /etcd/.test(b.description))).toHaveLength(6);
    expect(variantInventory(aksInventory(), { controlPlane: 'single' }).controlPlane).toMatchObject({ tier: 'aks-free' });
    const gke = variantInventory(gkeZonalInventory(), { controlPlane: 'ha' });
    expect(gke.controlPlane).toMatchObject({ tier: 'gke-regional', zone: undefined });
    expect(variantInventory(gke, { gkeMode: 'zonal' }).controlPlane).toMatchObject({ tier: 'gke-zonal', zone: 'us-central1-a' });
  });

  test('monitoring: Amazon Managed Prometheus resources exist only with prometheus', () => {
    const amp = eksInventory({
      billables: [{ address: 'aws_prometheus_workspace.w', kind: 'managed-prometheus-workspace', description: 'AMP', quantity: 1 }],
      workload: workload({ monitoring: 'prometheus' }),
    });
    const dd = variantInventory(amp, { monitoring: 'datadog' });
    expect(dd.workload.monitoring).toBe('datadog');
    expect(dd.billables).toEqual([]);
  });

  test('axes that do not apply to a target are not swept (no duplicate configurations)', () => {
    const axes = parseSweepAxes(['aksTier=Free,Standard', 'gkeMode=regional,zonal', 'natGateways=per-zone,single', 'zones=1..3']);
    expect(configurationsOf('aks', axes)).toHaveLength(6);
    expect(configurationsOf('gke', axes)).toHaveLength(6);
    expect(configurationsOf('eks', axes)).toHaveLength(6);
    expect(configurationsOf('eks', parseSweepAxes(['controlPlane=ha,single', 'natGateways=single']))).toHaveLength(1);
  });
});

describe('runSweep', () => {
  test('finds the cheapest configuration meeting the goal, per target', () => {
    const result = sweep([eksInventory(), kopsInventory(3)], ['nodes=2..6', 'zones=1..3'], 'survive=zone');
    expect(result.evaluated).toBe(30);
    const [eks, kops] = result.targets;
    // One zone never survives a zone loss; the cheapest that does uses 2 zones and the fewest nodes.
    expect(eks.best?.inputs).toEqual({ nodes: 2, zones: 2 });
    expect(eks.feasible).toBe(10);
    // kops: 3 members in 2 zones lose quorum with the zone holding two: only 3 zones qualify.
    expect(kops.best?.inputs).toEqual({ nodes: 2, zones: 3 });
    expect(kops.best!.monthlyTotalUsd).toBeGreaterThan(eks.best!.monthlyTotalUsd);
    // Every configuration is in the result with its inputs, cost and verdicts.
    expect(eks.configurations).toHaveLength(15);
    expect(eks.configurations[0]).toMatchObject({ inputs: { nodes: 2, zones: 1 }, meets: false, misses: ['does not survive zone loss'] });
    expect(eks.configurations[0].verdicts.map((v) => v.id)).toEqual([
      'node-loss',
      'zone-loss',
      'control-plane-upgrade',
      'control-plane-instance-loss',
    ]);
  });

  test('sla= counts only financially backed SLAs; availability= counts the model', () => {
    const bySla = sweep([kopsInventory(3)], ['zones=3'], 'sla=99.9');
    expect(bySla.targets[0].best).toBeUndefined();
    expect(bySla.targets[0].configurations[0].misses).toEqual(['financially backed SLA none < 99.9%']);
    const byModel = sweep([kopsInventory(3)], ['zones=3'], 'availability=99.9');
    expect(byModel.targets[0].best?.modelledAvailability).toBeGreaterThanOrEqual(99.9);
    expect(sweep([eksInventory()], ['zones=3'], 'sla=99.95').targets[0].best?.sla).toBe(99.95);
  });

  test('Prometheus vs Datadog: the cheapest per monitoring choice, with what each covers', () => {
    const result = sweep([eksInventory()], ['monitoring=prometheus,datadog,none', 'nodes=3'], 'survive=node');
    const byChoice = result.targets[0].cheapestByMonitoring!;
    expect(byChoice.none!.monthlyTotalUsd).toBeLessThan(byChoice.prometheus!.monthlyTotalUsd);
    expect(byChoice.prometheus!.monthlyTotalUsd).toBeLessThan(byChoice.datadog!.monthlyTotalUsd);
    expect(result.monitoringCoverage.datadog).toMatch(/every host/);
  });

  test('spot is cheaper than on-demand for the same configuration', () => {
    const result = sweep([eksInventory()], ['capacity=on-demand,spot']);
    const [onDemand, spot] = result.targets[0].configurations;
    expect(spot.inputs.capacity).toBe('spot');
    expect(spot.monthlyTotalUsd).toBeLessThan(onDemand.monthlyTotalUsd);
    // The verdicts do not model a reclaim wave: a spot configuration says so.
    expect(spot.caveats).toEqual([expect.stringMatching(/reclaim many nodes of one type at once/)]);
    expect(onDemand.caveats).toEqual([]);
  });

  test('--require alone checks the configuration as synthesized', () => {
    const result = sweep([eksInventory(), kopsInventory(3)], [], 'survive=zone');
    expect(result.evaluated).toBe(2);
    expect(result.targets.map((t) => [t.best?.inputs, t.feasible])).toEqual([
      [{}, 1],
      [{}, 1],
    ]);
  });

  test('an impossible goal finds nothing and says so', () => {
    const result = sweep([eksInventory()], ['zones=1'], 'survive=zone');
    expect(result.targets[0].best).toBeUndefined();
    expect(result.feasible).toBe(0);
  });
});
