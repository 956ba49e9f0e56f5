import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { AWS_NAME_LIMITS, boundedName } from '../common/aws/aws-names';
import { awsLoadBalancerControllerStatements, clusterAutoscalerStatements } from './eks-controller-policies';
import { EKS_SERVICE_ACCOUNTS } from './eks-defaults';

export interface EksControllerIdentitiesProps {
  /** Name of the EKS cluster (a reference, so the associations wait for it). */
  readonly clusterName: string;
  /** The spec's cluster name: role names and the autoscaler's tag condition. */
  readonly namePrefix: string;
  readonly partition: string;
  /** What the associations wait for: the Pod Identity agent add-on. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * IAM roles of the two Helm-installed controllers of a managed-node-group cluster, each bound to
 * the controller's ServiceAccount by an `aws_eks_pod_identity_association`: the AWS Load Balancer
 * Controller (its upstream policy) and cluster-autoscaler (resize and terminate only in
 * auto-scaling groups tagged for this cluster). Roles exist before `deploy` installs the charts,
 * so the controllers get credentials from their first start.
 */
export class EksControllerIdentities extends Construct {
  public readonly loadBalancerControllerRole: AwsIamRole;
  public readonly clusterAutoscalerRole: AwsIamRole;
  public readonly associations: readonly EksPodIdentityAssociation[];

  constructor(scope: Construct, id: string, props: EksControllerIdentitiesProps) {
    super(scope, id);
    this.loadBalancerControllerRole = new AwsIamRole(this, 'LoadBalancerControllerRole', {
      name: boundedName(`${props.namePrefix}-eks-lb-controller`, AWS_NAME_LIMITS.iamRole),
      description: `AWS Load Balancer Controller of EKS cluster ${props.namePrefix} (Pod Identity)`,
      trust: { type: 'pod-identity' },
      inlineStatements: awsLoadBalancerControllerStatements(props.partition),
    });
    this.clusterAutoscalerRole = new AwsIamRole(this, 'ClusterAutoscalerRole', {
      name: boundedName(`${props.namePrefix}-eks-cluster-autoscaler`, AWS_NAME_LIMITS.iamRole),
      description: `cluster-autoscaler of EKS cluster ${props.namePrefix} (Pod Identity)`,
      trust: { type: 'pod-identity' },
      inlineStatements: clusterAutoscalerStatements(props.namePrefix),
    });
    const bind = (assocId: string, role: AwsIamRole, sa: { namespace: string; name: string }) =>
      new EksPodIdentityAssociation(this, assocId, {
        clusterName: props.clusterName,
        namespace: sa.namespace,
        serviceAccount: sa.name,
        roleArn: role.arn,
        dependsOn: [...role.grants, ...(props.dependsOn ?? [])],
      });
    this.associations = [
      bind('LoadBalancerControllerAssociation', this.loadBalancerControllerRole, EKS_SERVICE_ACCOUNTS.loadBalancerController),
      bind('ClusterAutoscalerAssociation', this.clusterAutoscalerRole, EKS_SERVICE_ACCOUNTS.clusterAutoscaler),
    ];
  }
}
