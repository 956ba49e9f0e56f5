import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { K8sContext } from '../cluster-target';
import { EBS_GP3_STORAGE_CLASS, PROMETHEUS_OPERATOR_MONITOR, commonLabels, workloadNodeSelector } from '../common/kubernetes-common';

/**
 * kops-style: no AWS Load Balancer Controller, so Services get NLBs from the AWS cloud provider's
 * own service controller (https://cloud-provider-aws.sigs.k8s.io/service_controller/, 2026-11);
 * Ingress goes through ingress-nginx; pods reach AWS with the node's instance profile (no IRSA).
 */
export function kopsKubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
  return {
    loadBalancerAnnotations: {
      public: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
      internal: {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
        'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
      },
    },
    ingress: { className: 'nginx', annotations: {}, trafficFrom: { namespace: 'ingress-nginx' } },
    storageClassName: 'gp3',
    storageClass: EBS_GP3_STORAGE_CLASS,
    serviceAccountAnnotations: {},
    podLabels: {},
    nodeSelector: workloadNodeSelector(spec),
    // An in-cluster Prometheus (prometheus-operator) runs in `monitoring`, where the target installs it.
    prometheusMonitor: { object: PROMETHEUS_OPERATOR_MONITOR, scrapedFrom: { namespace: 'monitoring' } },
    commonLabels: commonLabels(spec, 'kops', context.now),
    kubernetesVersion: spec.cluster.kubernetesVersion,
    // No workloadIdentity: pods have no identity of their own here (no IRSA), so no identity egress.
    loadBalancerProvider: {
      service: {
        controller: "the AWS cloud controller manager's service controller (kube-system/aws-cloud-controller-manager)",
        inspect: ['logs', '--namespace', 'kube-system', 'daemonset/aws-cloud-controller-manager', '--tail=50'],
      },
      ingress: {
        controller: 'ingress-nginx (namespace ingress-nginx), behind a LoadBalancer Service of its own',
        inspect: ['get', 'pods,services', '--namespace', 'ingress-nginx'],
      },
    },
  };
}
