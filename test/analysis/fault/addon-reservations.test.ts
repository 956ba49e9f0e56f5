/**
 * The steady state keeps an entry only for the first nodes of each zone, and a loss re-places the
 * lost nodes' add-on replicas from it instead of rebuilding everything. Both shortcuts must give
 * exactly the room the full computation gives, for every node: checked over many random shapes
 * against a brute-force reference written here (every node, the scheduler rule spelled out).
 */
import { addonReservations, afterLoss, baseNodeFree, nodeId, type AddonReservations } from '../../../src/analysis/fault/addon-reservations';
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

interface Room {
  cpu: number;
  mem: number;
  pods: number;
  readonly zone: string;
}

/**
 * The scheduler rule without shortcuts: every node of the pool, each add-on replica on the node
 * that fits it in the zone with the fewest replicas of that add-on, then with the most free CPU,
 * then first in node order. `lost` nodes are gone; `keep` replicas stay where they ran.
 */
function reference(inv: Inventory, lost: ReadonlySet<string>, keep: ReadonlyArray<{ addon: string; node: string }>): string[] {
  const g = inv.nodeGroups[0];
  const base = baseNodeFree(inv, ALLOCATABLE());
  const rooms = new Map<string, Room>();
  for (let i = 0; i < g.desiredNodes; i++) {
    const id = nodeId(g, i);
    if (!lost.has(id)) rooms.set(id, { cpu: base.cpuMillicores, mem: base.memoryMiB, pods: base.pods, zone: g.zones[i % g.zones.length] });
  }
  const request = new Map(inv.addons.map((a) => [a.name, a.footprint.replicas]));
  const placed: Array<{ addon: string; node: string }> = [];
  const take = (addon: string, node: string) => {
    const r = request.get(addon)!;
    const room = rooms.get(node)!;
    room.cpu -= r.cpuMillicores;
    room.mem -= r.memoryMiB;
    room.pods -= 1;
    placed.push({ addon, node });
  };
  const toPlace: string[] = [];
  for (const k of keep) {
    if (lost.has(k.node)) toPlace.push(k.addon);
    else take(k.addon, k.node);
  }
  if (keep.length === 0) for (const a of inv.addons) for (let i = 0; i < (a.footprint.replicas?.count ?? 0); i++) toPlace.push(a.name);
  for (const addon of toPlace) {
    const r = request.get(addon)!;
    const inZone = (zone: string) => placed.filter((p) => p.addon === addon && rooms.get(p.node)?.zone === zone).length;
    let best: string | undefined;
    for (const [id, room] of rooms) {
      if (room.cpu < r.cpuMillicores || room.mem < r.memoryMiB || room.pods < 1) continue;
      if (best === undefined) best = id;
      else {
        const b = rooms.get(best)!;
        const diff = inZone(room.zone) - inZone(b.zone);
        if (diff < 0 || (diff === 0 && room.cpu > b.cpu)) best = id;
      }
    }
    if (best !== undefined) take(addon, best);
  }
  return Array.from({ length: g.desiredNodes }, (_, i) => {
    const room = rooms.get(nodeId(g, i));
    return room ? `${room.cpu}/${room.mem}/${room.pods}` : 'lost';
  });
}

function roomOf(inv: Inventory, r: AddonReservations): string[] {
  const g = inv.nodeGroups[0];
  return Array.from({ length: g.desiredNodes }, (_, i) => {
    const f = r.byNode.get(nodeId(g, i));
    return f ? `${f.cpuMillicores}/${f.memoryMiB}/${f.pods}` : 'lost';
  });
}

test('the steady state, and after a node or zone loss, give the brute-force room on every node', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const rnd = random(seed);
    const inv = randomInventory(rnd);
    const before = addonReservations(inv, ALLOCATABLE);
    expect({ seed, room: roomOf(inv, before) }).toEqual({ seed, room: reference(inv, new Set(), []) });
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
      expect({ seed, lost, room: roomOf(inv, afterLoss(inv, before, nodes)) }).toEqual({
        seed,
        lost,
        room: reference(inv, nodes, before.replicas),
      });
    }
  }
});
