import type { PlatformAddon } from '../platform-addon';
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { SizeClassName } from '../../spec/cluster-spec';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import type { ClusterTarget, K8sContext, NodeAllocatable, StackOptions, InfraOutputs } from '../cluster-target';
import { validateRequestsFitNodes } from '../common/validate-node-fit';
import { AWS_INSTANCE_CATALOG } from '../eks/instance-types';
import { kopsPlatformAddons } from './kops-addons';
import { kopsKubernetes } from './kops-kubernetes';
import { KopsStack } from './kops-stack';
import { kopsNodeAllocatable } from './node-allocatable';
import { validateKopsKubernetesVersion } from './kops-versions';

/** kops-style on EC2: self-managed kubeadm control plane with stacked etcd, one instance per zone behind an NLB. */
export class KopsTarget implements ClusterTarget {
  public readonly id = 'kops' as const;
  public readonly displayName = 'kops-style on EC2';
  public readonly cloud = 'aws' as const;
  public readonly controlPlaneKind = 'self-managed' as const;

  public region(spec: ResolvedAppSpec): string {
    return spec.cluster.regions.aws;
  }

  public instanceType(sizeClass: SizeClassName): string {
    return AWS_INSTANCE_CATALOG.bySizeClass[sizeClass];
  }

  public nodeAllocatable(instanceType: string): NodeAllocatable {
    return kopsNodeAllocatable(instanceType);
  }

  public validate(spec: ResolvedAppSpec): ValidationProblem[] {
    return [...validateRequestsFitNodes(spec, this), ...validateKopsKubernetesVersion(spec.cluster.kubernetesVersion)];
  }

  public kubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
    return kopsKubernetes(spec, context);
  }

  /** Installed by the control-plane bootstrap from the state bucket (see ./kops-addons.ts); `deploy` has nothing to install. */
  public platformAddons(spec: ResolvedAppSpec, _outputs: InfraOutputs): readonly PlatformAddon[] {
    return kopsPlatformAddons(spec);
  }

  public createStack(scope: Construct, spec: ResolvedAppSpec, options: StackOptions): TerraformStack {
    return new KopsStack(scope, { spec, options });
  }
}
