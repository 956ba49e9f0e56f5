import type { ResolvedWorkload } from '../spec/resolved-spec';

/** The selector labels: stable for the life of the workload (changing them orphans pods). */
export function selectorLabels(workload: ResolvedWorkload): Record<string, string> {
  return { 'app.kubernetes.io/name': workload.name };
}

/** Recommended labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). */
export function standardLabels(workload: ResolvedWorkload): Record<string, string> {
  const version = workload.image.includes('@') ? undefined : workload.image.split(':').pop();
  return {
    ...selectorLabels(workload),
    'app.kubernetes.io/managed-by': 'orquesta',
    ...(version ? { 'app.kubernetes.io/version': version.slice(0, 63) } : {}),
  };
}

/**
 * The monitoring the workload was synthesized with (`prometheus`, `datadog` or `none`), on the
 * Deployment/StatefulSet: the analysis reads it from the manifests, also where the target's
 * collector needs no object in the cluster (EKS' managed Prometheus collector).
 */
export const MONITORING_ANNOTATION = 'orquesta.dev/monitoring';

/** The non-root user the container runs as: above the 10000 range images reserve, so never a host user. */
export const RUN_AS_USER = 10001;
