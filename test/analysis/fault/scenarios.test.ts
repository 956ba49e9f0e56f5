import { analyseFaultTolerance, drainAllowed } from '../../../src/analysis/fault/scenarios';
import { quorumAvailability } from '../../../src/analysis/fault/control-plane-model';
import type { ScenarioOutcome } from '../../../src/analysis/report/comparison-report';
import type { NodeAllocatable } from '../../../src/targets/cluster-target';
import { eksInventory, gkeZonalInventory, kopsInventory, pool, workload } from '../inventory-fixture';

/** A roomy node: 1900m / 7000 MiB / 110 pods allocatable. */
const roomy = (): NodeAllocatable => ({ cpuMillicores: 1900, memoryMiB: 7000, maxPods: 110 });
/** A node with room for exactly one 250m replica after DaemonSets (100m). */
const tight = (): NodeAllocatable => ({ cpuMillicores: 400, memoryMiB: 7000, maxPods: 110 });

function scenario(outcomes: readonly ScenarioOutcome[], id: ScenarioOutcome['id']): ScenarioOutcome {
  return outcomes.find((o) => o.id === id)!;
}

describe('fault scenarios', () => {
  test('3 replicas over 3 zones on EKS: every failure is survived', () => {
    const { scenarios, controlPlane } = analyseFaultTolerance(eksInventory(), roomy);
    expect(controlPlane.sla).toBe(99.95);
    expect(scenarios.map((s) => [s.id, s.apiAvailable, s.servingFraction, s.restorable])).toEqual([
      ['node-loss', true, 0.667, true],
      ['zone-loss', true, 0.667, true],
      ['control-plane-upgrade', true, 1, true],
      ['control-plane-instance-loss', true, 1, true],
    ]);
  });

  test.each([
    // [case, zones, nodes, replicas, capacity fn, node-loss serving, node-loss restorable, zone-loss serving, zone-loss restorable]
    ['one zone: zone loss takes everything', ['us-east-1a'], 3, 3, roomy, 0.667, true, 0, false],
    ['replicas < zones: a zone loss can be free', ['us-east-1a', 'us-east-1b', 'us-east-1c'], 3, 2, roomy, 0.5, true, 0.5, true],
    [
      'tight nodes: lost replicas cannot be rescheduled',
      ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      3,
      3,
      tight,
      0.667,
      false,
      0.667,
      false,
    ],
    ['two zones, four nodes', ['us-east-1a', 'us-east-1b'], 4, 4, roomy, 0.75, true, 0.5, true],
  ] as const)('%s', (_name, zones, nodes, replicas, capacity, nodeServing, nodeRestorable, zoneServing, zoneRestorable) => {
    const inv = eksInventory({
      nodeGroups: [pool({ zones: [...zones], desiredNodes: nodes })],
      workload: workload({ replicas }),
    });
    const { scenarios } = analyseFaultTolerance(inv, capacity);
    expect(scenario(scenarios, 'node-loss')).toMatchObject({ servingFraction: nodeServing, restorable: nodeRestorable });
    expect(scenario(scenarios, 'zone-loss')).toMatchObject({ servingFraction: zoneServing, restorable: zoneRestorable });
  });

  test('hard zone spread leaves pods Pending when one zone is full (maxSkew 1), soft spread does not', () => {
    // Zone a has one tight node (1 pod), zones b and c roomy: with maxSkew 1 over 3 zones and a
    // stuck at 1, b and c may hold at most 2 each, so 5 of 6 replicas run and 1 stays Pending.
    const inv = (zoneSpread: 'hard' | 'soft') =>
      eksInventory({
        nodeGroups: [
          pool({ address: 'aws_eks_node_group.a', zones: ['us-east-1a'], desiredNodes: 1, instanceType: 't3.medium' }),
          pool({ address: 'aws_eks_node_group.bc', zones: ['us-east-1b', 'us-east-1c'], desiredNodes: 2 }),
        ],
        workload: workload({ replicas: 6, zoneSpread }),
      });
    const alloc = (type: string) => (type === 't3.medium' ? tight() : roomy());
    expect(scenario(analyseFaultTolerance(inv('hard'), alloc).scenarios, 'control-plane-upgrade').servingFraction).toBe(0.833);
    expect(scenario(analyseFaultTolerance(inv('soft'), alloc).scenarios, 'control-plane-upgrade').servingFraction).toBe(1);
  });

  test('kops: 1 control-plane instance loses the API on upgrade and instance loss', () => {
    const { scenarios, controlPlane } = analyseFaultTolerance(kopsInventory(1), roomy);
    expect(controlPlane.sla).toBeNull();
    expect(controlPlane.tolerates).toEqual({ instances: 0, zones: 0 });
    // 99.5% (one member, EC2 instance-level) x 99.99% (the API NLB over 3 zones).
    expect(controlPlane.modelledAvailability).toBe(99.4901);
    expect(scenario(scenarios, 'control-plane-upgrade').apiAvailable).toBe(false);
    expect(scenario(scenarios, 'control-plane-instance-loss').apiAvailable).toBe(false);
    // The single member's zone is the worst zone to lose.
    expect(scenario(scenarios, 'zone-loss')).toMatchObject({ apiAvailable: false });
    expect(scenario(scenarios, 'zone-loss').explanation).toContain('us-east-1a');
  });

  test('kops: 3 members over 3 zones keep quorum through one zone or instance loss', () => {
    const { scenarios, controlPlane } = analyseFaultTolerance(kopsInventory(3), roomy);
    expect(controlPlane.tolerates).toEqual({ instances: 1, zones: 1 });
    expect(controlPlane.modelledAvailability).toBe(99.98); // etcd capped at the EC2 region-level 99.99%, x ELB multi-AZ 99.99%
    expect(scenarios.every((s) => s.apiAvailable)).toBe(true);
  });

  test('kops: 3 members squeezed into 2 zones do not survive losing the zone holding two', () => {
    const { scenarios, controlPlane } = analyseFaultTolerance(kopsInventory(3, ['us-east-1a', 'us-east-1b']), roomy);
    expect(controlPlane.tolerates).toEqual({ instances: 1, zones: 0 });
    expect(scenario(scenarios, 'zone-loss').apiAvailable).toBe(false);
  });

  test('quorum availability: 3 independent 99.5% members', () => {
    expect(quorumAvailability(3, 99.5)).toBeCloseTo(99.9925, 4);
    expect(quorumAvailability(1, 99.5)).toBeCloseTo(99.5, 6);
  });

  test('GKE zonal: the control-plane zone is the worst zone to lose, and upgrades take the API down', () => {
    const inv = gkeZonalInventory();
    const { scenarios, controlPlane } = analyseFaultTolerance(inv, roomy);
    expect(controlPlane.sla).toBe(99.5);
    expect(scenario(scenarios, 'zone-loss')).toMatchObject({ apiAvailable: false, servingFraction: 0.667 });
    expect(scenario(scenarios, 'control-plane-upgrade').apiAvailable).toBe(false);
  });

  test.each([
    ['no PDB', undefined, 3, true],
    ['maxUnavailable 1, all healthy', { maxUnavailable: 1 }, 3, true],
    ['maxUnavailable 1, one already down', { maxUnavailable: 1 }, 2, false],
    ['minAvailable 2 of 3, all healthy', { minAvailable: 2 }, 3, true],
    ['minAvailable 3 of 3 blocks every drain', { minAvailable: 3 }, 3, false],
  ] as const)('PDB arithmetic: %s', (_name, budget, healthy, allowed) => {
    expect(drainAllowed(workload({ replicas: 3, disruptionBudget: budget }), healthy)).toBe(allowed);
  });

  test('a PDB that cannot be met after a zone loss blocks drains', () => {
    const inv = eksInventory({
      nodeGroups: [pool({ zones: ['us-east-1a'] })],
      workload: workload({ disruptionBudget: { maxUnavailable: 1 } }),
    });
    expect(scenario(analyseFaultTolerance(inv, roomy).scenarios, 'zone-loss').drainAllowed).toBe(false);
  });

  test('zone-loss headroom: 2 surviving roomy nodes vs 3 x 250m requested', () => {
    // Spare per node after DaemonSets: 1800m; survivors 3600m vs 750m needed -> +380%; memory 13600 vs 768 -> larger.
    expect(analyseFaultTolerance(eksInventory(), roomy).zoneLossHeadroomPercent).toBe(380);
  });
});

describe('the control-plane upgrade scenario names the mechanism that exists', () => {
  const upgrade = (inv: Parameters<typeof analyseFaultTolerance>[0]) =>
    analyseFaultTolerance(inv, roomy).scenarios.find((s) => s.id === 'control-plane-upgrade')!;
  test.each([
    ['eks', eksInventory(), true, /AWS upgrades the EKS control plane in place/],
    ['gke zonal', gkeZonalInventory(), false, /single zonal control-plane replica: the API is down/],
    [
      'kops, 3 members',
      kopsInventory(3),
      true,
      /`orquesta upgrade --target kops` upgrades the members in place, one at a time.*etcd reports every member healthy/,
    ],
    ['kops, 1 member', kopsInventory(1), false, /`orquesta upgrade` runs `kubeadm upgrade apply` on the only control-plane member/],
  ] as const)('%s', (_name, inv, apiUp, text) => {
    const s = upgrade(inv);
    expect(s.apiAvailable).toBe(apiUp);
    expect(s.explanation).toMatch(text);
  });
});
