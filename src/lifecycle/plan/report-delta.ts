import type { Inventory } from '../../analysis/inventory/inventory';
import type { ScenarioOutcome, TargetReport } from '../../analysis/report/comparison-report';

export interface CostLineDelta {
  readonly address: string;
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
}

export interface TargetDelta {
  readonly beforeUsd: number | null;
  readonly afterUsd: number | null;
  readonly deltaUsd: number;
  /** Per resource address (Terraform or Kubernetes), only the ones whose monthly cost changed. */
  readonly lines: readonly CostLineDelta[];
  /** Human sentences: "control plane 3 → 1 nodes: etcd now tolerates 0 failures". */
  readonly faultChanges: readonly string[];
}

export interface Side {
  readonly report: TargetReport;
  readonly inventory: Inventory;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function byAddress(report: TargetReport | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of report?.lineItems ?? []) m.set(l.address, round2((m.get(l.address) ?? 0) + l.monthlyUsd));
  return m;
}

/** Cost and fault-tolerance change of one target between two synthesized revisions. Pure. */
export function targetDelta(before: Side | undefined, after: Side | undefined): TargetDelta {
  const b = byAddress(before?.report);
  const a = byAddress(after?.report);
  const lines: CostLineDelta[] = [];
  for (const address of new Set([...b.keys(), ...a.keys()])) {
    const beforeUsd = b.get(address) ?? 0;
    const afterUsd = a.get(address) ?? 0;
    if (Math.abs(afterUsd - beforeUsd) >= 0.005) lines.push({ address, beforeUsd, afterUsd, deltaUsd: round2(afterUsd - beforeUsd) });
  }
  lines.sort((x, y) => Math.abs(y.deltaUsd) - Math.abs(x.deltaUsd) || x.address.localeCompare(y.address));
  const beforeUsd = before?.report.monthlyTotalUsd ?? null;
  const afterUsd = after?.report.monthlyTotalUsd ?? null;
  return {
    beforeUsd,
    afterUsd,
    deltaUsd: round2((afterUsd ?? 0) - (beforeUsd ?? 0)),
    lines,
    faultChanges: before && after ? faultChanges(before, after) : [],
  };
}

const SCENARIO_NAMES: Readonly<Record<ScenarioOutcome['id'], string>> = {
  'node-loss': 'node loss',
  'zone-loss': 'zone loss',
  'control-plane-upgrade': 'control-plane upgrade',
  'control-plane-instance-loss': 'control-plane instance loss',
  'spot-reclaim': 'spot reclaim',
};

function survives(s: ScenarioOutcome | undefined): boolean {
  return !!s && s.apiAvailable && s.servingFraction > 0 && s.restorable;
}

function workloadZones(inv: Inventory): number {
  return new Set(inv.nodeGroups.filter((g) => g.role === 'worker').flatMap((g) => g.zones)).size;
}

function workerNodes(inv: Inventory): number {
  return inv.nodeGroups.filter((g) => g.role === 'worker').reduce((n, g) => n + g.desiredNodes, 0);
}

function faultChanges(before: Side, after: Side): string[] {
  const out: string[] = [];
  const cpB = before.inventory.controlPlane;
  const cpA = after.inventory.controlPlane;
  const tolA = after.report.controlPlane.tolerates;
  if (cpB.kind === 'self-managed' && cpA.kind === 'self-managed' && cpB.instances.length !== cpA.instances.length) {
    out.push(
      `control plane ${cpB.instances.length} → ${cpA.instances.length} nodes: etcd now tolerates ${tolA.instances} failure${tolA.instances === 1 ? '' : 's'}`,
    );
  }
  if (cpB.kind === 'managed' && cpA.kind === 'managed' && cpB.tier !== cpA.tier) out.push(`control plane tier ${cpB.tier} → ${cpA.tier}`);
  const slaB = before.report.controlPlane.sla ?? before.report.controlPlane.modelledAvailability;
  const slaA = after.report.controlPlane.sla ?? after.report.controlPlane.modelledAvailability;
  if (slaB !== slaA) out.push(`control-plane availability ${fmt(slaB)} → ${fmt(slaA)}`);
  const tolB = before.report.controlPlane.tolerates;
  if (tolB.zones !== tolA.zones && cpA.kind === cpB.kind) out.push(`control plane tolerates ${tolB.zones} → ${tolA.zones} zone losses`);
  const zB = workloadZones(before.inventory);
  const zA = workloadZones(after.inventory);
  const zoneB = survives(before.report.scenarios.find((s) => s.id === 'zone-loss'));
  const zoneA = survives(after.report.scenarios.find((s) => s.id === 'zone-loss'));
  if (zB !== zA) {
    out.push(
      `node pool zones ${zB} → ${zA}${zoneB && !zoneA ? ': zone loss no longer survived' : !zoneB && zoneA ? ': zone loss now survived' : ''}`,
    );
  }
  const nB = workerNodes(before.inventory);
  const nA = workerNodes(after.inventory);
  if (nB !== nA) out.push(`worker nodes ${nB} → ${nA}`);
  for (const s of after.report.scenarios) {
    const prev = before.report.scenarios.find((p) => p.id === s.id);
    if (!prev || (s.id === 'zone-loss' && zB !== zA)) continue;
    const name = SCENARIO_NAMES[s.id];
    if (survives(prev) && !survives(s)) out.push(`${name} no longer survived: ${s.explanation}`);
    else if (!survives(prev) && survives(s)) out.push(`${name} now survived`);
    else if (prev.servingFraction !== s.servingFraction) {
      out.push(`${name}: ${Math.round(prev.servingFraction * 100)}% → ${Math.round(s.servingFraction * 100)}% of replicas keep serving`);
    }
  }
  return out;
}

/** Percent with at most two decimals, as the report shows it (99.4005 → 99.4%). */
function fmt(v: number | null): string {
  return v === null ? 'no SLA' : `${Math.round(v * 100) / 100}%`;
}
