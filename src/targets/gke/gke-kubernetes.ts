import type { IdentityEgressRule } from '../../k8s/identity-egress';
import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { K8sContext } from '../cluster-target';
import { commonLabels, workloadNodeSelector } from '../common/kubernetes-common';
import { GKE_DATAPATH_PROVIDER, gcpServiceAccountId } from './gke-defaults';

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
 * What a pod needs to reach to use Workload Identity: the GKE metadata server, which answers on
 * 169.254.169.254:80 and, on Dataplane V2 clusters, is reached at 169.254.169.252:988; it does the
 * token exchange with Google itself (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity#restrictions, 2026-11).
 */
export function gkeIdentityEgress(datapathProvider: string = GKE_DATAPATH_PROVIDER): IdentityEgressRule[] {
  const rules: IdentityEgressRule[] = [{ cidr: '169.254.169.254/32', port: 80, protocol: 'TCP', purpose: 'GKE metadata server' }];
  if (datapathProvider === 'ADVANCED_DATAPATH') {
    rules.push({ cidr: '169.254.169.252/32', port: 988, protocol: 'TCP', purpose: 'GKE metadata server (Dataplane V2)' });
  }
  return rules;
}

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
    // Managed collection's collectors run as a DaemonSet in gmp-system
    // (https://cloud.google.com/stackdriver/docs/managed-prometheus/setup-managed, 2026-11).
    prometheusMonitor: {
      object: { apiVersion: 'monitoring.googleapis.com/v1', kind: 'PodMonitoring' },
      scrapedFrom: { namespace: 'gmp-system' },
    },
    commonLabels: commonLabels(spec, 'gke', context.now),
    kubernetesVersion: spec.cluster.kubernetesVersion,
    workloadIdentity: { mechanism: 'GKE Workload Identity through the GKE metadata server', egress: gkeIdentityEgress() },
    // Both run in GKE's control plane: their only trace in the cluster is the object's events.
    loadBalancerProvider: {
      service: { controller: "GKE's service controller (runs in the GKE control plane)" },
      ingress: { controller: 'the GKE Ingress controller (ingress-gce, the HttpLoadBalancing add-on)' },
    },
  };
}
