import type { PlatformAddon } from '../platform-addon';
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { SizeClassName } from '../../spec/cluster-spec';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import type { ClusterTarget, K8sContext, NodeAllocatable, StackOptions, InfraOutputs } from '../cluster-target';
import { validateRequestsFitNodes } from '../common/validate-node-fit';
import { AWS_INSTANCE_CATALOG } from './instance-types';
import { validateEksAdminPrincipals } from './eks-access-entries';
import { eksKubernetes } from './eks-kubernetes';
import { validateEksAddonVersions } from './eks-managed-addon-catalog';
import { eksPlatformAddons } from './eks-platform-addons';
import { EksStack } from './eks-stack';
import { eksNodeAllocatable } from './node-allocatable';

/**
 * Amazon EKS: managed control plane; managed node groups across the spec's zones with EKS managed
 * add-ons, the load-balancer controller and cluster-autoscaler, or EKS Auto Mode
 * (`cluster.eks.mode`); IRSA for the workload.
 */
export class EksTarget implements ClusterTarget {
  public readonly id = 'eks' as const;
  public readonly displayName = 'Amazon EKS';
  public readonly cloud = 'aws' as const;
  public readonly controlPlaneKind = 'managed' as const;

  public region(spec: ResolvedAppSpec): string {
    return spec.cluster.regions.aws;
  }

  public instanceType(sizeClass: SizeClassName): string {
    return AWS_INSTANCE_CATALOG.bySizeClass[sizeClass];
  }

  public nodeAllocatable(instanceType: string): NodeAllocatable {
    return eksNodeAllocatable(instanceType);
  }

  public validate(spec: ResolvedAppSpec): ValidationProblem[] {
    return [...validateRequestsFitNodes(spec, this), ...validateEksAddonVersions(spec), ...validateEksAdminPrincipals(spec)];
  }

  public kubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
    return eksKubernetes(spec, context);
  }

  public platformAddons(spec: ResolvedAppSpec, outputs: InfraOutputs): readonly PlatformAddon[] {
    return eksPlatformAddons(spec, outputs);
  }

  public createStack(scope: Construct, spec: ResolvedAppSpec, options: StackOptions): TerraformStack {
    return new EksStack(scope, { spec, options });
  }
}
