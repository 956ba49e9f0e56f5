import * as path from 'path';
import type { TargetSynthResult } from '../synth/synthesize';
import type { PreparedRun } from './common-options';

/** The short per-target table `synth` prints. */
export function formatSynthSummary(run: PreparedRun, results: readonly TargetSynthResult[], ms: number, cwd: string): string {
  const { spec } = run;
  const pools = spec.cluster.nodePools;
  const lines = [
    `orquesta: ${spec.workload.name} on cluster ${spec.cluster.name} (${run.origin})`,
    `  ${spec.cluster.zones} zone(s), control plane ${spec.cluster.controlPlane}, Kubernetes ${spec.cluster.kubernetesVersion}, ` +
      `${pools.map((p) => `${p.name}: ${p.desiredNodes} x ${p.sizeClass} (${p.minNodes}-${p.maxNodes})`).join(', ')}`,
    '',
    pad(['target', 'region', 'node type', 'tf resources', 'k8s objects', 'stack'], [7, 13, 16, 13, 12]),
  ];
  for (const r of results) {
    const target = run.targets.find((t) => t.id === r.target)!;
    lines.push(
      pad(
        [
          r.target,
          target.region(spec),
          target.instanceType(pools[0].sizeClass),
          String(r.resourceCount),
          String(r.manifestCount),
          path.relative(cwd, r.stackFile),
        ],
        [7, 13, 16, 13, 12],
      ),
    );
  }
  lines.push(
    '',
    `synthesized ${results.length} target(s) in ${ms.toFixed(0)} ms; manifests in ${path.relative(cwd, path.dirname(results[0].manifestDir))}/<target>/`,
  );
  return lines.join('\n');
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]) : c)).join(' ');
}
