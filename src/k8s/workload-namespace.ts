import { ApiObject, JsonPatch, type Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { ResolvedWorkload } from '../spec/resolved-spec';
import type { K8sAdaptation } from './k8s-adaptation';
import { standardLabels } from './labels';

const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** The Pod Security Standards level every workload namespace enforces, audits and warns on. */
export const POD_SECURITY_LEVEL = 'restricted';

/**
 * Pod Security admission labels (https://kubernetes.io/docs/concepts/security/pod-security-admission/, 2026-11):
 * `restricted` enforced, audited and warned, each pinned to the cluster's minor version, because an
 * unpinned (`latest`) level silently changes meaning when the cluster is upgraded.
 */
export function podSecurityLabels(kubernetesVersion: string): Record<string, string> {
  const version = `v${kubernetesVersion}`;
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = POD_SECURITY_LEVEL;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}

/**
 * The workload's own namespace. The chart places every namespaced object in it (chart `namespace`);
 * the Namespace itself carries the chart's common labels (lab owner and expiry included) and the
 * Pod Security labels, so nothing that breaks the restricted standard can start in it.
 */
export function createNamespace(chart: Chart, workload: ResolvedWorkload, adaptation: K8sAdaptation): void {
  const namespace = new kplus.k8s.KubeNamespace(chart, 'Namespace', {
    metadata: {
      name: workload.namespace,
      // Not the app's name/version labels: the namespace outlives releases and may hold more than the app.
      labels: { [MANAGED_BY_LABEL]: standardLabels(workload)[MANAGED_BY_LABEL], ...podSecurityLabels(adaptation.kubernetesVersion) },
    },
  });
  clusterScoped(namespace);
}

/** Cluster-scoped kinds have no namespace; cdk8s gives every object the chart's, so it is taken off again. */
export function clusterScoped(object: Construct): void {
  ApiObject.of(object).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
