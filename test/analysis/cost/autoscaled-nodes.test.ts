import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { lookupPrice } from '../../../src/analysis/cost/catalog/price-fact';
import { autoscaledNodes } from '../../../src/analysis/cost/autoscaled-nodes';
import { priceInventory } from '../../../src/analysis/cost/cost-model';
import { runSweep } from '../../../src/analysis/sweep/run-sweep';
import { parseRequirement, parseSweepAxes } from '../../../src/analysis/sweep/sweep-spec';
import type { NodeAllocatable } from '../../../src/targets/cluster-target';
import { getTarget } from '../../../src/targets/registry';
import { TEST_NOW } from '../../util';
import { eksInventory, pool, workload } from '../inventory-fixture';

const eks = (type: string): NodeAllocatable => getTarget('eks').nodeAllocatable(type);
const r2 = (n: number) => Math.round(n * 100) / 100;

describe('nodes the cluster autoscaler adds', () => {
  // m6i.large leaves about 1.8 vCPU for pods after reservations and DaemonSets: two 900m replicas fit per node, so seven need four nodes.
  const heavy = workload({ replicas: 7, requests: { cpuMillicores: 900, memoryMiB: 512 }, zoneSpread: 'soft' });

  test('none while the replicas fit on the nodes the stack sets', () => {
    expect(autoscaledNodes(eksInventory(), eks).size).toBe(0);
    const plain = priceInventory(eksInventory(), PRICE_CATALOG, { at: TEST_NOW });
    expect(priceInventory(eksInventory(), PRICE_CATALOG, { at: TEST_NOW, allocatable: eks }).monthlyTotalUsd).toBe(plain.monthlyTotalUsd);
  });

  test('the fewest extra nodes with which nothing stays pending, priced as nodes and said so', () => {
    const inv = eksInventory({ workload: heavy });
    expect(autoscaledNodes(inv, eks)).toEqual(new Map([['aws_eks_node_group.apps', 1]]));
    const cost = priceInventory(inv, PRICE_CATALOG, { at: TEST_NOW, allocatable: eks });
    const nodes = cost.lineItems.find((l) => l.address === 'aws_eks_node_group.apps' && l.category === 'compute')!;
    expect(nodes.description).toMatch(
      /4 x m6i\.large \(1 added by the cluster autoscaler: the replicas do not fit on the 3 the stack sets\)/,
    );
    expect(nodes.monthlyUsd).toBe(r2(4 * 730 * lookupPrice(PRICE_CATALOG, 'aws', 'us-east-1', 'ec2:m6i.large').usd));
  });

  test('never beyond the pool maximum; a pool that cannot grow adds nothing', () => {
    const huge = workload({ replicas: 40, requests: { cpuMillicores: 900, memoryMiB: 512 }, zoneSpread: 'soft' });
    expect(autoscaledNodes(eksInventory({ workload: huge }), eks)).toEqual(new Map([['aws_eks_node_group.apps', 3]]));
    expect(autoscaledNodes(eksInventory({ workload: huge, nodeGroups: [pool({ maxNodes: 3 })] }), eks).size).toBe(0);
  });

  test('a sweep prices and analyses what would run, and records the added nodes', () => {
    const result = runSweep([eksInventory({ workload: heavy })], parseSweepAxes(['nodes=3']), parseRequirement(undefined), PRICE_CATALOG, {
      at: TEST_NOW,
    });
    const [c] = result.targets[0].configurations;
    expect(c.autoscaledNodes).toBe(1);
    expect(c.verdicts.find((v) => v.id === 'node-loss')?.servingFraction).toBeGreaterThan(0);
  });
});
