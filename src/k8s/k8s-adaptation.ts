import type { IdentityEgressRule } from './identity-egress';

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
    /**
     * Where Ingress traffic reaches the pods from, for the NetworkPolicy: the controller's namespace
     * (in-cluster controllers), or source CIDRs when the cloud load balancer targets pods directly.
     */
    readonly trafficFrom: TrafficSource;
  };
  /** A StorageClass the chart must create for volumes (when the platform ships none suitable). @default - none, `storageClassName` exists */
  readonly storageClass?: {
    readonly provisioner: string;
    readonly parameters: Readonly<Record<string, string>>;
  };
  /** StorageClass for the workload's PersistentVolumeClaims (must be zone-aware: WaitForFirstConsumer). */
  readonly storageClassName: string;
  /** Workload-identity annotations on the ServiceAccount (IRSA role ARN, GKE GSA, Azure client id). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Extra pod labels the platform needs (e.g. `azure.workload.identity/use`). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Selects the worker node pool the workload runs on. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** How this platform's Prometheus collector finds and reaches the workload's metrics. */
  readonly prometheusMonitor: {
    /**
     * The scrape object the collector reads: prometheus-operator's ServiceMonitor, Google Managed
     * Prometheus' PodMonitoring, or Azure Monitor's azmonitoring.coreos.com ServiceMonitor.
     * @default - none: the collector discovers the pods from its own configuration (the chart writes no scrape object)
     */
    readonly object?: {
      readonly apiVersion: string;
      readonly kind: 'ServiceMonitor' | 'PodMonitoring';
    };
    /** Where that collector scrapes from, for the NetworkPolicy's metrics allow. */
    readonly scrapedFrom: TrafficSource;
  };
  /** Labels every object of the chart carries (lab owner and expiry, project). */
  readonly commonLabels: Readonly<Record<string, string>>;
  /**
   * The Kubernetes minor version the target's cluster runs (`1.31`). The workload namespace pins its
   * Pod Security Standards version to it, so a cluster upgrade never tightens the rules unannounced.
   */
  readonly kubernetesVersion: string;
  /**
   * The workload's cloud identity, present exactly when the target's stack gives it one (IRSA role,
   * GKE Workload Identity, Azure workload identity), whether or not its id is known yet: the egress
   * NetworkPolicy then also allows `egress`, the endpoints that identity needs and nothing more.
   * @default - no cloud identity: no extra egress
   */
  readonly workloadIdentity?: {
    /** How the pods get credentials, one phrase (`IRSA: projected token exchanged at AWS STS`). */
    readonly mechanism: string;
    readonly egress: readonly IdentityEgressRule[];
  };
  /**
   * Who gives a `LoadBalancer` Service and an Ingress their address on this target: named by
   * `deploy` when no address appears, with how to look at it.
   */
  readonly loadBalancerProvider: {
    readonly service: LoadBalancerProvider;
    readonly ingress: LoadBalancerProvider;
  };
}

/** Where traffic into the pods comes from: an in-cluster component's namespace, or source CIDRs. */
export type TrafficSource = { readonly namespace: string } | { readonly cidrs: readonly string[] };

export interface LoadBalancerProvider {
  /** The controller, as a user would search for it (`the AWS Load Balancer Controller (kube-system)`). */
  readonly controller: string;
  /** kubectl arguments that show its health or logs, when it runs in the cluster. @default - only `kubectl describe` of the object */
  readonly inspect?: readonly string[];
}
