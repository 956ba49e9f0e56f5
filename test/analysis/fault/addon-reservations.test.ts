/**
 * The steady state keeps an entry only for the nodes add-on replicas landed on (the first untouched
 * node of a group and zone stands for all the others), and a loss re-places the lost nodes' add-on
 * replicas from it instead of rebuilding everything. Both shortcuts must give exactly the room the
 * full computation gives, for every node: checked over many random shapes (one to three groups of
 * different instance types, system pools, losses given as ids or as zone/node/pool predicates)
 * against a brute-force reference written here (every node, the scheduler rule spelled out).
 */
import {
  addonReservations,
  afterLoss,
  baseNodeFree,
  nodeId,
  type AddonReplica,
  type AddonReservations,
} from '../../../src/analysis/fault/addon-reservations';
import { lostNode, lostPool, lostZone, type LostNodes } from '../../../src/analysis/fault/lost-nodes';
import type { AddonInventory, Inventory, NodeGroup } from '../../../src/analysis/inventory/inventory';
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

/** Three instance shapes, so groups differ in room and the CPU tie-break across groups is exercised. */
const SHAPES: Readonly<Record<string, NodeAllocatable>> = {
  'm6i.large': { cpuMillicores: 1930, memoryMiB: 7000, maxPods: 29 },
  'm6i.xlarge': { cpuMillicores: 3920, memoryMiB: 14500, maxPods: 58 },
  't3.medium': { cpuMillicores: 1930, memoryMiB: 3300, maxPods: 17 },
};
const ALLOCATABLE = (type: string): NodeAllocatable => SHAPES[type];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function randomGroup(rnd: () => number, i: number): NodeGroup {
  const types = Object.keys(SHAPES);
  return pool({
    address: `aws_eks_node_group.g${i}`,
    pool: i === 0 ? 'apps' : `pool-${i}`,
    role: i > 0 && rnd() < 0.3 ? 'system' : 'worker',
    instanceType: types[Math.floor(rnd() * types.length)],
    zones: ZONES.slice(Math.floor(rnd() * 2), 1 + Math.floor(rnd() * 3) + 1).filter(Boolean),
    minNodes: 1,
    desiredNodes: 1 + Math.floor(rnd() * 30),
    maxNodes: 100,
  });
}

function randomInventory(rnd: () => number): Inventory {
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
  const groups = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => randomGroup(rnd, i)).filter((g) => g.zones.length > 0);
  return eksInventory({ nodeGroups: groups, addons });
}

interface Room {
  cpu: number;
  mem: number;
  pods: number;
  readonly zone: string;
  readonly host: boolean;
}

/** Every node id of the inventory, in node order (groups in order, then index). */
function allNodes(inv: Inventory): Array<{ id: string; g: NodeGroup; i: number; zone: string }> {
  return inv.nodeGroups.flatMap((g) =>
    Array.from({ length: g.desiredNodes }, (_, i) => ({ id: nodeId(g, i), g, i, zone: g.zones[i % g.zones.length] })),
  );
}

/**
 * The scheduler rule without shortcuts: every node, each add-on replica on the host node (system
 * pools when there are any, else workers) that fits it in the zone with the fewest replicas of that
 * add-on, then with the most free CPU, then first in node order. `lost` nodes are gone; `keep`
 * replicas stay where they ran.
 */
function reference(inv: Inventory, lost: ReadonlySet<string>, keep: ReadonlyArray<{ addon: string; node: string }>): string[] {
  const hostRole = inv.nodeGroups.some((g) => g.role === 'system') ? 'system' : 'worker';
  const rooms = new Map<string, Room>();
  for (const n of allNodes(inv)) {
    const base = baseNodeFree(inv, ALLOCATABLE(n.g.instanceType));
    if (!lost.has(n.id))
      rooms.set(n.id, { cpu: base.cpuMillicores, mem: base.memoryMiB, pods: base.pods, zone: n.zone, host: n.g.role === hostRole });
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
      if (!room.host || room.cpu < r.cpuMillicores || room.mem < r.memoryMiB || room.pods < 1) continue;
      if (best === undefined) best = id;
      else {
        const b = rooms.get(best)!;
        const diff = inZone(room.zone) - inZone(b.zone);
        if (diff < 0 || (diff === 0 && room.cpu > b.cpu)) best = id;
      }
    }
    if (best !== undefined) take(addon, best);
  }
  return allNodes(inv).map((n) => {
    const room = rooms.get(n.id);
    return room ? `${room.cpu}/${room.mem}/${room.pods}` : 'lost';
  });
}

function roomOf(inv: Inventory, r: AddonReservations): string[] {
  return allNodes(inv).map((n) => {
    const f = r.byNode.roomAt(n.g.address, n.i);
    return f ? `${f.cpuMillicores}/${f.memoryMiB}/${f.pods}` : 'lost';
  });
}

/** A loss given as node ids, the way the reference takes it, as a predicate (a slower search than the zone and pool forms). */
function lostNodeIds(ids: Iterable<string>): LostNodes {
  const set = new Set(ids);
  return { has: (g, i) => set.has(`${g}#${i}`), hasAll: () => false };
}

/** The id of the node an add-on replica runs on. */
function replicaNode(r: AddonReplica): string {
  return `${r.group}#${r.index}`;
}

/** A loss both ways: as the ids the reference takes and as the predicate the model takes. */
function losses(inv: Inventory, before: AddonReservations): Array<{ what: string; ids: Set<string>; lost: LostNodes }> {
  const nodes = allNodes(inv);
  const ids = (keep: (n: (typeof nodes)[number]) => boolean) => new Set(nodes.filter(keep).map((n) => n.id));
  const holding = [...new Set(before.replicas.map(replicaNode))];
  const zones = [...new Set(nodes.map((n) => n.zone))];
  return [
    // The id form once per shape (it is the same search with a slower predicate).
    ...holding.slice(0, 1).map((id) => ({ what: `ids ${id}`, ids: new Set([id]), lost: lostNodeIds([id]) })),
    ...holding.map((id) => {
      const n = nodes.find((x) => x.id === id)!;
      return { what: `node ${id}`, ids: new Set([id]), lost: lostNode(n.g.address, n.i) };
    }),
    ...zones.map((zone) => ({ what: `zone ${zone}`, ids: ids((n) => n.zone === zone), lost: lostZone(zone) })),
    ...zones.slice(0, 1).map((zone) => ({
      what: `zone ${zone} as ids`,
      ids: ids((n) => n.zone === zone),
      lost: lostNodeIds(ids((n) => n.zone === zone)),
    })),
    ...inv.nodeGroups.flatMap((g) =>
      g.zones.map((zone) => ({
        what: `pool ${g.address} ${zone}`,
        ids: ids((n) => n.g === g && n.zone === zone),
        lost: lostPool(g.address, zone),
      })),
    ),
  ];
}

test('the steady state, and after a node, zone or pool loss, give the brute-force room on every node', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const rnd = random(seed);
    const inv = randomInventory(rnd);
    const before = addonReservations(inv, ALLOCATABLE);
    expect({ seed, room: roomOf(inv, before) }).toEqual({ seed, room: reference(inv, new Set(), []) });
    for (const loss of losses(inv, before)) {
      expect({ seed, loss: loss.what, room: roomOf(inv, afterLoss(before, loss.lost)) }).toEqual({
        seed,
        loss: loss.what,
        room: reference(
          inv,
          loss.ids,
          before.replicas.map((r) => ({ addon: r.addon, node: replicaNode(r) })),
        ),
      });
    }
  }
});
