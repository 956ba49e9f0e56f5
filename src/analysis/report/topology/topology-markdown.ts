import type { ComparisonReport, TargetReport } from '../comparison-report';
import { formatPercent, orderedTargets } from '../report-format';
import type { TopologyModel } from './topology-model';
import { topologyViews } from './topology-views';

/*
 * The topology as text for GitHub, which shows no inline SVG: per target a zone × node grid (zones as
 * columns, the n-th node of each zone on row n, `●` per replica), the control plane and egress per
 * zone, the zone-loss row when the report has its detail, and one line per drawn scenario.
 */

/** Markdown-safe cell text: no table break, no HTML, no emphasis. */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** `●●● 3` for 3 replicas; `–` for none. */
export function replicaMarks(count: number): string {
  return count === 0 ? '–' : `${'●'.repeat(Math.min(count, 12))}${count > 12 ? '…' : ''} ${count}`;
}

/** The section, or '' when no target carries a topology. */
export function topologySectionMarkdown(report: ComparisonReport): string {
  const blocks = orderedTargets(report).flatMap(({ target }) =>
    target.topology === undefined ? [] : [targetGrid(target, target.topology)],
  );
  return blocks.length === 0 ? '' : ['## Topology and fault domains', ...blocks].join('\n\n');
}

function targetGrid(target: TargetReport, model: TopologyModel): string {
  const zones = model.zones;
  const { views } = topologyViews(model, target);
  const rows: string[][] = [];
  const cp = model.controlPlane;
  if (cp.kind === 'managed') {
    rows.push(['Control plane', ...zones.map((z) => (cp.zone === undefined || cp.zone === z ? 'managed' : '–'))]);
  } else {
    rows.push(['Control plane', ...zones.map((z) => `${cp.members.filter((m) => m.zone === z).length} etcd + API`)]);
  }
  const egress = model.egress;
  rows.push([
    'Egress',
    ...zones.map((z) =>
      egress.kind === 'zonal-nat'
        ? egress.gateways.some((g) => g.zone === z)
          ? 'NAT gateway'
          : 'no NAT (via another zone)'
        : egress.kind === 'regional'
          ? egress.description
          : 'none',
    ),
  ]);
  const perZone = zones.map((z) => model.nodes.filter((n) => n.zone === z));
  const depth = Math.max(0, ...perZone.map((n) => n.length));
  for (let i = 0; i < depth; i++) {
    rows.push([
      `Node ${i + 1}`,
      ...perZone.map((nodes) => {
        const n = nodes[i];
        if (n === undefined) return '';
        const volumes = model.volumes.filter((v) => v.nodeId === n.id).reduce((s, v) => s + v.count, 0);
        return `${cell(n.instanceType)} ${replicaMarks(n.replicas)}${volumes > 0 ? ` ▪${volumes} vol` : ''}`;
      }),
    ]);
  }
  rows.push(['Replicas', ...perZone.map((nodes) => String(nodes.reduce((s, n) => s + n.replicas, 0)))]);
  const zoneLoss = views.find((v) => v.id === 'zone-loss');
  if (zoneLoss !== undefined) {
    rows.push([
      'Zone loss',
      ...zones.map((z, i) => {
        if (!zoneLoss.lostZones.has(z)) return 'keeps serving';
        const stopped = perZone[i].reduce((s, n) => s + (zoneLoss.replicas.get(n.id)?.stopped ?? 0), 0);
        return `**lost**: ${stopped} ${stopped === 1 ? 'replica stops' : 'replicas stop'}`;
      }),
    ]);
  }
  const header = ['', ...zones.map(cell)];
  const table = [header, header.map(() => ':---'), ...rows.map((r) => [r[0], ...r.slice(1)])].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const sla = target.controlPlane.sla === null ? 'no SLA' : `SLA ${formatPercent(target.controlPlane.sla)}`;
  const notes = [
    cp.kind === 'managed'
      ? `Managed control plane (${cell(cp.tier)}, ${sla})${cp.zone !== undefined ? ` in ${cell(cp.zone)} only` : ' across the zones'}.`
      : `Self-managed control plane: etcd quorum needs ${cp.quorum} of ${cp.members.length} members (${sla}).`,
    ...model.loadBalancers.map(
      (lb) => `Load balancer ${cell(lb.address)} (${lb.kind}) → targets in ${lb.targetZones.map(cell).join(', ') || 'no zone'}.`,
    ),
    ...(model.pendingReplicas > 0 ? [`${model.pendingReplicas} replicas fit on no node.`] : []),
    ...views.filter((v) => v.id !== 'before').map((v) => `${cell(v.label)}: ${cell(v.summary)}`),
  ];
  return [`### ${cell(target.displayName)}: zones × nodes`, table, notes.map((n) => `- ${n}`).join('\n')].join('\n\n');
}
