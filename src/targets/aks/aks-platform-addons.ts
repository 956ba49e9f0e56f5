import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { TerraformAddon } from '../platform-addon';
import { aksClusterAddress } from './aks-stack';

/**
 * Requests of AKS-managed pods that Microsoft does not publish; the numbers are what
 * `kubectl describe node` shows on AKS 1.32 nodes in kube-system (read 2026-11).
 */
const OBSERVED_ON_AKS = 'requests as kubectl describe node shows them on AKS 1.32 nodes (not published by Microsoft), read 2026-11';

/**
 * Deployments in kube-system (metrics-server, CoreDNS, konnectivity) tolerate CriticalAddonsOnly and
 * run on the tainted system pool, not on the user pools the workload uses: they carry no `replicas`
 * footprint here. DaemonSets run on every node, user pools included.
 */
const ON_SYSTEM_POOL = 'runs on the CriticalAddonsOnly system pool, so it takes nothing from the user pools';

/**
 * The AKS-provided pieces the workload depends on, as `PlatformAddon`s of delivery `terraform`: the
 * stack's `azurerm_kubernetes_cluster` turns them on (AKS defaults, or the add-ons the stack sets:
 * Cilium, managed Prometheus, Container insights, application routing), so `deploy` installs nothing;
 * they are listed for the README and so the analysis subtracts what their DaemonSets reserve on
 * each node from the node's allocatable.
 */
export function aksPlatformAddons(spec: ResolvedAppSpec): readonly TerraformAddon[] {
  const address = aksClusterAddress();
  const managed = `aks-managed (follows the cluster version ${spec.cluster.kubernetesVersion})`;
  const { workload } = spec;
  const addons: TerraformAddon[] = [
    {
      delivery: 'terraform',
      address,
      name: 'azure-cloud-provider',
      purpose:
        'Creates Azure Load Balancer rules and frontends for Services of type LoadBalancer (cloud-controller-manager in the control plane; cloud-node-manager on every node).',
      version: managed,
      source: `https://learn.microsoft.com/azure/aks/load-balancer-standard (2026-11); cloud-node-manager ${OBSERVED_ON_AKS}`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 50, memoryMiB: 50 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'azure-disk-csi-driver',
      purpose: 'Provisions and attaches the Azure managed disks behind the managed-csi StorageClass the workload volume uses.',
      version: managed,
      // csi-azuredisk-node: liveness-probe, node-driver-registrar and azuredisk, 10m/20Mi each.
      source: `https://learn.microsoft.com/azure/aks/azure-disk-csi (2026-11); csi-azuredisk-node ${OBSERVED_ON_AKS}`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 30, memoryMiB: 60 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'azure-file-csi-driver',
      purpose: 'On by default in AKS (azurefile-csi StorageClasses); the workload does not use it, but its node plugin runs on every node.',
      version: managed,
      source: `https://learn.microsoft.com/azure/aks/azure-files-csi (2026-11); csi-azurefile-node ${OBSERVED_ON_AKS}`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 30, memoryMiB: 60 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'metrics-server',
      purpose: `Serves the resource metrics the HorizontalPodAutoscaler scales on; ${ON_SYSTEM_POOL}.`,
      version: managed,
      source: 'https://learn.microsoft.com/azure/aks/concepts-clusters-workloads#kube-system (2026-11)',
      namespace: 'kube-system',
      footprint: {},
    },
    {
      delivery: 'terraform',
      address,
      name: 'cluster-autoscaler',
      purpose: 'Adds and removes nodes of each user pool within its min_count/max_count; runs in the AKS control plane.',
      version: managed,
      source: 'https://learn.microsoft.com/azure/aks/cluster-autoscaler (2026-11)',
      namespace: 'kube-system',
      footprint: {},
    },
    {
      delivery: 'terraform',
      address,
      name: 'azure-cni-overlay-cilium',
      purpose:
        'Pod networking (Azure CNI overlay, with azure-ip-masq-agent on every node) and NetworkPolicy enforcement by Cilium, which also replaces kube-proxy. Cilium agent requests are not published and not included.',
      version: managed,
      source: `https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium (2026-11); azure-ip-masq-agent ${OBSERVED_ON_AKS}`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 50, memoryMiB: 36 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'container-insights',
      purpose:
        'The monitoring add-on (ama-logs, MSI auth): ships container logs, Kubernetes events and pod inventory to the Log Analytics workspace.',
      version: 'aks-managed (ama-logs 3.1.35 chart defaults)',
      // ama-logs 75m/325Mi + ama-logs-prometheus 75m/225Mi + addon-token-adapter 20m/50Mi (nodes up to 4 vCPU).
      source:
        'https://github.com/microsoft/Docker-Provider/blob/ci_prod/charts/azuremonitor-containerinsights-aks/values.yaml (2026-11); https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable (2026-11)',
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 170, memoryMiB: 600 } },
    },
  ];
  if (workload.monitoring.type === 'prometheus') {
    addons.push({
      delivery: 'terraform',
      address,
      name: 'managed-prometheus',
      purpose:
        "Azure Monitor managed service for Prometheus: ama-metrics scrapes the workload's azmonitoring.coreos.com ServiceMonitor into the Azure Monitor workspace (data collection rule and association in the stack).",
      version: 'aks-managed (azure-monitor-metrics-addon chart defaults)',
      // ama-metrics-node: prometheus-collector 50m/150Mi + addon-token-adapter 20m/30Mi. The ama-metrics
      // ReplicaSet (2 x 150m/500Mi + 20m/30Mi, label rsName=ama-metrics) scrapes ServiceMonitor targets
      // and prefers the system pool (node affinity kubernetes.azure.com/mode=system), so it is not counted.
      source:
        'https://github.com/Azure/prometheus-collector/tree/main/otelcollector/deploy/addon-chart/azure-monitor-metrics-addon, values-template.yaml, ama-metrics-daemonset.yaml and ama-metrics-deployment.yaml (2026-11)',
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 70, memoryMiB: 180 } },
    });
  }
  if (workload.exposure.type === 'ingress') {
    addons.push({
      delivery: 'terraform',
      address,
      name: 'application-routing',
      purpose:
        'The application routing add-on: managed NGINX (ingress class webapprouting.kubernetes.azure.com) behind an Azure load balancer. Its controller requests are not published and not included.',
      version: managed,
      source: 'https://learn.microsoft.com/azure/aks/app-routing (2026-11)',
      namespace: 'app-routing-system',
      footprint: {},
    });
  }
  return addons;
}
