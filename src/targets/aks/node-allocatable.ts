import { EVICTION_HARD_MEMORY_MIB, instanceShape, tieredCpuReservationMillicores } from '../common/instance-catalog';
import type { NodeAllocatable } from '../cluster-target';
import { AKS_MAX_PODS, AZURE_INSTANCE_CATALOG } from './instance-types';

/**
 * AKS 1.29+ reserves memory for the kubelet as the lesser of 20 MB per pod + 50 MB and 25% of the VM's memory,
 * plus the 100 Mi eviction threshold; CPU follows the shared tiered rule.
 * Source: https://learn.microsoft.com/azure/aks/node-resource-reservations (2026-11).
 */
const AKS_MEMORY_PER_POD_MIB = 20;
const AKS_MEMORY_BASE_MIB = 50;
const AKS_MEMORY_CAP_FRACTION = 0.25;

export function aksNodeAllocatable(instanceType: string): NodeAllocatable {
  const shape = instanceShape(AZURE_INSTANCE_CATALOG, instanceType, 'aks');
  const totalMiB = shape.memoryGiB * 1024;
  const kubeReserved = Math.min(AKS_MEMORY_PER_POD_MIB * AKS_MAX_PODS + AKS_MEMORY_BASE_MIB, totalMiB * AKS_MEMORY_CAP_FRACTION);
  return {
    cpuMillicores: shape.vcpu * 1000 - tieredCpuReservationMillicores(shape.vcpu),
    memoryMiB: Math.round(totalMiB - kubeReserved - EVICTION_HARD_MEMORY_MIB),
    maxPods: AKS_MAX_PODS,
  };
}
