/**
 * What a target changes in the shared workload chart. Each target returns one of these from
 * `ClusterTarget.kubernetes()`; the chart never asks which target it is rendering for.
 */
export interface K8sAdaptation {
  /** Annotations on a `type: LoadBalancer` Service, per exposure. */
  readonly loadBalancerAnnotations: {
    readonly public: Readonly<Record<string, string>>;
    readonly internal: Readonly<Record<string, string>>;
  };
  /** `spec.ingressClassName` for Ingress exposure, and annotations the controller needs. */
  readonly ingress: {
    readonly className: string;
    readonly annotations: Readonly<Record<string, string>>;
  };
  /** StorageClass for the workload's PersistentVolumeClaims (must be zone-aware: WaitForFirstConsumer). */
  readonly storageClassName: string;
  /** Workload-identity annotations on the ServiceAccount (IRSA role ARN, GKE GSA, Azure client id). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Extra pod labels the platform needs (e.g. `azure.workload.identity/use`). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Selects the worker node pool the workload runs on. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Labels every object of the chart carries (lab owner and expiry, project). */
  readonly commonLabels: Readonly<Record<string, string>>;
}
