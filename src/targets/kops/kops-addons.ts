import { createHash } from 'crypto';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { PlatformAddon } from '../platform-addon';
import { KOPS_CLUSTER_AUTOSCALER, clusterAutoscalerImage, clusterAutoscalerObjects } from './addons/cluster-autoscaler';
import { KOPS_EBS_CSI, ebsCsiDriverObjects } from './addons/ebs-csi-driver';
import { renderManifest } from './addons/manifest';
import { KOPS_METRICS_SERVER, metricsServerObjects } from './addons/metrics-server';
import { KOPS_PROMETHEUS, KOPS_PROMETHEUS_NAMESPACE, prometheusObjects } from './addons/prometheus';
import {
  KOPS_CALICO_NODE_CPU_MILLICORES,
  KOPS_CALICO_VERSION,
  KOPS_ECR_CREDENTIAL_PROVIDER,
  KOPS_STATE_KEYS,
  kopsCloudControllerManagerImage,
} from './kops-defaults';
import { kopsKubernetesPin } from './kops-versions';

/**
 * kubeadm's CoreDNS Deployment: 2 replicas requesting 100m CPU and 70 MiB each
 * (https://github.com/kubernetes/kubernetes/blob/master/cmd/kubeadm/app/phases/addons/dns/manifests.go, 2026-12).
 */
const COREDNS = { replicas: 2, cpuMillicores: 100, memoryMiB: 70 } as const;

/** An add-on manifest orquesta renders and uploads under `bootstrap/addons/`. */
export interface KopsAddonManifest {
  readonly name: string;
  readonly key: string;
  readonly content: string;
}

