import { ApiObject, Duration, type Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { ResolvedWorkload } from '../spec/resolved-spec';
import type { K8sAdaptation } from './k8s-adaptation';
import { selectorLabels, standardLabels } from './labels';

/** HorizontalPodAutoscaler (autoscaling/v2) on average CPU utilisation of the requests. */
export function createAutoscaler(chart: Chart, workload: ResolvedWorkload, target: kplus.IScalable): void {
  const scaling = workload.autoscaling;
  if (!scaling) return;
  new kplus.HorizontalPodAutoscaler(chart, 'Autoscaler', {
    metadata: { name: workload.name, labels: standardLabels(workload) },
    target,
    minReplicas: scaling.minReplicas,
    maxReplicas: scaling.maxReplicas,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(scaling.targetCpuPercent))],
    // Kubernetes' own default scale-down window (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#default-behavior).
    scaleDown: { stabilizationWindow: Duration.minutes(5) },
  });
}

/**
 * PodDisruptionBudget (policy/v1). cdk8s-plus-27 has no L2 for it, so the generated L1 is used.
 * Validation has already guaranteed it allows at least one voluntary eviction.
 */
export function createDisruptionBudget(chart: Chart, workload: ResolvedWorkload): void {
  const budget = workload.disruptionBudget;
  new kplus.k8s.KubePodDisruptionBudget(chart, 'DisruptionBudget', {
    metadata: { name: workload.name, labels: standardLabels(workload) },
    spec: {
      selector: { matchLabels: selectorLabels(workload) },
      ...('minAvailable' in budget
        ? { minAvailable: kplus.k8s.IntOrString.fromNumber(budget.minAvailable) }
        : { maxUnavailable: kplus.k8s.IntOrString.fromNumber(budget.maxUnavailable) }),
      // Evict pods that never became ready even when the budget is exhausted (stable in 1.31).
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
  });
}

/**
 * The target's Prometheus scrape object (ServiceMonitor / PodMonitoring), when its collector reads
 * one. Datadog needs no object: its autodiscovery annotations are on the pods.
 */
export function createMonitor(chart: Chart, workload: ResolvedWorkload, adaptation: K8sAdaptation): void {
  const monitoring = workload.monitoring;
  const object = adaptation.prometheusMonitor.object;
  if (monitoring.type !== 'prometheus' || !object) return;
  const { apiVersion, kind } = object;
  const portName = monitoring.port === workload.port ? 'http' : 'metrics';
  // PodMonitoring scrapes pods (port names are container ports); ServiceMonitor scrapes Service ports.
  const endpoint = { port: kind === 'PodMonitoring' ? monitoring.port : portName, path: monitoring.path, interval: '30s' };
  new ApiObject(chart, 'Monitor', {
    apiVersion,
    kind,
    metadata: { name: workload.name, labels: standardLabels(workload) },
    spec: { selector: { matchLabels: selectorLabels(workload) }, endpoints: [endpoint] },
  });
}
