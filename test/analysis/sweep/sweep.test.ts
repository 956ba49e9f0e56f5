import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { runSweep } from '../../../src/analysis/sweep/run-sweep';
import { parseRequirement, parseSweepAxes } from '../../../src/analysis/sweep/sweep-spec';
import { variantInventory } from '../../../src/analysis/sweep/variant';
import { UsageError } from '../../../src/spec/usage-error';
import { eksInventory, kopsInventory } from '../inventory-fixture';

describe('sweep syntax', () => {
  test.each([
    [['nodes=2..4'], { nodes: [2, 3, 4] }],
    [['zones=1,3'], { zones: [1, 3] }],
    [['nodes=3', 'zones=1..3'], { nodes: [3], zones: [1, 2, 3] }],
  ])('%j', (values, axes) => expect(parseSweepAxes(values)).toEqual(axes));

  test.each([['zones=0..4'], ['cpus=1..2'], ['nodes=5..2'], ['nodes']])('rejects %s with the allowed syntax', (value) => {
    expect(() => parseSweepAxes([value])).toThrow(UsageError);
  });

  test('requirements', () => {
    expect(parseRequirement('survive=zone+upgrade,sla=99.95,max-cost=800')).toEqual({
      survive: ['zone', 'upgrade'],
      sla: 99.95,
      maxMonthlyUsd: 800,
    });
    expect(() => parseRequirement('survive=meteor')).toThrow(/allowed: node, zone, upgrade, cp-instance/);
  });
});

describe('variants', () => {
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

  test('nodes set the workload pool size and widen its bounds', () => {
    const v = variantInventory(eksInventory(), { nodes: 8 });
    expect(v.nodeGroups[0]).toMatchObject({ desiredNodes: 8, minNodes: 3, maxNodes: 8 });
  });
});

describe('runSweep', () => {
  test('finds the cheapest configuration meeting the goal, per target', () => {
    const result = runSweep(
      [eksInventory(), kopsInventory(3)],
      { nodes: [2, 3, 4, 5, 6], zones: [1, 2, 3] },
      parseRequirement('survive=zone,sla=99.95'),
      PRICE_CATALOG,
    );
    expect(result.evaluated).toBe(30);
    const [eks, kops] = result.perTarget;
    // One zone never survives a zone loss; the cheapest that does uses 2 zones and the fewest nodes.
    expect(eks.best?.variant).toEqual({ nodes: 2, zones: 2 });
    expect(eks.feasible).toBe(10);
    // kops: 3 members in 2 zones lose quorum with the zone holding two: only 3 zones qualify.
    expect(kops.best?.variant).toEqual({ nodes: 2, zones: 3 });
    expect(kops.best!.monthlyTotalUsd).toBeGreaterThan(eks.best!.monthlyTotalUsd);
  });

  test('an impossible goal finds nothing and says so', () => {
    const result = runSweep([eksInventory()], { zones: [1] }, parseRequirement('survive=zone'), PRICE_CATALOG);
    expect(result.perTarget[0].best).toBeUndefined();
    expect(result.perTarget[0].feasible).toBe(0);
  });

  test('is fast enough to be interactive: thousands of configurations per second', () => {
    const axes = { nodes: Array.from({ length: 40 }, (_, i) => i + 1), zones: [1, 2, 3] };
    runSweep([eksInventory(), kopsInventory(3)], axes, parseRequirement('survive=zone'), PRICE_CATALOG);
    const result = runSweep([eksInventory(), kopsInventory(3)], axes, parseRequirement('survive=zone'), PRICE_CATALOG);
    expect(result.evaluated).toBe(240);
    expect(result.configurationsPerSecond).toBeGreaterThan(1000);
  });
});
