import {
  classNodes,
  place,
  placeOnClasses,
  replicasOnNode,
  workloadClasses,
  workloadNodes,
  type NodeClass,
  type SimNode,
} from '../../../src/analysis/fault/placement';
import { analyseFaultTolerance } from '../../../src/analysis/fault/scenarios';
import type { WorkloadInventory } from '../../../src/analysis/inventory/inventory';
import type { NodeAllocatable } from '../../../src/targets/cluster-target';
import { eksInventory, pool, workload } from '../inventory-fixture';

/**
 * The scheduler one pod at a time, node by node (what placement did before it counted per zone):
 * emptiest zone first under the zone constraint, then the emptiest node in it.
 */
function placePodByPod(nodes: readonly SimNode[], count: number, spread: WorkloadInventory['zoneSpread']): Map<string, number> {
  const perNode = new Map(nodes.map((n) => [n.id, 0]));
  const inZone = (zone: string) => nodes.filter((n) => n.zone === zone).reduce((s, n) => s + perNode.get(n.id)!, 0);
  for (let i = 0; i < count; i++) {
    const min = Math.min(...nodes.map((n) => inZone(n.zone)));
    let best: SimNode | undefined;
    for (const n of nodes) {
      if (perNode.get(n.id)! >= n.podCapacity || (spread === 'hard' && inZone(n.zone) + 1 - min > 1)) continue;
      const better =
        !best || inZone(n.zone) < inZone(best.zone) || (inZone(n.zone) === inZone(best.zone) && perNode.get(n.id)! < perNode.get(best.id)!);
      if (better) best = n;
    }
    if (best) perNode.set(best.id, perNode.get(best.id)! + 1);
  }
  return perNode;
}

const alloc = (cpu: number) => (): NodeAllocatable => ({ cpuMillicores: cpu, memoryMiB: 64000, maxPods: 110 });

describe('placement by counting agrees with placing pod by pod', () => {
  test.each([
    // nodes, zones, replicas, allocatable CPU (250m pods after 100m DaemonSets), spread
    [3, 3, 3, 1900, 'hard'],
    [7, 3, 10, 1900, 'hard'],
    [4, 2, 9, 650, 'hard'],
    [5, 3, 40, 650, 'soft'],
    [100, 3, 37, 1900, 'hard'],
    [2, 1, 5, 650, 'none'],
  ] as const)('%i nodes over %i zones, %i replicas, %im CPU, %s spread', (nodes, zones, replicas, cpu, spread) => {
    const inv = eksInventory({
      nodeGroups: [pool({ desiredNodes: nodes, zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'].slice(0, zones) })],
      workload: workload({ replicas, zoneSpread: spread }),
    });
    const classes = workloadClasses(inv, alloc(cpu));
    const counted = placeOnClasses(classes, replicas, spread);
    const reference = placePodByPod(classNodes(classes), replicas, spread);
    const perZone = (get: (c: NodeClass, i: number) => number) =>
      Object.fromEntries(
        ['us-east-1a', 'us-east-1b', 'us-east-1c'].map((z) => [z, classes.reduce((s, c, i) => s + (c.zone === z ? get(c, i) : 0), 0)]),
      );
    expect(perZone((_c, i) => counted.replicas[i])).toEqual(
      perZone((c) => c.indexes.reduce((s, index) => s + reference.get(`${c.group}#${index}`)!, 0)),
    );
    // Per node: the same multiset of counts within each class (even spread, the remainder first).
    classes.forEach((c, i) => {
      const mine = c.indexes.map((_, j) => replicasOnNode(c, counted.replicas[i], j)).sort();
      const theirs = c.indexes.map((index) => reference.get(`${c.group}#${index}`)!).sort();
      expect(mine).toEqual(theirs);
    });
  });

  test('a node class per group and zone: 100 nodes over 3 zones are 3 classes', () => {
    const classes = workloadClasses(eksInventory({ nodeGroups: [pool({ desiredNodes: 100 })] }), alloc(1900));
    expect(classes.map((c) => [c.zone, c.indexes.length])).toEqual([
      ['us-east-1a', 34],
      ['us-east-1b', 33],
      ['us-east-1c', 33],
    ]);
    expect(classes[1].indexes.slice(0, 3)).toEqual([1, 4, 7]);
  });

  test.each([
    ['no add-ons', []],
    [
      'add-on replicas make some nodes fuller',
      [{ name: 'coredns', namespace: 'kube-system', footprint: { replicas: { count: 2, cpuMillicores: 300, memoryMiB: 100 } } }],
    ],
  ] as const)('place() on workloadNodes() is node for node what the analysis reports (%s)', (_name, addons) => {
    const inv = eksInventory({ addons, nodeGroups: [pool({ desiredNodes: 7 })], workload: workload({ replicas: 8, zoneSpread: 'hard' }) });
    const placement = place(workloadNodes(inv, alloc(900)), 8, 'hard');
    const drawn = Object.fromEntries([...placement.perNode].filter(([, n]) => n > 0));
    const { scenarios } = analyseFaultTolerance(inv, alloc(900));
    expect(drawn).toEqual(scenarios[0].detail!.replicasBefore);
  });
});
