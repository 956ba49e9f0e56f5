import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { TerraformAddon } from '../platform-addon';
import { gkeClusterAddress } from './gke-stack';

/**
 * Requests of GKE-managed system pods that run on the worker nodes. Google publishes no request
 * figures for its managed components (they change with GKE versions); unless a source says
 * otherwise, the numbers are the requests `kubectl describe node` shows on GKE 1.30 Standard nodes
 * in kube-system (read 2026-11). Components that run in Google's control plane (the Ingress and
 * service load-balancer controllers, the cluster autoscaler) reserve nothing on nodes.
 */
const OBSERVED_ON_GKE = 'requests as kubectl describe node shows them on GKE 1.30 Standard nodes (not published by Google), read 2026-11';

/**
 * The GKE-provided pieces the workload depends on, as `PlatformAddon`s of delivery `terraform`: the
 * stack's `google_container_cluster` turns them on (most are GKE defaults, managed Prometheus and
 * Dataplane V2 are set explicitly), so `deploy` installs nothing; they are listed for the README and
 * so the analysis subtracts what they reserve on each node from the node's allocatable.
 */
export function gkePlatformAddons(spec: ResolvedAppSpec): readonly TerraformAddon[] {
  const address = gkeClusterAddress();
  const managed = `gke-managed (follows the cluster version, minimum ${spec.cluster.kubernetesVersion})`;
  return [
    {
      delivery: 'terraform',
      address,
      name: 'gke-load-balancing',
      purpose:
        'Creates the Google Cloud load balancers for Services of type LoadBalancer and for Ingresses (the GKE Ingress controller and the service controller run in the control plane); the default HTTP backend runs on a node.',
      version: managed,
      source: `https://cloud.google.com/kubernetes-engine/docs/concepts/ingress (2026-11); l7-default-backend ${OBSERVED_ON_GKE}`,
      namespace: 'kube-system',
      footprint: { replicas: { count: 1, cpuMillicores: 10, memoryMiB: 20 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'compute-engine-persistent-disk-csi-driver',
      purpose: 'Provisions and attaches the persistent disks behind the standard-rwo StorageClass the workload volume uses.',
      version: managed,
      source: `https://cloud.google.com/kubernetes-engine/docs/how-to/persistent-volumes/gce-pd-csi-driver (2026-11); pdcsi-node ${OBSERVED_ON_GKE}`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 10, memoryMiB: 20 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'metrics-server',
      purpose: 'Serves the resource metrics the HorizontalPodAutoscaler scales on.',
      version: managed,
      // The addon-resizer grows it with the node count from 5 nodes up.
      source: `https://cloud.google.com/kubernetes-engine/docs/concepts/add-on/autoscaling (2026-11); ${OBSERVED_ON_GKE}`,
      namespace: 'kube-system',
      footprint: { replicas: { count: 1, cpuMillicores: 43, memoryMiB: 55 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'kube-dns',
      purpose: 'Cluster DNS for Service names; its autoscaler keeps at least two replicas once the cluster has two nodes.',
      version: managed,
      source: `https://cloud.google.com/kubernetes-engine/docs/how-to/kube-dns (2026-11); kube-dns ${OBSERVED_ON_GKE}`,
      namespace: 'kube-system',
      footprint: { replicas: { count: 2, cpuMillicores: 265, memoryMiB: 140 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'cluster-autoscaler',
      purpose: "Adds and removes nodes within each pool's total_min/total_max_node_count; runs in the GKE control plane.",
      version: managed,
      source: 'https://cloud.google.com/kubernetes-engine/docs/concepts/cluster-autoscaler (2026-11)',
      namespace: 'kube-system',
      footprint: {},
    },
    {
      delivery: 'terraform',
      address,
      name: 'dataplane-v2',
      purpose: 'Enforces the workload NetworkPolicies (eBPF, anetd on every node) in place of kube-proxy and Calico.',
      version: managed,
      source: `https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2 (2026-11); anetd ${OBSERVED_ON_GKE}`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 110, memoryMiB: 164 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'managed-prometheus',
      purpose:
        "Google Cloud Managed Service for Prometheus managed collection: the collector on every node scrapes the workload's PodMonitoring.",
      version: 'gke-managed (prometheus-engine 0.13.0 manifests)',
      // collector: prometheus 4m/32M + config-reloader 1m/4M = 5m / 36 MB (34.3 MiB); operator 1m/16M.
      source:
        'https://github.com/GoogleCloudPlatform/prometheus-engine/blob/main/manifests/operator.yaml (collector and operator requests, 2026-11); https://cloud.google.com/stackdriver/docs/managed-prometheus/setup-managed (2026-11)',
      namespace: 'gmp-system',
      footprint: { perNode: { cpuMillicores: 5, memoryMiB: 35 }, replicas: { count: 1, cpuMillicores: 1, memoryMiB: 16 } },
    },
    {
      delivery: 'terraform',
      address,
      name: 'logging-and-metrics-agents',
      purpose: 'Cloud Logging (fluentbit-gke) and Cloud Monitoring (gke-metrics-agent) node agents, on by default on every GKE node.',
      version: managed,
      // fluentbit-gke 105m/230Mi, gke-metrics-agent 19m/155Mi.
      source: `https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs (2026-11); ${OBSERVED_ON_GKE}`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 124, memoryMiB: 385 } },
    },
  ];
}
