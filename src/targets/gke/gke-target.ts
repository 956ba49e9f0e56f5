import type { PlatformAddon } from '../platform-addon';
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { SizeClassName } from '../../spec/cluster-spec';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import type { ClusterTarget, K8sContext, NodeAllocatable, StackOptions, InfraOutputs } from '../cluster-target';
import { validateRequestsFitNodes } from '../common/validate-node-fit';
import { GCP_INSTANCE_CATALOG } from './instance-types';
import { gkeKubernetes } from './gke-kubernetes';
import { gkePlatformAddons } from './gke-platform-addons';
import { GkeStack } from './gke-stack';
import { gkeNodeAllocatable } from './node-allocatable';

/** Google GKE: regional or zonal control plane, separately managed node pools, Workload Identity. */
export class GkeTarget implements ClusterTarget {
  public readonly id = 'gke' as const;
  public readonly displayName = 'Google GKE';
  public readonly cloud = 'gcp' as const;
  public readonly controlPlaneKind = 'managed' as const;

  public region(spec: ResolvedAppSpec): string {
    return spec.cluster.regions.gcp;
  }

  public instanceType(sizeClass: SizeClassName): string {
    return GCP_INSTANCE_CATALOG.bySizeClass[sizeClass];
  }

  public nodeAllocatable(instanceType: string): NodeAllocatable {
    return gkeNodeAllocatable(instanceType);
  }

  public validate(spec: ResolvedAppSpec): ValidationProblem[] {
    return validateRequestsFitNodes(spec, this);
  }

  public kubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
    return gkeKubernetes(spec, context);
  }

  /** What GKE itself provides (delivery 'terraform'): nothing for deploy to install; footprints for the analysis. */
  public platformAddons(spec: ResolvedAppSpec, _outputs: InfraOutputs): readonly PlatformAddon[] {
    return gkePlatformAddons(spec);
  }

  public createStack(scope: Construct, spec: ResolvedAppSpec, options: StackOptions): TerraformStack {
    return new GkeStack(scope, { spec, options });
  }
}
