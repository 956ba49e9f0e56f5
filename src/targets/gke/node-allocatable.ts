import { EVICTION_HARD_MEMORY_MIB, instanceShape, tieredCpuReservationMillicores } from '../common/instance-catalog';
import type { NodeAllocatable } from '../cluster-target';
import { GCP_INSTANCE_CATALOG, GKE_MAX_PODS } from './instance-types';

/**
 * GKE reserves 25% of the first 4 GiB of memory, 20% of the next 4, 10% of the next 8,
 * 6% of the next 112 and 2% above 128 GiB, plus the 100 MiB eviction threshold.
 * Source: https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_reservations (2026-11).
 */
const MEMORY_TIERS_GIB: ReadonlyArray<[number, number]> = [
  [4, 0.25],
  [4, 0.2],
  [8, 0.1],
  [112, 0.06],
  [Infinity, 0.02],
];

export function gkeMemoryReservationMiB(memoryGiB: number): number {
  let remaining = memoryGiB;
  let reserved = 0;
  for (const [size, fraction] of MEMORY_TIERS_GIB) {
    const take = Math.min(remaining, size);
    reserved += take * 1024 * fraction;
    remaining -= take;
    if (remaining <= 0) break;
  }
  return Math.round(reserved);
}

export function gkeNodeAllocatable(instanceType: string): NodeAllocatable {
  const shape = instanceShape(GCP_INSTANCE_CATALOG, instanceType, 'gke');
  return {
    cpuMillicores: shape.vcpu * 1000 - tieredCpuReservationMillicores(shape.vcpu),
    memoryMiB: shape.memoryGiB * 1024 - gkeMemoryReservationMiB(shape.memoryGiB) - EVICTION_HARD_MEMORY_MIB,
    maxPods: GKE_MAX_PODS,
  };
}
