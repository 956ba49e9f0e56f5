import { App, Testing } from 'cdk8s';
import { WEB_API_EXAMPLE } from '../src/examples/web-api';
import { WorkloadChart } from '../src/k8s/workload-chart';
import type { K8sAdaptation } from '../src/k8s/k8s-adaptation';
import type { AppSpec } from '../src/spec/app-spec';
import type { ClusterSpec } from '../src/spec/cluster-spec';
import { resolveAppSpec } from '../src/spec/resolve-app-spec';
import type { ResolvedAppSpec } from '../src/spec/resolved-spec';
import type { WorkloadSpec } from '../src/spec/workload-spec';
import { validateAppSpec } from '../src/spec/validate-app-spec';

/** A fixed clock so lab expiry tags are deterministic. */
export const TEST_NOW = new Date('2026-11-22T10:00:00Z');

/** The built-in example with overrides, validated and resolved (throws if the overrides are invalid). */
export function exampleSpec(overrides: { workload?: Partial<WorkloadSpec>; cluster?: Partial<ClusterSpec> } = {}): ResolvedAppSpec {
  const spec = rawExample(overrides);
  const problems = validateAppSpec(spec);
  if (problems.length > 0) throw new Error(`test spec invalid: ${JSON.stringify(problems)}`);
  return resolveAppSpec(spec);
}

/** Shorthand for cluster-only overrides. */
export function withCluster(cluster: Partial<ClusterSpec>): ResolvedAppSpec {
  return exampleSpec({ cluster });
}

export function rawExample(overrides: { workload?: Partial<WorkloadSpec>; cluster?: Partial<ClusterSpec> } = {}): AppSpec {
  return {
    workload: { ...WEB_API_EXAMPLE.workload, ...overrides.workload } as WorkloadSpec,
    cluster: { ...WEB_API_EXAMPLE.cluster, ...overrides.cluster },
  };
}

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; [k: string]: any };

/** Renders the workload chart for one adaptation and returns its objects. */
export function renderChart(spec: ResolvedAppSpec, adaptation: K8sAdaptation): K8sObject[] {
  const app: App = Testing.app();
  const chart = new WorkloadChart(app, spec.workload.name, { workload: spec.workload, adaptation });
  return Testing.synth(chart) as K8sObject[];
}

export function findObject(objects: readonly K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind}${name ? `/${name}` : ''} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}
