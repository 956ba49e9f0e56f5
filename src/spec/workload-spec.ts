/**
 * The cloud-neutral description of one application workload: everything a team
 * says about its app once. Every target synthesizes its manifests from this.
 *
 * Units are in the field names (`cpuMillicores`, `memoryMiB`, `sizeGiB`) so a
 * number can never be read in the wrong unit.
 */
export interface WorkloadSpec {
  /** DNS-1035 label (lowercase letters, digits, '-', starts with a letter, at most 40 characters). */
  readonly name: string;
  /**
   * Kubernetes namespace every namespaced object of the workload lands in; it is labelled
   * `pod-security.kubernetes.io/enforce: restricted`, and workload-identity bindings (IRSA trust,
   * GKE and Azure federated subjects) are derived from it. DNS-1035 label, at most 63 characters;
   * not `default` or a `kube-` system namespace.
   * @default - the workload name
   */
  readonly namespace?: string;
  /**
   * Container image with an explicit tag or digest, e.g. `ghcr.io/acme/api:1.4.2` or
   * `ghcr.io/acme/api@sha256:...`. `latest` and untagged images are rejected.
   */
  readonly image: string;
  /** Port the container listens on (1-65535). */
  readonly port: number;
  /**
   * Number of replicas when autoscaling is off. With autoscaling the HPA's minimum governs.
   * @default 3
   */
  readonly replicas?: number;
  /** CPU and memory the scheduler reserves (requests) and the kernel enforces (limits). */
  readonly resources: ResourcesSpec;
  /** @default - no probes (not recommended: validation warns nothing, the pod is ready at start) */
  readonly probes?: ProbesSpec;
  /** Plain environment variables. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Non-secret configuration, rendered as a ConfigMap and injected with envFrom. @default - no ConfigMap */
  readonly config?: Readonly<Record<string, string>>;
  /** References to existing Kubernetes Secrets. Never values. @default [] */
  readonly secrets?: readonly SecretRefSpec[];
  /** @default - no HorizontalPodAutoscaler; `replicas` is fixed */
  readonly autoscaling?: AutoscalingSpec;
  /** @default { maxUnavailable: 1 } */
  readonly disruptionBudget?: DisruptionBudgetSpec;
  /** How the app is reached. */
  readonly exposure: ExposureSpec;
  /** A persistent volume per replica (the workload becomes a StatefulSet). @default - stateless Deployment */
  readonly volume?: VolumeSpec;
  /** @default { type: 'none' } */
  readonly monitoring?: MonitoringSpec;
  /**
   * Whether the app calls the Kubernetes API and therefore needs its service-account token mounted.
   * @default false
   */
  readonly needsKubernetesApi?: boolean;
  /** Extra egress the NetworkPolicy allows besides DNS. @default [] (DNS only) */
  readonly egress?: readonly EgressRuleSpec[];
}

export interface ResourcesSpec {
  readonly requests: ComputeQuantity;
  readonly limits: ComputeQuantity;
}

export interface ComputeQuantity {
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
}

export type ProbeSpec =
  | ({ readonly type: 'http'; readonly path: string } & ProbeTiming)
  | ({ readonly type: 'tcp' } & ProbeTiming)
  | ({ readonly type: 'exec'; readonly command: readonly string[] } & ProbeTiming);

export interface ProbeTiming {
  /** @default - the container port */
  readonly port?: number;
  /** @default 0 */
  readonly initialDelaySeconds?: number;
  /** @default 10 (Kubernetes default) */
  readonly periodSeconds?: number;
  /** @default 3 (Kubernetes default) */
  readonly failureThreshold?: number;
}

export interface ProbesSpec {
  readonly readiness?: ProbeSpec;
  readonly liveness?: ProbeSpec;
  readonly startup?: ProbeSpec;
}

export interface SecretRefSpec {
  /** Environment variable the value is exposed as. */
  readonly envName: string;
  /** Name of the existing Kubernetes Secret. */
  readonly secretName: string;
  /** Key inside the Secret. */
  readonly key: string;
}

export interface AutoscalingSpec {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Average CPU utilisation (percent of requests) the HPA aims for. @default 70 */
  readonly targetCpuPercent?: number;
}

export type DisruptionBudgetSpec =
  | { readonly maxUnavailable: number; readonly minAvailable?: undefined }
  | { readonly minAvailable: number; readonly maxUnavailable?: undefined };

export type ExposureSpec =
  | { readonly type: 'public' }
  | { readonly type: 'internal' }
  | { readonly type: 'ingress'; readonly host: string; readonly path?: string }
  | { readonly type: 'cluster' };

export type ExposureType = ExposureSpec['type'];

export interface VolumeSpec {
  readonly sizeGiB: number;
  /** @default 'ReadWriteOnce' */
  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteMany';
  /** @default '/data' */
  readonly mountPath?: string;
}

export type MonitoringSpec =
  | { readonly type: 'prometheus'; readonly path?: string; readonly port?: number }
  | { readonly type: 'datadog' }
  | { readonly type: 'none' };

export interface EgressRuleSpec {
  /** CIDR the app may reach, e.g. a managed database subnet. */
  readonly cidr: string;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}
