/**
 * The steady state keeps an entry only for the first nodes of each zone, and a loss re-places the
 * lost nodes' add-on replicas from it instead of rebuilding everything. Both shortcuts must give
 * exactly the room the full computation gives, for every node: checked over many random shapes
 * against the rebuild path (the same function without the saved state).
 */
import { addonReservations, nodeId, type AddonReservations } from '../../../src/analysis/fault/addon-reservations';
import type { AddonInventory, Inventory } from '../../../src/analysis/inventory/inventory';
import type { NodeAllocatable } from '../../../src/targets/cluster-target';
import { eksInventory, pool } from '../inventory-fixture';

/** A small deterministic PRNG (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALLOCATABLE = (): NodeAllocatable => ({ cpuMillicores: 1930, memoryMiB: 7000, maxPods: 29 });
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function randomInventory(rnd: () => number): Inventory {
  const zones = ZONES.slice(0, 1 + Math.floor(rnd() * 3));
  const addons: AddonInventory[] = [
    { name: 'kube-proxy', namespace: 'kube-system', footprint: { perNode: { cpuMillicores: 100, memoryMiB: 0 } } },
    ...Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => ({
      name: `controller-${i}`,
      namespace: 'kube-system',
      footprint: {
        replicas: {
          count: 1 + Math.floor(rnd() * 3),
          cpuMillicores: 50 + Math.floor(rnd() * 600),
          memoryMiB: 50 + Math.floor(rnd() * 900),
        },
      },
    })),
  ];
  const nodes = 1 + Math.floor(rnd() * 40);
  return eksInventory({ nodeGroups: [pool({ zones, minNodes: 1, desiredNodes: nodes, maxNodes: 100 })], addons });
}

function roomOf(inv: Inventory, r: AddonReservations): string[] {
  const g = inv.nodeGroups[0];
  return Array.from({ length: g.desiredNodes }, (_, i) => {
    const f = r.byNode.get(nodeId(g, i));
    return f ? `${f.cpuMillicores}/${f.memoryMiB}/${f.pods}` : 'lost';
  });
}

test('after a node or zone loss: the same room on every node as rebuilding the reservations', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const rnd = random(seed);
    const inv = randomInventory(rnd);
    const before = addonReservations(inv, ALLOCATABLE);
    const g = inv.nodeGroups[0];
    const holding = [...new Set(before.replicas.map((r) => r.node))];
    const losses: string[][] = [
      ...holding.map((id) => [id]),
      ...g.zones.map((zone) =>
        Array.from({ length: g.desiredNodes }, (_, i) => i)
          .filter((i) => g.zones[i % g.zones.length] === zone)
          .map((i) => nodeId(g, i)),
      ),
    ];
    for (const lost of losses) {
      const nodes = new Set(lost);
      const fast = addonReservations(inv, ALLOCATABLE, inv.nodeGroups, { nodes, before });
      const rebuilt = addonReservations(inv, ALLOCATABLE, inv.nodeGroups, { nodes, before: { ...before, state: undefined } });
      expect({ seed, lost, room: roomOf(inv, fast) }).toEqual({ seed, lost, room: roomOf(inv, rebuilt) });
    }
  }
});
