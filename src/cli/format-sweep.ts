import type { SweepConfiguration, SweepReport } from '../analysis/sweep/sweep-report';
import type { Variant } from '../analysis/sweep/variant';

/** One configuration's inputs in words: `6 nodes, 2 zones, size large, spot`. */
export function describeInputs(inputs: Variant): string {
  const parts: string[] = [];
  if (inputs.nodes !== undefined) parts.push(`${inputs.nodes} nodes`);
  if (inputs.zones !== undefined) parts.push(`${inputs.zones} zone(s)`);
  if (inputs.size !== undefined) parts.push(`size ${inputs.size}`);
  if (inputs.controlPlane !== undefined) parts.push(`control plane ${inputs.controlPlane}`);
  if (inputs.gkeMode !== undefined) parts.push(inputs.gkeMode);
  if (inputs.aksTier !== undefined) parts.push(`${inputs.aksTier} tier`);
  if (inputs.natGateways !== undefined) parts.push(`NAT ${inputs.natGateways}`);
  if (inputs.capacity !== undefined) parts.push(inputs.capacity);
  if (inputs.monitoring !== undefined) parts.push(`monitoring ${inputs.monitoring}`);
  return parts.join(', ') || 'as synthesized';
}

function survived(c: SweepConfiguration): string {
  const list = Object.entries(c.survives)
    .filter(([, ok]) => ok)
    .map(([s]) => s);
  return list.length ? `survives ${list.join(', ')}` : 'survives no failure';
}

/** The sweep's answer: per target, the cheapest configuration meeting the goal, and the Prometheus-vs-Datadog comparison. */
export function formatSweep(result: SweepReport): string {
  const axes = Object.entries(result.axes)
    .map(([axis, values]) => `${axis} ${(values as readonly unknown[]).join(',')}`)
    .join(' x ');
  const lines = [`What-if sweep: ${axes || '(as synthesized)'}; goal: ${result.goal}`];
  for (const t of result.targets) {
    const best = t.best;
    lines.push(
      `  ${t.target.padEnd(5)} ` +
        (best
          ? `$${best.monthlyTotalUsd.toFixed(2).padStart(9)}/month with ${describeInputs(best.inputs)} ` +
            `(SLA ${best.sla === null ? 'none' : `${best.sla}%`}, modelled ${best.modelledAvailability ?? '-'}%; ${survived(best)}); ` +
            `${t.feasible} of ${t.evaluated} configurations meet the goal`
          : `no configuration of ${t.evaluated} meets the goal`),
    );
    for (const caveat of best?.caveats ?? []) lines.push(`        caveat: ${caveat}`);
    for (const [choice, c] of Object.entries(t.cheapestByMonitoring ?? {})) {
      if (c)
        lines.push(
          `        monitoring ${choice.padEnd(10)} $${c.monthlyTotalUsd.toFixed(2).padStart(9)}/month (${describeInputs(c.inputs)})`,
        );
    }
  }
  if (result.targets.some((t) => Object.keys(t.cheapestByMonitoring ?? {}).length > 0)) {
    lines.push('  coverage:');
    for (const choice of result.axes.monitoring ?? []) lines.push(`    ${choice}: ${result.monitoringCoverage[choice]}`);
  }
  lines.push(
    `  evaluated ${result.evaluated} configurations in ${result.elapsedMs.toFixed(1)} ms (${result.configurationsPerSecond.toLocaleString('en-US')} per second, ` +
      `${result.configurationsPerCpuSecond.toLocaleString('en-US')} per CPU-second)`,
  );
  if (result.feasible === 0) lines.push('  no configuration of any target meets the goal: exit status 1');
  return lines.join('\n');
}
