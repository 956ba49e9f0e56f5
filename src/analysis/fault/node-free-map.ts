import type { LostNodes } from './lost-nodes';

/** What a node has left for the workload: CPU, memory and pod slots. */
export interface NodeReservation {
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly pods: number;
}

/** A node group as the reservations see it: its nodes' base room and the zones they round-robin over. */
export interface GroupRoom {
  readonly base: NodeReservation;
  readonly zones: readonly string[];
}

/** A node whose room differs from its group's base room, with where it is. */
export interface NodeRoom extends NodeReservation {
  readonly group: string;
  readonly index: number;
  readonly zone: string;
}

/**
 * What every node has left, without an entry per node: nodes of one group and zone are alike until
 * an add-on replica lands on one, so only those few are listed; every other node of a group has the
 * group's base room, and lost nodes have none (`get` returns undefined). Sweeps over 100-node pools
 * stay cheap.
 */
export class NodeFreeMap {
  /** Room by group and node index, for the listed nodes. */
  private readonly byIndex = new Map<string, Map<number, NodeReservation>>();

  /**
   * @param groups  every node group's base room and zones
   * @param entries nodes whose room differs from their group's base room
   * @param lost    nodes that are gone
   * @param parent  the state this one changes (a loss from the steady state): consulted for nodes
   *                this map does not list, so a loss copies only what it changes
   */
  constructor(
    private readonly groups: ReadonlyMap<string, GroupRoom>,
    entries: Iterable<NodeRoom>,
    private readonly lost?: LostNodes,
    private readonly parent?: NodeFreeMap,
  ) {
    for (const f of entries) {
      let m = this.byIndex.get(f.group);
      if (!m) this.byIndex.set(f.group, (m = new Map()));
      m.set(f.index, f);
    }
  }

  /** The room of node `index` of `group`; undefined when the node is lost. */
  public roomAt(group: string, index: number): NodeReservation | undefined {
    const own = this.byIndex.get(group)?.get(index);
    if (own !== undefined) return own;
    const info = this.groups.get(group);
    if (this.lost && info && this.lost.has(group, index, info.zones[index % info.zones.length])) return undefined;
    return this.parent ? this.parent.roomAt(group, index) : info?.base;
  }

  /** The base room of a group's untouched nodes. */
  public baseOf(group: string): NodeReservation | undefined {
    return this.groups.get(group)?.base;
  }
}
