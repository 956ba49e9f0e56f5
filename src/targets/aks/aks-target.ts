import type { PlatformAddon } from '../platform-addon';
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { K8sAdaptation } from '../../k8s/k8s-adaptation';
import type { SizeClassName } from '../../spec/cluster-spec';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import type { ClusterTarget, K8sContext, NodeAllocatable, StackOptions, InfraOutputs } from '../cluster-target';
import { validateRequestsFitNodes } from '../common/validate-node-fit';
import { AZURE_INSTANCE_CATALOG } from './instance-types';
import { aksKubernetes } from './aks-kubernetes';
import { validateAksNodePools } from './aks-node-pool';
import { aksPlatformAddons } from './aks-platform-addons';
import { AksStack } from './aks-stack';
import { aksNodeAllocatable } from './node-allocatable';

/** Azure AKS: tiered control plane, a system pool and user pools across zones, Microsoft Entra Workload ID. */
export class AksTarget implements ClusterTarget {
  public readonly id = 'aks' as const;
  public readonly displayName = 'Azure AKS';
  public readonly cloud = 'azure' as const;
  public readonly controlPlaneKind = 'managed' as const;

  public region(spec: ResolvedAppSpec): string {
    return spec.cluster.regions.azure;
  }

  public instanceType(sizeClass: SizeClassName): string {
    return AZURE_INSTANCE_CATALOG.bySizeClass[sizeClass];
  }

  public nodeAllocatable(instanceType: string): NodeAllocatable {
    return aksNodeAllocatable(instanceType);
  }

  public validate(spec: ResolvedAppSpec): ValidationProblem[] {
    return [...validateRequestsFitNodes(spec, this), ...validateAksNodePools(spec)];
  }

  public kubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation {
    return aksKubernetes(spec, context);
  }

  /** What AKS itself provides (delivery 'terraform'): nothing for deploy to install; footprints for the analysis. */
  public platformAddons(spec: ResolvedAppSpec, _outputs: InfraOutputs): readonly PlatformAddon[] {
    return aksPlatformAddons(spec);
  }

  public createStack(scope: Construct, spec: ResolvedAppSpec, options: StackOptions): TerraformStack {
    return new AksStack(scope, { spec, options });
  }
}
