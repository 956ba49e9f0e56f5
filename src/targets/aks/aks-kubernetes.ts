import { publicHttpsEgress } from '../../k8s/identity-egress';
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
    // The managed Prometheus agent (ama-metrics) that reads these runs in kube-system
    // (https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable, 2026-11).
    prometheusMonitor: {
      object: { apiVersion: 'azmonitoring.coreos.com/v1', kind: 'ServiceMonitor' },
      scrapedFrom: { namespace: 'kube-system' },
    },
    commonLabels: commonLabels(spec, 'aks', context.now),
    kubernetesVersion: spec.cluster.kubernetesVersion,
    // Azure workload identity: the SDK reads the projected token (AZURE_FEDERATED_TOKEN_FILE) and
    // exchanges it at Microsoft Entra ID (AZURE_AUTHORITY_HOST, login.microsoftonline.com) over HTTPS
    // (https://learn.microsoft.com/azure/aks/workload-identity-overview, 2026-11). Entra ID's
    // addresses (service tag AzureActiveDirectory) change without notice, so the allow is public HTTPS.
    workloadIdentity: {
      mechanism: 'Microsoft Entra Workload ID: projected token exchanged at Entra ID',
      egress: [publicHttpsEgress('Microsoft Entra ID token endpoint (login.microsoftonline.com)')],
    },
    loadBalancerProvider: {
      service: { controller: 'the Azure cloud provider (cloud-controller-manager, run by AKS)' },
      ingress: {
        controller: "the application routing add-on's NGINX controller (namespace app-routing-system)",
        inspect: ['get', 'pods,services', '--namespace', 'app-routing-system'],
      },
    },
  };
}
