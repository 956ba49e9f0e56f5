import { buildComparison } from '../../../src/analysis/build-comparison';
import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { ALL_TARGETS } from '../../../src/targets/registry';
import { synthesizedExample } from '../../synthesized-example';
import { TEST_NOW } from '../../util';

/** The topology in a real report: built from the synthesized example's inventories, never from the spec. */
describe('buildComparison: targets.<id>.topology from the synthesized output', () => {
  let built: ReturnType<typeof buildComparison>;
  beforeAll(() => {
    const example = synthesizedExample();
    const synthesized = ALL_TARGETS.map((t) => example[t.id]);
    built = buildComparison({ synthesized, catalog: PRICE_CATALOG, now: TEST_NOW });
  }, 300_000);

  test('every target: one node per desired node of its groups, in their zones, carrying every replica', () => {
    for (const inv of built.inventories) {
      const topology = built.report.targets[inv.target].topology!;
      expect(topology.nodes).toHaveLength(inv.nodeGroups.reduce((s, g) => s + g.desiredNodes, 0));
      expect(new Set(topology.nodes.map((n) => n.zone))).toEqual(new Set(inv.nodeGroups.flatMap((g) => g.zones)));
      expect(topology.nodes.reduce((s, n) => s + n.replicas, 0) + topology.pendingReplicas).toBe(inv.workload.replicas);
      expect(topology.loadBalancers.filter((lb) => lb.kind !== 'kubernetes-api').map((lb) => lb.address)).toEqual(
        inv.workload.loadBalancers.map((lb) => lb.address),
      );
    }
  });

  test('control plane and egress as the stacks create them', () => {
    const t = built.report.targets;
    expect(t.eks.topology!.controlPlane).toMatchObject({ kind: 'managed', tier: 'eks-standard' });
    expect(t.kops.topology!.controlPlane).toMatchObject({ kind: 'self-managed' });
    const kopsInv = built.inventories.find((i) => i.target === 'kops')!;
    const members = kopsInv.controlPlane.kind === 'self-managed' ? kopsInv.controlPlane.instances.length : 0;
    expect(t.kops.topology!.controlPlane.kind === 'self-managed' && t.kops.topology!.controlPlane.quorum).toBe(Math.floor(members / 2) + 1);
    const eksNats = built.inventories.find((i) => i.target === 'eks')!.billables.filter((b) => b.kind === 'nat-gateway');
    expect(t.eks.topology!.egress).toEqual({ kind: 'zonal-nat', gateways: eksNats.map((b) => ({ address: b.address, zone: b.zone })) });
    expect(t.gke.topology!.egress.kind).toBe('regional');
    expect(t.aks.topology!.egress.kind).toBe('regional');
  });

  test('comparison.json carries the topology as plain JSON', () => {
    const json = JSON.parse(JSON.stringify(built.report));
    expect(json.targets.kops.topology).toEqual(built.report.targets.kops.topology);
  });
});
