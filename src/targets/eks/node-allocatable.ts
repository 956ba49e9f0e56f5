import { EVICTION_HARD_MEMORY_MIB, instanceShape, tieredCpuReservationMillicores } from '../common/instance-catalog';
import type { NodeAllocatable } from '../cluster-target';
import { AWS_INSTANCE_CATALOG, EKS_MAX_PODS } from './instance-types';

/**
 * EKS-optimized AMIs reserve memory for the kubelet as 255 MiB + 11 MiB per pod the node can hold,
 * and CPU by the shared tiered rule. Source: amazon-eks-ami bootstrap (get_memory_mebibytes_to_reserve),
 * https://github.com/awslabs/amazon-eks-ami/blob/main/templates/al2/runtime/bootstrap.sh (2026-11).
 */
const EKS_MEMORY_BASE_MIB = 255;
const EKS_MEMORY_PER_POD_MIB = 11;

export function eksNodeAllocatable(instanceType: string): NodeAllocatable {
  const shape = instanceShape(AWS_INSTANCE_CATALOG, instanceType, 'eks');
  const maxPods = EKS_MAX_PODS[instanceType] ?? 29;
  const memoryMiB = shape.memoryGiB * 1024 - (EKS_MEMORY_BASE_MIB + EKS_MEMORY_PER_POD_MIB * maxPods) - EVICTION_HARD_MEMORY_MIB;
  return {
    cpuMillicores: shape.vcpu * 1000 - tieredCpuReservationMillicores(shape.vcpu),
    memoryMiB,
    maxPods,
  };
}
