import type {
  AksOptions,
  CapacityType,
  ControlPlaneMode,
  DayOfWeek,
  EksLogType,
  EksMode,
  GkeOptions,
  NatMode,
  SizeClassName,
} from './cluster-spec';
import type { ComputeQuantity, EgressRuleSpec, ProbeSpec, SecretRefSpec } from './workload-spec';

/**
 * The spec with every default filled in. Targets and analysis only ever see this shape,
 * so a default is decided once (in `resolveAppSpec`) and never re-derived.
 */
export interface ResolvedAppSpec {
  readonly workload: ResolvedWorkload;
  readonly cluster: ResolvedCluster;
}

export interface ResolvedProbe {
  readonly kind: ProbeSpec['type'];
  readonly path?: string;
  readonly command?: readonly string[];
  readonly port: number;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly failureThreshold: number;
}

export interface ResolvedWorkload {
  readonly name: string;
  /** The namespace every namespaced object lands in (default: the workload name). */
  readonly namespace: string;
  readonly image: string;
  readonly port: number;
  /** Fixed replicas, or the HPA minimum when autoscaling. */
  readonly replicas: number;
  readonly requests: ComputeQuantity;
  readonly limits: ComputeQuantity;
  readonly probes: {
    readonly readiness?: ResolvedProbe;
    readonly liveness?: ResolvedProbe;
    readonly startup?: ResolvedProbe;
  };
  readonly env: Readonly<Record<string, string>>;
  readonly config: Readonly<Record<string, string>>;
  readonly secrets: readonly SecretRefSpec[];
  readonly autoscaling?: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly targetCpuPercent: number;
  };
  readonly disruptionBudget: { readonly maxUnavailable: number } | { readonly minAvailable: number };
  readonly exposure: ResolvedExposure;
  readonly volume?: {
    readonly sizeGiB: number;
    readonly accessMode: 'ReadWriteOnce' | 'ReadWriteMany';
    readonly mountPath: string;
  };
  readonly monitoring:
    | { readonly type: 'prometheus'; readonly path: string; readonly port: number }
    | { readonly type: 'datadog' }
    | { readonly type: 'none' };
  readonly needsKubernetesApi: boolean;
  readonly egress: readonly Required<EgressRuleSpec>[];
}

export type ResolvedExposure =
  | { readonly type: 'public' }
  | { readonly type: 'internal' }
  | { readonly type: 'ingress'; readonly host: string; readonly path: string }
  | { readonly type: 'cluster' };

export interface ResolvedNodePool {
  readonly name: string;
  readonly sizeClass: SizeClassName;
  readonly minNodes: number;
  readonly desiredNodes: number;
  readonly maxNodes: number;
  readonly capacity: CapacityType;
}

export interface ResolvedCluster {
  readonly name: string;
  readonly kubernetesVersion: string;
  readonly zones: number;
  readonly controlPlane: ControlPlaneMode;
  readonly nodePools: readonly ResolvedNodePool[];
  readonly regions: { readonly aws: string; readonly gcp: string; readonly azure: string };
  readonly natGateways: NatMode;
  readonly maintenanceWindow: { readonly dayOfWeek: DayOfWeek; readonly startHourUtc: number; readonly durationHours: number };
  readonly lab?: { readonly owner: string; readonly ttlHours: number };
  readonly eks: {
    readonly accountId?: string;
    readonly publicAccessCidrs: readonly string[];
    readonly supportType: 'STANDARD' | 'EXTENDED';
    readonly mode: EksMode;
    readonly adminPrincipalArns: readonly string[];
    readonly controlPlaneLogTypes: readonly EksLogType[];
  };
  readonly gke: {
    readonly project: string;
    readonly locationType: NonNullable<GkeOptions['locationType']>;
    readonly releaseChannel: NonNullable<GkeOptions['releaseChannel']>;
    readonly masterAuthorizedCidrs: readonly string[];
    readonly binaryAuthorization: boolean;
    readonly rbacSecurityGroup?: string;
    readonly secretsEncryptionKey?: string;
  };
  readonly aks: {
    readonly tier: NonNullable<AksOptions['tier']>;
    readonly upgradeChannel: NonNullable<AksOptions['upgradeChannel']>;
    readonly apiServerAuthorizedCidrs: readonly string[];
    readonly adminGroupObjectIds: readonly string[];
    readonly azurePolicy: boolean;
  };
  readonly kops: {
    readonly controlPlaneCount: 1 | 3 | 5;
    readonly controlPlaneSizeClass: SizeClassName;
    readonly amiSsmParameter: string;
    readonly apiAccessCidrs: readonly string[];
  };
}
