import type { EgressPath, NetworkPaths } from '../inventory/inventory';

/**
 * Whether nodes in `zone` still reach the internet after losing `lostZone`: a zonal NAT gateway
 * goes with its zone, and every zone routing through it loses egress; Cloud NAT and AKS'
 * load-balancer outbound have no zone to lose. A NAT gateway in a zone the provider chose (Azure,
 * no zone named) is taken to be in the lost zone (worst case).
 */
export function egressAfter(egress: EgressPath, zone: string, lostZone: string | undefined): boolean {
  switch (egress.kind) {
    case 'regional':
      return true;
    case 'none':
      return false;
    case 'per-zone-nat':
    case 'single-nat': {
      if (lostZone === undefined) return true;
      const natZone = egress.natZoneByZone?.[zone] ?? (egress.kind === 'single-nat' ? egress.zones[0] : zone);
      return natZone !== undefined && natZone !== lostZone;
    }
  }
}

/**
 * Whether starting a replica on a node needs the registry through the egress path: not with a
 * private endpoint or `Never`; always with `Always` (the kubelet asks the registry even with the
 * image cached); with `IfNotPresent` only on nodes that never ran a replica (no cached image).
 * https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy (2026-11)
 */
export function pullNeedsEgress(network: NetworkPaths, imageCached: boolean): boolean {
  const r = network.registry;
  if (r.privateEndpoint || r.pullPolicy === 'Never') return false;
  return r.pullPolicy === 'Always' || !imageCached;
}

/** One line for explanations: how replacement replicas get their image. */
export function describeEgress(network: NetworkPaths): string {
  const e = network.egress;
  switch (e.kind) {
    case 'regional':
      return 'regional egress';
    case 'none':
      return 'no egress path';
    case 'per-zone-nat':
      return `a NAT gateway per zone (${e.zones.join(', ')})`;
    case 'single-nat':
      return e.zones.length > 0 ? `one NAT gateway in ${e.zones.join(', ')}` : 'one NAT gateway in a zone the provider picks';
  }
}