export function sha256Hex(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * The Terraform address of the S3 object that carries a bootstrap key: the stack gives every
 * bootstrap object the logical id `kops_bootstrap_<key with non-alphanumerics as _>`.
 */
export function kopsBootstrapObjectId(key: string): string {
  return `kops_bootstrap_${key.replace(/[^A-Za-z0-9]+/g, '_')}`;
}
const address = (key: string) => `aws_s3_object.${kopsBootstrapObjectId(key)}`;

/** Controllers on the control plane: one per member, two at most (leader election keeps one active). */
function controllerReplicas(spec: ResolvedAppSpec): number {
  return Math.min(spec.cluster.kops.controlPlaneCount, 2);
}

/**
 * The add-on manifests member 0 applies after `kubeadm init` (after Calico and the cloud controller
 * manager), each verified against the sha256 the stack computed (bootstrap/SHA256SUMS). The
 * Prometheus server only when the workload is monitored with Prometheus.
 */
export function kopsAddonManifests(spec: ResolvedAppSpec): KopsAddonManifest[] {
  const c = spec.cluster;
  const w = spec.workload;
  const region = c.regions.aws;
  const rendered: Array<[string, string]> = [
    [
      'aws-ebs-csi-driver',
      renderManifest(ebsCsiDriverObjects({ clusterName: c.name, region, controllerReplicas: controllerReplicas(spec) })),
    ],
    ['metrics-server', renderManifest(metricsServerObjects())],
    [
      'cluster-autoscaler',
      renderManifest(clusterAutoscalerObjects({ clusterName: c.name, region, kubernetesVersion: c.kubernetesVersion })),
    ],
  ];
  if (w.monitoring.type === 'prometheus') {
    const workload = { name: w.name, namespace: w.namespace, metricsPort: w.monitoring.port, metricsPath: w.monitoring.path };
    rendered.push(['prometheus', renderManifest(prometheusObjects({ workload }))]);
  }
  return rendered.map(([name, content]) => ({ name, key: `${KOPS_STATE_KEYS.addonsPrefix}${name}.yaml`, content }));
}

/**
 * Everything the kops-style cluster runs besides the workload, for the README table and the
 * analysis (footprints on worker nodes). All are installed by the bootstrap from the state bucket
 * (`delivery: 'terraform'`: nothing for `deploy` to do), at the address of the object that
 * carries or applies them. Parts that run only on control-plane nodes (the cloud controller
 * manager, the EBS CSI controller, cluster-autoscaler) take nothing from the workers.
 */
export function kopsPlatformAddons(spec: ResolvedAppSpec): PlatformAddon[] {
  const minor = spec.cluster.kubernetesVersion;
  const kubeadm = kopsKubernetesPin(minor).kubernetes;
  const k = KOPS_STATE_KEYS;
  const addons: PlatformAddon[] = [
    {
      delivery: 'terraform',
      name: 'calico',
      purpose: 'Pod network and NetworkPolicy enforcement (IP-in-IP between nodes).',
      version: KOPS_CALICO_VERSION,
      source: `https://github.com/projectcalico/calico/blob/${KOPS_CALICO_VERSION}/manifests/calico.yaml (sha256-verified at boot; read 2026-12-01)`,
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: KOPS_CALICO_NODE_CPU_MILLICORES, memoryMiB: 0 } },
      address: address(k.controlPlaneScript),
    },
    {
      delivery: 'terraform',
      name: 'coredns',
      purpose: 'Cluster DNS, installed by kubeadm init.',
      version: `kubeadm v${kubeadm} default`,
      source:
        'https://github.com/kubernetes/kubernetes/blob/master/cmd/kubeadm/app/constants/constants.go (CoreDNSVersion), read 2026-12-01',
      namespace: 'kube-system',
      footprint: { replicas: { count: COREDNS.replicas, cpuMillicores: COREDNS.cpuMillicores, memoryMiB: COREDNS.memoryMiB } },
      address: address(k.controlPlaneScript),
    },
    {
      delivery: 'terraform',
      name: 'kube-proxy',
      purpose: 'Service routing on every node, installed by kubeadm init (no resource requests).',
      version: `v${kubeadm}`,
      source: 'https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/ (read 2026-12-01)',
      namespace: 'kube-system',
      footprint: {},
      address: address(k.controlPlaneScript),
    },
    {
      delivery: 'terraform',
      name: 'aws-cloud-controller-manager',
      purpose:
        'Node lifecycle (provider ids, zones, removal of terminated instances) and NLBs for LoadBalancer Services; control-plane nodes only.',
      version: kopsCloudControllerManagerImage(minor).split(':').pop()!,
      source: 'https://github.com/kubernetes/cloud-provider-aws/releases (read 2026-11)',
      namespace: 'kube-system',
      footprint: {},
      address: address(k.cloudControllerManifest),
    },
    {
      delivery: 'terraform',
      name: 'aws-ebs-csi-driver',
      purpose: 'Provisions and attaches EBS volumes for PersistentVolumeClaims (controller on the control plane, node plugin everywhere).',
      version: KOPS_EBS_CSI.version,
      source: KOPS_EBS_CSI.source,
      namespace: 'kube-system',
      footprint: {
        perNode: {
          cpuMillicores: KOPS_EBS_CSI.nodeContainers * KOPS_EBS_CSI.containerRequests.cpuMillicores,
          memoryMiB: KOPS_EBS_CSI.nodeContainers * KOPS_EBS_CSI.containerRequests.memoryMiB,
        },
      },
      address: address(`${k.addonsPrefix}aws-ebs-csi-driver.yaml`),
    },
    {
      delivery: 'terraform',
      name: 'metrics-server',
      purpose: 'Resource metrics for the HorizontalPodAutoscaler.',
      version: KOPS_METRICS_SERVER.version,
      source: KOPS_METRICS_SERVER.source,
      namespace: 'kube-system',
      footprint: {
        replicas: {
          count: KOPS_METRICS_SERVER.replicas,
          cpuMillicores: KOPS_METRICS_SERVER.cpuMillicores,
          memoryMiB: KOPS_METRICS_SERVER.memoryMiB,
        },
      },
      address: address(`${k.addonsPrefix}metrics-server.yaml`),
    },
    {
      delivery: 'terraform',
      name: 'cluster-autoscaler',
      purpose: "Adds and removes worker nodes within each pool's minNodes..maxNodes (ASG auto-discovery tags); control-plane nodes only.",
      version: clusterAutoscalerImage(minor).split(':').pop()!,
      source: KOPS_CLUSTER_AUTOSCALER.source,
      namespace: 'kube-system',
      footprint: {},
      address: address(`${k.addonsPrefix}cluster-autoscaler.yaml`),
    },
    {
      delivery: 'terraform',
      name: 'ecr-credential-provider',
      purpose: 'Kubelet image credential provider: pulls from private ECR repositories with the node role (a binary, no pods).',
      version: KOPS_ECR_CREDENTIAL_PROVIDER.version,
      source: KOPS_ECR_CREDENTIAL_PROVIDER.source,
      namespace: 'kube-system',
      footprint: {},
      address: address(k.nodeLibrary),
    },
  ];
  if (spec.workload.monitoring.type === 'prometheus') {
    addons.push({
      delivery: 'terraform',
      name: 'prometheus',
      purpose: "Scrapes the workload's metrics endpoint (the kops-style cluster has no managed collector).",
      version: KOPS_PROMETHEUS.version,
      source: KOPS_PROMETHEUS.source,
      namespace: KOPS_PROMETHEUS_NAMESPACE,
      footprint: { replicas: { count: 1, cpuMillicores: KOPS_PROMETHEUS.cpuMillicores, memoryMiB: KOPS_PROMETHEUS.memoryMiB } },
      address: address(`${k.addonsPrefix}prometheus.yaml`),
    });
  }
  return addons;
}
