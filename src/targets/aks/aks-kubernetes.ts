import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { K8sContext } from '../cluster-target';
import { commonLabels, workloadNodeSelector } from '../common/kubernetes-common';

/**
 * AKS: the Azure cloud provider makes public load balancers by default and internal ones with one
 * annotation (https://learn.microsoft.com/azure/aks/internal-lb, 2026-11); Ingress through the
 * application routing add-on's managed NGINX (namespace app-routing-system); the managed-csi
 * StorageClass AKS ships; Microsoft Entra Workload ID with the identity's client id from the stack
 * output; Azure Monitor managed Prometheus reads azmonitoring.coreos.com ServiceMonitors.
 */
export function aksKubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
  const clientId = context.outputs?.workload_identity_client_id;
  return {
    loadBalancerAnnotations: {
      public: {},
      internal: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
    },
    ingress: {
      className: 'webapprouting.kubernetes.azure.com',
      annotations: {},
      trafficFrom: { namespace: 'app-routing-system' },
    },
    storageClassName: 'managed-csi',
    serviceAccountAnnotations: clientId ? { 'azure.workload.identity/client-id': clientId } : {},
    podLabels: { 'azure.workload.identity/use': 'true' },
    nodeSelector: workloadNodeSelector(spec),
    prometheusMonitor: { apiVersion: 'azmonitoring.coreos.com/v1', kind: 'ServiceMonitor' },
    commonLabels: commonLabels(spec, 'aks', context.now),
  };
}
