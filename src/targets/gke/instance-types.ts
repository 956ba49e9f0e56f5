import type { InstanceCatalog } from '../common/instance-catalog';

/**
 * GCE machine types per size class. small: e2-medium (2 shared vCPU / 4 GB, burstable like t3.medium);
 * medium, large: e2-standard-2 (2/8) and e2-standard-4 (4/16).
 * Source: https://cloud.google.com/compute/docs/general-purpose-machines#e2_machine_types (2026-11).
 */
export const GCP_INSTANCE_CATALOG: InstanceCatalog = {
  bySizeClass: { small: 'e2-medium', medium: 'e2-standard-2', large: 'e2-standard-4' },
  shapes: {
    'e2-medium': { vcpu: 2, memoryGiB: 4 },
    'e2-standard-2': { vcpu: 2, memoryGiB: 8 },
    'e2-standard-4': { vcpu: 4, memoryGiB: 16 },
  },
};

/** GKE Standard's default pods per node (https://cloud.google.com/kubernetes-engine/docs/how-to/flexible-pod-cidr, 2026-11). */
export const GKE_MAX_PODS = 110;
