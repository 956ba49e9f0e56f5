import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { K8sContext } from '../cluster-target';
import { commonLabels, workloadNodeSelector } from '../common/kubernetes-common';
import { gcpServiceAccountId } from './gke-defaults';

/** The workload's Google service account; the GKE stack creates it under the same id. */
export function gkeWorkloadServiceAccountEmail(spec: ResolvedAppSpec): string {
  return `${gcpServiceAccountId(spec.workload.name)}@${spec.cluster.gke.project}.iam.gserviceaccount.com`;
}

/**
 * Google front ends' source ranges, from which GCLB health checks and proxied traffic reach pods
 * through container-native load balancing (https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges, 2026-11).
 */
const GOOGLE_FRONT_END_CIDRS = ['130.211.0.0/22', '35.191.0.0/16'];

/**
 * GKE: backend-service-based passthrough NLBs for public Services and the `Internal` annotation for
 * internal ones (https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters, 2026-11),
 * the GCE Ingress class, the standard-rwo StorageClass GKE ships, Workload Identity, and Google
 * Managed Prometheus' PodMonitoring.
 */
export function gkeKubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
  return {
    loadBalancerAnnotations: {
      public: { 'cloud.google.com/l4-rbs': 'enabled' },
      internal: { 'networking.gke.io/load-balancer-type': 'Internal' },
    },
    ingress: { className: 'gce', annotations: {}, trafficFrom: { cidrs: GOOGLE_FRONT_END_CIDRS } },
    storageClassName: 'standard-rwo',
    serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': gkeWorkloadServiceAccountEmail(spec) },
    podLabels: {},
    nodeSelector: workloadNodeSelector(spec),
    prometheusMonitor: { apiVersion: 'monitoring.googleapis.com/v1', kind: 'PodMonitoring' },
    commonLabels: commonLabels(spec, 'gke', context.now),
  };
}
