import type { Requirement, SweepAxes } from '../analysis/sweep/sweep-spec';
import type { SweepResult } from '../analysis/sweep/run-sweep';

/** The sweep's answer: per target, the cheapest configuration meeting the goal. */
export function formatSweep(result: SweepResult, axes: SweepAxes, requirement: Requirement): string {
  const goal = [
    requirement.survive.length ? `survive ${requirement.survive.join(' + ')} loss` : '',
    requirement.sla !== undefined ? `control plane >= ${requirement.sla}%` : '',
    requirement.maxMonthlyUsd !== undefined ? `<= $${requirement.maxMonthlyUsd}/month` : '',
  ].filter(Boolean);
  const lines = [
    `What-if sweep: nodes ${axes.nodes?.join(',') ?? '(as synthesized)'} x zones ${axes.zones?.join(',') ?? '(as synthesized)'}; goal: ${goal.join(', ') || 'none (cheapest overall)'}`,
  ];
  for (const t of result.perTarget) {
    const best = t.best;
    lines.push(
      `  ${t.target.padEnd(5)} ` +
        (best
          ? `$${best.monthlyTotalUsd.toFixed(2).padStart(9)}/month with ${best.variant.nodes} nodes in ${best.variant.zones} zone(s)` +
            ` (control plane ${best.availability === null ? 'no SLA' : `${best.availability}%`}); ${t.feasible} of ${t.evaluated} configurations meet the goal`
          : `no configuration of ${t.evaluated} meets the goal`),
    );
  }
  lines.push(
    `  evaluated ${result.evaluated} configurations in ${result.elapsedMs.toFixed(1)} ms (${result.configurationsPerSecond.toLocaleString('en-US')} per second)`,
  );
  return lines.join('\n');
}
