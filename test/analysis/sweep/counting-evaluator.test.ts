import { controlPlaneFacts } from '../../../src/analysis/fault/control-plane-model';
import { analyseFaultTolerance } from '../../../src/analysis/fault/scenarios';
import type { Inventory, ManagedControlPlane } from '../../../src/analysis/inventory/inventory';
import { countingVerdicts } from '../../../src/analysis/sweep/counting-evaluator';
import { getTarget } from '../../../src/targets/registry';
import { eksInventory, pool, workload } from '../inventory-fixture';

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES = {
  eks: { cloud: 'aws', region: 'us-east-1', types: ['t3.medium', 'm6i.large', 'm6i.xlarge'], zone: (i: number) => `us-east-1${'abc'[i]}` },
  kops: { cloud: 'aws', region: 'us-east-1', types: ['t3.medium', 'm6i.large', 'm6i.xlarge'], zone: (i: number) => `us-east-1${'abc'[i]}` },
  gke: {
    cloud: 'gcp',
    region: 'us-central1',
    types: ['e2-medium', 'e2-standard-2', 'e2-standard-4'],
    zone: (i: number) => `us-central1-${'abc'[i]}`,
  },
  aks: {
    cloud: 'azure',
    region: 'eastus',
    types: ['Standard_B2s', 'Standard_D2s_v5', 'Standard_D4s_v5'],
    zone: (i: number) => `eastus-${i + 1}`,
  },
} as const;

const MANAGED_TIERS: Record<string, ManagedControlPlane['tier'][]> = {
  eks: ['eks-standard'],
  gke: ['gke-regional', 'gke-zonal'],
  aks: ['aks-free', 'aks-standard', 'aks-premium'],
};

function randomInventory(r: () => number): Inventory {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const target = pick(['eks', 'gke', 'aks', 'kops'] as const);
  const shape = SHAPES[target];
  const zoneCount = 1 + Math.floor(r() * 3);
  const zones = Array.from({ length: zoneCount }, (_, i) => shape.zone(i));
  const nodes = Math.floor(r() * 41);
  const replicas = Math.floor(r() * 31);
  const spread = pick(['hard', 'soft', 'none'] as const);
  const budget = pick([undefined, { maxUnavailable: 1 + Math.floor(r() * 2) }, { minAvailable: Math.floor(r() * (replicas + 1)) }]);
  const controlPlane: Inventory['controlPlane'] =
    target === 'kops'
      ? {
          kind: 'self-managed',
          instances: Array.from({ length: pick([1, 3, 5]) }, (_, i) => ({
            address: `cp${i}`,
            instanceType: 'm6i.large',
            zone: r() < 0.8 ? zones[i % zones.length] : pick(zones),
            rootVolume: { type: 'gp3', sizeGiB: 64 },
          })),
        }
      : { kind: 'managed', address: 'c', tier: pick(MANAGED_TIERS[target]), zone: zones[0], usesAvailabilityZones: r() < 0.7 };
  const workerGroup = pool({ address: 'g.apps', instanceType: pick(shape.types), zones, desiredNodes: nodes, minNodes: 0, maxNodes: 60 });
  const others =
    r() < 0.4
      ? [pool({ address: 'g.system', pool: undefined, role: 'system', instanceType: shape.types[1], zones, desiredNodes: zoneCount })]
      : [];
  return eksInventory({
    target,
    cloud: shape.cloud,
    region: shape.region,
    controlPlane,
    nodeGroups: r() < 0.5 ? [...others, workerGroup] : [workerGroup, ...others],
    billables: [],
    workload: workload({
      replicas,
      maxReplicas: replicas,
      requests: { cpuMillicores: pick([0, 100, 250, 500, 900, 1500]), memoryMiB: pick([0, 128, 256, 1024, 3000, 6000]) },
      disruptionBudget: budget,
      zoneSpread: spread,
    }),
  });
}

describe('counting evaluator', () => {
  test('agrees with the scenario functions on every verdict, over 3,000 random inventories', () => {
    const r = rng(20261201);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const inv = randomInventory(r);
      const target = getTarget(inv.target);
      const allocatable = (type: string) => target.nodeAllocatable(type);
      const fast = countingVerdicts(inv, allocatable, controlPlaneFacts(inv));
      expect(fast).toBeDefined();
      const slow = analyseFaultTolerance(inv, allocatable).scenarios.map(
        ({ id, apiAvailable, servingFraction, restorable, drainAllowed }) => ({
          id,
          apiAvailable,
          servingFraction,
          restorable,
          drainAllowed,
        }),
      );
      if (JSON.stringify(fast) !== JSON.stringify(slow)) {
        throw new Error(
          `inventory #${i} differs:\n${JSON.stringify(inv)}\ncounting: ${JSON.stringify(fast)}\nscenarios: ${JSON.stringify(slow)}`,
        );
      }
      compared++;
    }
    expect(compared).toBe(3000);
  });

  test('declines what it does not model (two node groups selected), so the sweep falls back', () => {
    const inv = eksInventory({ nodeGroups: [pool({ address: 'a' }), pool({ address: 'b' })], workload: workload({ nodeSelector: {} }) });
    expect(countingVerdicts(inv, (t) => getTarget('eks').nodeAllocatable(t), controlPlaneFacts(inv))).toBeUndefined();
  });
});
