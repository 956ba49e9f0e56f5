/**
 * Which nodes a failure takes, as a predicate: a lost zone of a 100-node pool costs nothing to
 * describe, and a search over a zone's nodes can skip a lane that is gone entirely.
 */
export interface LostNodes {
  /** Whether node `index` of `group` (in `zone`) is lost. */
  has(group: string, index: number, zone: string): boolean;
  /** Whether every node of `group` in `zone` is lost. */
  hasAll(group: string, zone: string): boolean;
}

export const NO_NODE_LOST: LostNodes = { has: () => false, hasAll: () => false };

/** One node: `<group>#<index>`. */
export function lostNode(group: string, index: number): LostNodes {
  return { has: (g, i) => i === index && g === group, hasAll: () => false };
}

/** Every node (of any group) in `zone`. */
export function lostZone(zone: string): LostNodes {
  return { has: (_g, _i, z) => z === zone, hasAll: (_g, z) => z === zone };
}

/** Every node of `group` in `zone` (a spot capacity pool). */
export function lostPool(group: string, zone: string): LostNodes {
  return { has: (g, _i, z) => z === zone && g === group, hasAll: (g, z) => z === zone && g === group };
}
