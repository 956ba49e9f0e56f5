import { publicHttpsEgress } from '../../k8s/identity-egress';
import type { K8sAdaptation, LoadBalancerProvider } from '../../k8s/k8s-adaptation';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { K8sContext } from '../cluster-target';
import { EBS_GP3_STORAGE_CLASS, commonLabels, workloadNodeSelector } from '../common/kubernetes-common';
import { AWS_VPC_CIDR } from '../common/network-cidrs';

/** The EBS provisioner of EKS Auto Mode (its storage capability), instead of the EBS CSI add-on's `ebs.csi.aws.com`. */
export const EKS_AUTO_MODE_EBS_PROVISIONER = 'ebs.csi.eks.amazonaws.com';

/** IRSA role name; the EKS stack creates the role under this name. */
export function eksWorkloadRoleName(spec: ResolvedAppSpec): string {
  return `${spec.cluster.name}-${spec.workload.name}`.slice(0, 64);
}

/**
 * The AWS Load Balancer Controller makes the NLBs and ALBs the annotations below ask for; its
 * events land on the Service/Ingress and its logs in its Deployment (chart defaults: name and
 * namespace, https://github.com/kubernetes-sigs/aws-load-balancer-controller/tree/main/helm/aws-load-balancer-controller, 2026-11).
 */
const AWS_LOAD_BALANCER_CONTROLLER: LoadBalancerProvider = {
  controller: 'the AWS Load Balancer Controller (kube-system/aws-load-balancer-controller)',
  inspect: ['logs', '--namespace', 'kube-system', 'deployment/aws-load-balancer-controller', '--tail=50'],
};

/**
 * EKS Auto Mode runs load balancing itself (no controller in the cluster: its only trace is the
 * object's events) and has its own EBS provisioner; Service annotations stay the same
 * (https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-nlb.html and
 * https://docs.aws.amazon.com/eks/latest/userguide/create-storage-class.html, 2026-11).
 */
const AUTO_MODE_LOAD_BALANCING: LoadBalancerProvider = {
  controller: "EKS Auto Mode's load balancing (run by AWS; the Ingress needs an IngressClass with controller eks.amazonaws.com/alb)",
};
const AUTO_MODE_GP3_STORAGE_CLASS = { ...EBS_GP3_STORAGE_CLASS, provisioner: EKS_AUTO_MODE_EBS_PROVISIONER };

/**
 * EKS: Services and Ingresses are realised by the AWS Load Balancer Controller (NLB with IP targets,
 * ALB for Ingress: https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/, 2026-11),
 * volumes by the EBS CSI driver add-on, identity by IRSA. In Auto Mode, AWS runs the load balancing
 * and the EBS driver itself.
 */
export function eksKubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
  const roleArn =
    context.outputs?.workload_role_arn ??
    (spec.cluster.eks.accountId ? `arn:aws:iam::${spec.cluster.eks.accountId}:role/${eksWorkloadRoleName(spec)}` : undefined);
  const autoMode = spec.cluster.eks.mode === 'auto';
  const loadBalancing = autoMode ? AUTO_MODE_LOAD_BALANCING : AWS_LOAD_BALANCER_CONTROLLER;
  const nlb = {
    'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
  };
  return {
    loadBalancerAnnotations: {
      public: { ...nlb, 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' },
      internal: { ...nlb, 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
    },
    ingress: {
      className: 'alb',
      annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/target-type': 'ip' },
      // ALB with IP targets sends from its own addresses inside the VPC, not from a controller pod.
      trafficFrom: { cidrs: [AWS_VPC_CIDR] },
    },
    storageClassName: 'gp3',
    storageClass: autoMode ? AUTO_MODE_GP3_STORAGE_CLASS : EBS_GP3_STORAGE_CLASS,
    serviceAccountAnnotations: roleArn ? { 'eks.amazonaws.com/role-arn': roleArn } : {},
    podLabels: {},
    nodeSelector: workloadNodeSelector(spec),
    // The stack's Amazon Managed Prometheus collector scrapes from network interfaces in the VPC's
    // subnets, not from a namespace, and finds the pods by its own scrape configuration
    // (eks-managed-prometheus.ts), so no ServiceMonitor: nothing in the cluster would read one
    // (https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector-how-to.html, 2026-11).
    prometheusMonitor: { scrapedFrom: { cidrs: [AWS_VPC_CIDR] } },
    commonLabels: commonLabels(spec, 'eks', context.now),
    kubernetesVersion: spec.cluster.kubernetesVersion,
    // IRSA: the SDK reads the projected token (AWS_WEB_IDENTITY_TOKEN_FILE) and calls
    // AssumeRoleWithWebIdentity at the regional STS endpoint over HTTPS
    // (https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html, 2026-11).
    // STS publishes no address range of its own and the stack has no STS interface endpoint, so the
    // allow is HTTPS to public addresses; nothing is needed on the node (no IMDS, no Pod Identity agent).
    workloadIdentity: {
      mechanism: 'IRSA: projected ServiceAccount token exchanged at AWS STS',
      egress: [publicHttpsEgress('AWS STS (sts.<region>.amazonaws.com, AssumeRoleWithWebIdentity)')],
    },
    loadBalancerProvider: { service: loadBalancing, ingress: loadBalancing },
  };
}
