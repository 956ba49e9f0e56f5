import { ApiObject, Duration, JsonPatch, Size, type Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { ResolvedProbe, ResolvedWorkload } from '../spec/resolved-spec';
import type { K8sAdaptation } from './k8s-adaptation';
import { MONITORING_ANNOTATION, RUN_AS_USER, selectorLabels, standardLabels } from './labels';

export interface WorkloadPodsProps {
  readonly workload: ResolvedWorkload;
  readonly adaptation: K8sAdaptation;
  readonly serviceAccount: kplus.ServiceAccount;
  readonly configMap?: kplus.ConfigMap;
}

/** The headless Service a StatefulSet needs for stable pod DNS names. */
export const HEADLESS_SUFFIX = '-headless';

/**
 * The pods of the workload: a Deployment, or a StatefulSet with one volume per replica when the
 * spec asks for a volume. Restricted Pod Security, probes, requests/limits and zone spreading.
 */
export function createWorkloadPods(chart: Chart, props: WorkloadPodsProps): kplus.Deployment | kplus.StatefulSet {
  const { workload, adaptation } = props;
  const podMetadata = {
    labels: { ...standardLabels(workload), ...adaptation.podLabels },
    annotations: podAnnotations(workload),
  };
  const common = {
    metadata: { name: workload.name, annotations: { [MONITORING_ANNOTATION]: workload.monitoring.type } },
    podMetadata,
    select: false,
    serviceAccount: props.serviceAccount,
    automountServiceAccountToken: workload.needsKubernetesApi,
    securityContext: { ensureNonRoot: true, user: RUN_AS_USER, group: RUN_AS_USER, fsGroup: RUN_AS_USER },
    // With an HPA, a fixed replica count fights the autoscaler; cdk8s-plus refuses both at once.
    replicas: workload.autoscaling ? undefined : workload.replicas,
  };
  const pods = workload.volume
    ? new kplus.StatefulSet(chart, 'Workload', {
        ...common,
        service: new kplus.Service(chart, 'Headless', {
          metadata: { name: `${workload.name}${HEADLESS_SUFFIX}` },
          clusterIP: 'None',
          ports: [{ name: 'http', port: workload.port, targetPort: workload.port }],
        }),
      })
    : new kplus.Deployment(chart, 'Workload', {
        ...common,
        strategy: kplus.DeploymentStrategy.rollingUpdate({
          maxSurge: kplus.PercentOrAbsolute.absolute(1),
          maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
        }),
      });
  pods.select(kplus.LabelSelector.of({ labels: selectorLabels(workload) }));
  addContainer(pods, props);
  patchPodSpec(pods, workload, adaptation);
  return pods;
}

function addContainer(pods: kplus.Deployment | kplus.StatefulSet, props: WorkloadPodsProps): void {
  const { workload } = props;
  const envVariables: Record<string, kplus.EnvValue> = {};
  for (const [name, value] of Object.entries(workload.env)) envVariables[name] = kplus.EnvValue.fromValue(value);
  for (const secret of workload.secrets) {
    envVariables[secret.envName] = kplus.EnvValue.fromSecretValue({
      secret: kplus.Secret.fromSecretName(pods, `Secret-${secret.envName}`, secret.secretName),
      key: secret.key,
    });
  }
  const tmp = kplus.Volume.fromEmptyDir(pods, 'Tmp', 'tmp');
  const container = pods.addContainer({
    name: workload.name,
    image: workload.image,
    ports: [{ name: 'http', number: workload.port }],
    envVariables,
    envFrom: props.configMap ? [kplus.Env.fromConfigMap(props.configMap)] : undefined,
    resources: {
      cpu: {
        request: kplus.Cpu.millis(workload.requests.cpuMillicores),
        limit: kplus.Cpu.millis(workload.limits.cpuMillicores),
      },
      memory: {
        request: Size.mebibytes(workload.requests.memoryMiB),
        limit: Size.mebibytes(workload.limits.memoryMiB),
      },
    },
    readiness: toProbe(workload.probes.readiness),
    liveness: toProbe(workload.probes.liveness),
    startup: toProbe(workload.probes.startup),
    securityContext: {
      ensureNonRoot: true,
      user: RUN_AS_USER,
      group: RUN_AS_USER,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
    },
  });
  container.mount('/tmp', tmp);
}

function toProbe(probe: ResolvedProbe | undefined): kplus.Probe | undefined {
  if (!probe) return undefined;
  const timing = {
    initialDelaySeconds: Duration.seconds(probe.initialDelaySeconds),
    periodSeconds: Duration.seconds(probe.periodSeconds),
    failureThreshold: probe.failureThreshold,
  };
  switch (probe.kind) {
    case 'http':
      return kplus.Probe.fromHttpGet(probe.path ?? '/', { ...timing, port: probe.port });
    case 'tcp':
      return kplus.Probe.fromTcpSocket({ ...timing, port: probe.port });
    case 'exec':
      return kplus.Probe.fromCommand([...(probe.command ?? [])], timing);
  }
}

function podAnnotations(workload: ResolvedWorkload): Record<string, string> {
  if (workload.monitoring.type !== 'datadog') return {};
  // Datadog autodiscovery (https://docs.datadoghq.com/containers/kubernetes/log/, 2026-11).
  return {
    [`ad.datadoghq.com/${workload.name}.logs`]: JSON.stringify([{ source: workload.name, service: workload.name }]),
  };
}

/**
 * What cdk8s-plus-27 cannot express is added as JSON patches on the rendered object:
 * the seccomp profile, dropping ALL capabilities, topology spread constraints, the node selector and the StatefulSet's
 * volume claim template.
 */
function patchPodSpec(pods: kplus.Deployment | kplus.StatefulSet, workload: ResolvedWorkload, adaptation: K8sAdaptation): void {
  const api = ApiObject.of(pods);
  const isDeployment = pods instanceof kplus.Deployment;
  const labelSelector = { matchLabels: selectorLabels(workload) };
  // Only Deployments have pod-template-hash; it keeps spreading per ReplicaSet during a rollout.
  const matchLabelKeys = isDeployment ? { matchLabelKeys: ['pod-template-hash'] } : {};
  api.addJsonPatch(
    // Restricted Pod Security requires RuntimeDefault seccomp (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted).
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    // cdk8s-plus-27's Capability enum has no ALL, which restricted Pod Security requires dropping.
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
    JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
      {
        // Hard zone spread, counting only schedulable nodes, so a lost zone does not block rescheduling.
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        nodeTaintsPolicy: 'Honor',
        labelSelector,
        ...matchLabelKeys,
      },
      {
        // Soft host spread: preferred, so replicas > nodes still schedule (unlike cdk8s-plus `spread: true`).
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector,
        ...matchLabelKeys,
      },
    ]),
    JsonPatch.add('/spec/template/spec/nodeSelector', { ...adaptation.nodeSelector }),
  );
  if (workload.volume) {
    api.addJsonPatch(
      JsonPatch.add('/spec/volumeClaimTemplates', [
        {
          metadata: { name: 'data', labels: selectorLabels(workload) },
          spec: {
            accessModes: [workload.volume.accessMode],
            storageClassName: adaptation.storageClassName,
            // A Quantity, not a string: the generated L1's toJson maps patched values through its
            // typed converters (reading Quantity.value), which also drops any field the 1.27 schema lacks.
            resources: { requests: { storage: kplus.k8s.Quantity.fromString(`${workload.volume.sizeGiB}Gi`) } },
          },
        },
      ]),
      JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', {
        name: 'data',
        mountPath: workload.volume.mountPath,
      }),
    );
  }
}
