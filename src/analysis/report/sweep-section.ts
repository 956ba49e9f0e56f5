import type { TopLevelSpec } from 'vega-lite';
import type { SweepConfiguration, SweepReport, TargetSweep } from '../sweep/sweep-report';
import { SURVIVALS } from '../sweep/sweep-spec';
import type { Variant } from '../sweep/variant';
import { formatUsd } from './report-format';

/*
 * The what-if sweep in the Markdown and HTML reports. Pure text builders; markdown-report.ts and
 * html-report.ts call them, escaping with their own functions.
 */

/** What a configuration survives, in `--require survive=` words: `node + zone + upgrade`, or `nothing`. */
export function survivesText(c: SweepConfiguration): string {
  const list = SURVIVALS.filter((s) => c.survives[s]);
  return list.length > 0 ? list.join(' + ') : 'nothing';
}

/** A configuration's inputs in words (`nodes 4, zones 2, size large`). */
export function inputsText(inputs: Variant): string {
  const parts = Object.entries(inputs).map(([axis, value]) => `${axis} ${String(value)}`);
  return parts.length > 0 ? parts.join(', ') : 'as synthesized';
}

/**
 * Per target and per set of failures survived, the cheapest configuration: the frontier a reader
 * picks from (paying more only buys surviving more). Sorted by cost.
 */
export function cheapestBySurvival(t: TargetSweep): SweepConfiguration[] {
  const best = new Map<string, SweepConfiguration>();
  for (const c of t.configurations) {
    const key = survivesText(c);
    const seen = best.get(key);
    if (!seen || c.monthlyTotalUsd < seen.monthlyTotalUsd) best.set(key, c);
  }
  return [...best.values()].sort((a, b) => a.monthlyTotalUsd - b.monthlyTotalUsd);
}

/** Rows of the per-target sweep table: [what it survives, cheapest cost, its inputs, meets the goal]. */
export function sweepRows(t: TargetSweep): [string, string, string, string][] {
  return cheapestBySurvival(t).map((c) => [survivesText(c), formatUsd(c.monthlyTotalUsd), inputsText(c.inputs), c.meets ? 'yes' : 'no']);
}

/** One line per target: the cheapest configuration meeting the goal, or that none does. */
export function sweepVerdict(t: TargetSweep): string {
  return t.best
    ? `${t.target}: cheapest meeting the goal ${formatUsd(t.best.monthlyTotalUsd)}/month with ${inputsText(t.best.inputs)} ` +
        `(survives ${survivesText(t.best)}); ${t.feasible} of ${t.evaluated} configurations meet it.` +
        t.best.caveats.map((c) => ` Caveat: ${c}.`).join('')
    : `${t.target}: none of ${t.evaluated} configurations meets the goal.`;
}

/** The Prometheus-vs-Datadog answer (when monitoring was swept): dollars per choice, with what each covers. */
export function monitoringLines(sweep: SweepReport): string[] {
  const lines: string[] = [];
  for (const t of sweep.targets) {
    const entries = Object.entries(t.cheapestByMonitoring ?? {}).filter(([, c]) => c);
    if (entries.length === 0) continue;
    lines.push(
      `${t.target}: ${entries.map(([choice, c]) => `${choice} ${formatUsd(c!.monthlyTotalUsd)}`).join(', ')} per month (cheapest meeting the goal)`,
    );
  }
  if (lines.length === 0) return [];
  const swept = sweep.axes.monitoring ?? [];
  return [...lines, ...swept.map((choice) => `${choice} covers ${sweep.monitoringCoverage[choice]}.`)];
}

const MEETS_COLORS = { meets: '#1b9e77', misses: '#9e9e9e' } as const;

/** Scatter per target: every configuration's monthly cost (x) against what it survives (y), goal met in colour. */
export function sweepChartSpec(t: TargetSweep): TopLevelSpec {
  const labels = [...new Set(t.configurations.map(survivesText))].sort(
    (a, b) => (a === 'nothing' ? 0 : a.split(' + ').length) - (b === 'nothing' ? 0 : b.split(' + ').length) || a.localeCompare(b),
  );
  const values = t.configurations.map((c) => ({
    cost: c.monthlyTotalUsd,
    survives: survivesText(c),
    goal: c.meets ? 'meets the goal' : 'misses the goal',
    inputs: inputsText(c.inputs),
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: `${t.target}: monthly cost of each swept configuration against the failures it survives`,
    title: { text: t.target, anchor: 'start', fontSize: 13 },
    width: 360,
    height: Math.max(80, 36 * labels.length),
    config: { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } },
    data: { values },
    mark: { type: 'point', filled: true, size: 60, opacity: 0.75 },
    encoding: {
      x: {
        field: 'cost',
        type: 'quantitative',
        title: 'Monthly cost (USD)',
        scale: { zero: false },
        axis: { format: '$,.0f', tickCount: 5 },
      },
      y: { field: 'survives', type: 'nominal', title: 'Survives', sort: labels, axis: { labelLimit: 400, titlePadding: 12 } },
      color: {
        field: 'goal',
        type: 'nominal',
        title: 'Requirement',
        scale: { domain: ['meets the goal', 'misses the goal'], range: [MEETS_COLORS.meets, MEETS_COLORS.misses] },
      },
      tooltip: [
        { field: 'inputs', type: 'nominal', title: 'Configuration' },
        { field: 'cost', type: 'quantitative', title: 'USD per month', format: '$,.2f' },
      ],
    },
  };
}
