import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { SizeClassName } from '../spec/cluster-spec';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import type { ValidationProblem } from '../spec/validation-error';
import type { K8sAdaptation } from '../k8s/k8s-adaptation';
import type { PlatformAddon } from './platform-addon';

export type TargetId = 'eks' | 'gke' | 'aks' | 'kops';
export const TARGET_IDS: readonly TargetId[] = ['eks', 'gke', 'aks', 'kops'];
export type CloudId = 'aws' | 'gcp' | 'azure';

/** Options that change how a stack is synthesized, never what the cluster is. */
export interface StackOptions {
  /** Synthesis time; lab expiry tags are computed from it. */
  readonly now: Date;
  /**
   * Adds the provider settings that let `terraform plan` run with fake credentials and no network
   * (skip_credentials_validation and friends). Only for offline checks: a real deploy must not set it.
   * @default false
   */
  readonly offlinePlan?: boolean;
  /** Where Terraform keeps state. @default - local state in .orquesta/state/<target>/ */
  readonly backend?: BackendConfig;
}

export type BackendConfig =
  | { readonly type: 'local'; readonly path: string }
  | { readonly type: 's3'; readonly bucket: string; readonly key: string; readonly region: string; readonly dynamodbTable?: string }
  | { readonly type: 'gcs'; readonly bucket: string; readonly prefix: string }
  | {
      readonly type: 'azurerm';
      readonly resourceGroupName: string;
      readonly storageAccountName: string;
      readonly containerName: string;
      readonly key: string;
    };

/** Values only known after `terraform apply` that the Kubernetes side can use (e.g. identity ids). */
export type InfraOutputs = Readonly<Record<string, string>>;

export interface K8sContext {
  /** Synthesis time; lab expiry labels are computed from it. */
  readonly now: Date;
  /** Stack outputs after apply; identity annotations that need them are omitted without. @default {} */
  readonly outputs?: InfraOutputs;
}

/** Allocatable resources of one node after the target's system reservation and eviction threshold. */
export interface NodeAllocatable {
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly maxPods: number;
}

/**
 * One cluster target. Implemented once per target in `src/targets/<id>/`; everything that
 * differs between clouds is behind this interface, so shared code never switches on target id.
 */
export interface ClusterTarget {
  readonly id: TargetId;
  readonly displayName: string;
  readonly cloud: CloudId;
  /** Managed control plane (EKS/GKE/AKS) or one the user runs (kops-style). */
  readonly controlPlaneKind: 'managed' | 'self-managed';
  /** The region this target deploys to, from the spec. */
  region(spec: ResolvedAppSpec): string;
  /** The instance type this target uses for a size class (same vCPU and memory on every target). */
  instanceType(sizeClass: SizeClassName): string;
  /** What one node of that instance type leaves for pods, after the target's reservations. */
  nodeAllocatable(instanceType: string): NodeAllocatable;
  /** Target-specific checks of an otherwise valid spec (e.g. requests must fit on one node). */
  validate(spec: ResolvedAppSpec): ValidationProblem[];
  /** The target's Kubernetes adaptations: annotations, classes, identity, selectors. */
  kubernetes(spec: ResolvedAppSpec, context: K8sContext): K8sAdaptation;
  /**
   * Add-ons this target's cluster needs for the workload to run, scale and be reachable
   * (see `platform-addon.ts`). `outputs` are the stack outputs after apply (empty at synth time).
   */
  platformAddons(spec: ResolvedAppSpec, outputs: InfraOutputs): readonly PlatformAddon[];
  /** Adds this target's infrastructure stack to a cdktf app. */
  createStack(scope: Construct, spec: ResolvedAppSpec, options: StackOptions): TerraformStack;
}
