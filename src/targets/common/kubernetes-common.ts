import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import { commonTags } from './common-tags';

/** Label every target puts on its worker nodes (node group labels, node pool labels, kubelet --node-labels). */
export const NODE_POOL_LABEL = 'orquesta.dev/pool';

/** The workload runs on the first node pool: the spec's workload pool. */
export function workloadNodeSelector(spec: ResolvedAppSpec): Record<string, string> {
  return { [NODE_POOL_LABEL]: spec.cluster.nodePools[0].name };
}

/** Kubernetes labels every object carries: the same keys and values as the cloud tags. */
export function commonLabels(spec: ResolvedAppSpec, target: string, now: Date): Record<string, string> {
  return commonTags(spec, target, now);
}

/** prometheus-operator's ServiceMonitor (https://prometheus-operator.dev/docs/api-reference/api/, 2026-11). */
export const PROMETHEUS_OPERATOR_MONITOR = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' } as const;

/** EBS gp3 through the EBS CSI driver (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md, 2026-11). */
export const EBS_GP3_STORAGE_CLASS = {
  provisioner: 'ebs.csi.aws.com',
  parameters: { type: 'gp3', encrypted: 'true' },
} as const;
