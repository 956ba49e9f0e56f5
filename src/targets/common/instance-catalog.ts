import type { SizeClassName } from '../../spec/cluster-spec';

/** An instance type with the shape the models need. */
export interface InstanceShape {
  readonly vcpu: number;
  readonly memoryGiB: number;
}

/** A size-class → instance-type row and the shapes of the types a target may meet in synthesized output. */
export interface InstanceCatalog {
  readonly bySizeClass: Readonly<Record<SizeClassName, string>>;
  readonly shapes: Readonly<Record<string, InstanceShape>>;
}

export function instanceShape(catalog: InstanceCatalog, instanceType: string, target: string): InstanceShape {
  const shape = catalog.shapes[instanceType];
  if (!shape) {
    throw new Error(`unknown instance type '${instanceType}' for ${target}; known: ${Object.keys(catalog.shapes).join(', ')}`);
  }
  return shape;
}

/**
 * The tiered CPU reservation GKE documents and EKS and AKS follow: 6% of the first core,
 * 1% of the second, 0.5% of the third and fourth, 0.25% of every core above four.
 * Sources (2026-11): https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#cpu_reservations ,
 * https://github.com/awslabs/amazon-eks-ami/blob/main/templates/al2/runtime/bootstrap.sh (get_cpu_millicores_to_reserve)
 */
export function tieredCpuReservationMillicores(vcpu: number): number {
  const tiers: Array<[number, number]> = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Infinity, 0.0025],
  ];
  let remaining = vcpu;
  let reserved = 0;
  for (const [cores, fraction] of tiers) {
    const take = Math.min(remaining, cores);
    reserved += take * 1000 * fraction;
    remaining -= take;
    if (remaining <= 0) break;
  }
  return Math.round(reserved);
}

/** Kubelet's default hard eviction threshold `memory.available<100Mi` (https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/, 2026-11). */
export const EVICTION_HARD_MEMORY_MIB = 100;
