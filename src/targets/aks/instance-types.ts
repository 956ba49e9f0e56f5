import type { InstanceCatalog } from '../common/instance-catalog';

/**
 * Azure VM sizes per size class. small: Standard_B2s (burstable 2/4); medium, large: Standard_D2s_v5 (2/8)
 * and Standard_D4s_v5 (4/16). The AKS system pool always uses Standard_D2s_v5 (B-series is not
 * recommended for system pools). Source: https://learn.microsoft.com/azure/virtual-machines/sizes (2026-11).
 */
export const AZURE_INSTANCE_CATALOG: InstanceCatalog = {
  bySizeClass: { small: 'Standard_B2s', medium: 'Standard_D2s_v5', large: 'Standard_D4s_v5' },
  shapes: {
    Standard_B2s: { vcpu: 2, memoryGiB: 4 },
    Standard_D2s_v5: { vcpu: 2, memoryGiB: 8 },
    Standard_D4s_v5: { vcpu: 4, memoryGiB: 16 },
  },
};

export const AKS_SYSTEM_POOL_VM_SIZE = 'Standard_D2s_v5';

/** orquesta sets max_pods explicitly to the kubenet/GKE-comparable 110 (AKS default with Azure CNI Overlay is 250: https://learn.microsoft.com/azure/aks/azure-cni-overlay, 2026-11). */
export const AKS_MAX_PODS = 110;
