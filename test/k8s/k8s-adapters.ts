import type { K8sAdaptation } from '../../src/k8s/k8s-adaptation';
import type { ResolvedAppSpec } from '../../src/spec/resolved-spec';
import { aksKubernetes } from '../../src/targets/aks/aks-kubernetes';
import { eksKubernetes } from '../../src/targets/eks/eks-kubernetes';
import { gkeKubernetes } from '../../src/targets/gke/gke-kubernetes';
import { kopsKubernetes } from '../../src/targets/kops/kops-kubernetes';
import { TEST_NOW, exampleSpec, renderChart, type K8sObject } from '../util';

export type AdaptFn = (spec: ResolvedAppSpec, ctx: { now: Date; outputs?: Record<string, string> }) => K8sAdaptation;

/** The four targets' adaptations, for table-driven tests of rules every target must keep. */
export const ADAPTERS: Array<[string, AdaptFn]> = [
  ['eks', eksKubernetes],
  ['gke', gkeKubernetes],
  ['aks', aksKubernetes],
  ['kops', kopsKubernetes],
];

export function renderFor(adapt: AdaptFn, spec: ResolvedAppSpec = exampleSpec(), outputs?: Record<string, string>): K8sObject[] {
  return renderChart(spec, adapt(spec, { now: TEST_NOW, outputs }));
}

/** `metadata.namespace` (the shared K8sObject type does not declare it). */
export function namespaceOf(o: K8sObject): string | undefined {
  return (o.metadata as { namespace?: string }).namespace;
}
