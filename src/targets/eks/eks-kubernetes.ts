import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { K8sContext } from '../cluster-target';
import { EBS_GP3_STORAGE_CLASS, PROMETHEUS_OPERATOR_MONITOR, commonLabels, workloadNodeSelector } from '../common/kubernetes-common';
import { AWS_VPC_CIDR } from '../common/network-cidrs';

/** The EBS provisioner of EKS Auto Mode (its storage capability), instead of the EBS CSI add-on's `ebs.csi.aws.com`. */
export const EKS_AUTO_MODE_EBS_PROVISIONER = 'ebs.csi.eks.amazonaws.com';

/** IRSA role name; the EKS stack creates the role under this name. */
export function eksWorkloadRoleName(spec: ResolvedAppSpec): string {
  return `${spec.cluster.name}-${spec.workload.name}`.slice(0, 64);
}

/**
 * EKS: Services and Ingresses are realised by the AWS Load Balancer Controller (NLB with IP targets,
 * ALB for Ingress: https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/, 2026-11),
 * volumes by the EBS CSI driver add-on, identity by IRSA.
 */
export function eksKubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
  const roleArn =
    context.outputs?.workload_role_arn ??
    (spec.cluster.eks.accountId ? `arn:aws:iam::${spec.cluster.eks.accountId}:role/${eksWorkloadRoleName(spec)}` : undefined);
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
    // Auto Mode's block storage has its own provisioner (https://docs.aws.amazon.com/eks/latest/userguide/create-storage-class.html, 2026-11).
    storageClass:
      spec.cluster.eks.mode === 'auto' ? { ...EBS_GP3_STORAGE_CLASS, provisioner: EKS_AUTO_MODE_EBS_PROVISIONER } : EBS_GP3_STORAGE_CLASS,
    serviceAccountAnnotations: roleArn ? { 'eks.amazonaws.com/role-arn': roleArn } : {},
    podLabels: {},
    nodeSelector: workloadNodeSelector(spec),
    prometheusMonitor: PROMETHEUS_OPERATOR_MONITOR,
    commonLabels: commonLabels(spec, 'eks', context.now),
  };
}
