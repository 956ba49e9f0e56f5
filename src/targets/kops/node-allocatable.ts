import { EVICTION_HARD_MEMORY_MIB, instanceShape } from '../common/instance-catalog';
import type { NodeAllocatable } from '../cluster-target';
import { AWS_INSTANCE_CATALOG } from '../eks/instance-types';

/**
 * The kops-style nodes are bootstrapped by orquesta's own kubeadm user-data, which writes these
 * reservations into the KubeletConfiguration (kubeReserved + systemReserved), so the model and the
 * nodes cannot disagree. Sizes follow kops' own defaults for kubeReserved (cpu 100m, memory 100Mi)
 * with systemReserved added for the OS (https://kops.sigs.k8s.io/cluster_spec/#kubelet, 2026-11).
 */
export const KOPS_KUBE_RESERVED = { cpuMillicores: 100, memoryMiB: 256 } as const;
export const KOPS_SYSTEM_RESERVED = { cpuMillicores: 100, memoryMiB: 256 } as const;
/** Kubelet's default maxPods (https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/, 2026-11). */
export const KOPS_MAX_PODS = 110;

export function kopsNodeAllocatable(instanceType: string): NodeAllocatable {
  const shape = instanceShape(AWS_INSTANCE_CATALOG, instanceType, 'kops');
  return {
    cpuMillicores: shape.vcpu * 1000 - KOPS_KUBE_RESERVED.cpuMillicores - KOPS_SYSTEM_RESERVED.cpuMillicores,
    memoryMiB: shape.memoryGiB * 1024 - KOPS_KUBE_RESERVED.memoryMiB - KOPS_SYSTEM_RESERVED.memoryMiB - EVICTION_HARD_MEMORY_MIB,
    maxPods: KOPS_MAX_PODS,
  };
}
