import type { ResolvedAppSpec } from '../../spec/resolved-spec';

/** Which spec a report describes, so a report read later (or by someone else) says what it is about. */
export interface ReportSource {
  /** Where the spec came from, as the user named it: `my-app.ts`, or `built-in example (web-api)`. */
  readonly origin: string;
  readonly spec: ResolvedAppSpec;
}

/** The spec in three lines of plain text: file, workload, cluster and pools. */
export interface SourceSummary {
  readonly file: string;
  readonly workload: string;
  readonly cluster: string;
  readonly pools: readonly string[];
}

export function summarizeSource(source: ReportSource): SourceSummary {
  const { workload: w, cluster: c } = source.spec;
  const replicas = w.autoscaling
    ? `${w.autoscaling.minReplicas}–${w.autoscaling.maxReplicas} replicas (HPA at ${w.autoscaling.targetCpuPercent}% CPU)`
    : `${w.replicas} replicas`;
  const exposure = w.exposure.type === 'ingress' ? `ingress ${w.exposure.host}${w.exposure.path}` : w.exposure.type;
  return {
    file: source.origin,
    workload:
      `${w.name} (namespace ${w.namespace}): ${w.image}, ${replicas}, requests ${w.requests.cpuMillicores}m CPU / ${w.requests.memoryMiB} MiB, ` +
      `exposure ${exposure}${w.volume ? `, a ${w.volume.sizeGiB} GiB volume per replica` : ''}`,
    cluster: `${c.name}: ${c.zones} zone(s), control plane ${c.controlPlane}, Kubernetes ${c.kubernetesVersion}`,
    pools: c.nodePools.map(
      (p) => `${p.name}: ${p.desiredNodes} × ${p.sizeClass} (${p.minNodes}–${p.maxNodes} nodes)${p.capacity === 'spot' ? ', spot' : ''}`,
    ),
  };
}
