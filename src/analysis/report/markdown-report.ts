import { summarizeSource, type ReportSource } from './report-source';
import type { ComparisonReport, LineItem, TargetReport } from './comparison-report';
import {
  HOURS_PER_MONTH_SOURCE,
  SCENARIO_ORDER,
  formatInstances,
  formatModelledAvailability,
  formatPercent,
  formatQuantity,
  formatServingFraction,
  formatSla,
  formatUnitPrice,
  formatUsd,
  formatZones,
  orderedTargets,
  priceDateRangeText,
  scenarioLabel,
  splitSource,
} from './report-format';
import { findScenario, summaryTable } from './summary-rows';
import { monitoringLines, sweepRows, sweepVerdict } from './sweep-section';
import type { Segment } from './summary-rows';
import { topologySectionMarkdown } from './topology/topology-markdown';

/**
 * The comparison as GitHub-flavoured Markdown (`report/comparison.md`): the summary table, then per
 * target a collapsible block with its line items, scenario outcomes and control-plane model, then
 * the assumptions. All report text is escaped, so a `|` or `<` in a description cannot break a table
 * or inject HTML.
 */
export function renderMarkdownReport(report: ComparisonReport, source?: ReportSource): string {
  const a = report.assumptions;
  const blocks: string[] = [
    '# orquesta: monthly cost and fault tolerance',
    ...(source ? [specSourceMarkdown(source)] : []),
    `Generated ${mdText(report.generatedAt)}. Amounts in ${mdText(a.currency)} per month (${formatQuantity(a.hoursPerMonth)} h/month), ` +
      `list prices dated ${mdText(priceDateRangeText(report))}; regions: AWS ${mdText(a.regions.aws)}, Google Cloud ${mdText(a.regions.gcp)}, ` +
      `Azure ${mdText(a.regions.azure)}.`,
    ...warningsMarkdown(report),
    '## Summary',
    summaryMarkdown(report),
    '**Bold**: cheapest monthly total; best financially backed control-plane SLA. API ✓ / ✗: the Kubernetes API is available / down; ' +
      'serving: share of replicas still serving right after the failure; restorable: every stopped replica can start again on the surviving nodes; ' +
      'drain blocked: the PodDisruptionBudget stops a node drain afterwards; API down: no rescheduling, no drains until the API returns. ' +
      'Control-plane SLA: financially backed only; modelled availability is not a commitment.',
    ...orderedTargets(report).map(({ target }) => targetMarkdown(target)),
    ...sweepMarkdown(report),
    topologySectionMarkdown(report),
    '## Assumptions',
    assumptionsMarkdown(report),
  ];
  return blocks.filter((b) => b !== '').join('\n\n') + '\n';
}

/** Which spec this report describes. */
function specSourceMarkdown(source: ReportSource): string {
  const s = summarizeSource(source);
  return [
    `- **Spec:** ${mdCode(s.file)}`,
    `- **Workload:** ${mdText(s.workload)}`,
    `- **Cluster:** ${mdText(s.cluster)}`,
    `- **Node pools:** ${s.pools.map((p) => mdText(p)).join('; ')}`,
  ].join('\n');
}

function warningsMarkdown(report: ComparisonReport): string[] {
  const warnings = report.warnings ?? [];
  return warnings.length === 0 ? [] : ['## Warnings', warnings.map((w) => `- ⚠ ${mdText(w)}`).join('\n')];
}

/** The what-if sweep: the goal, per target the cheapest configuration meeting it and the cost of surviving more. */
function sweepMarkdown(report: ComparisonReport): string[] {
  const sweep = report.sweep;
  if (!sweep) return [];
  const axes = Object.entries(sweep.axes).map(([axis, values]) => `${axis} ${(values as readonly unknown[]).join(', ')}`);
  const blocks = [
    '## What-if sweep',
    `${sweep.evaluated} configurations (${mdText(axes.join(' × ') || 'as synthesized')}); goal: ${mdText(sweep.goal)}; ` +
      `${sweep.feasible} meet it${sweep.feasible === 0 ? ' — none does, so `compare` exits 1' : ''}. Every configuration, with its inputs, cost and verdicts, is in \`comparison.json\` (\`sweep\`).`,
    sweep.targets.map((t) => `- ${mdText(sweepVerdict(t))}`).join('\n'),
  ];
  for (const t of sweep.targets) {
    blocks.push(
      `### ${mdText(t.target)}: the cheapest way to survive each set of failures`,
      markdownTable(
        ['Survives', 'Cheapest (USD/month)', 'Configuration', 'Meets the goal'],
        sweepRows(t).map((row) => row.map(mdText)),
        ['left', 'right', 'left', 'left'],
      ),
    );
  }
  const monitoring = monitoringLines(sweep);
  if (monitoring.length > 0) blocks.push('### Prometheus or Datadog', monitoring.map((l) => `- ${mdText(l)}`).join('\n'));
  return blocks;
}

function summaryMarkdown(report: ComparisonReport): string {
  const table = summaryTable(report);
  const header = ['', ...table.targets.map(({ target }) => `${mdText(target.displayName)}<br>${mdText(target.region)}`)];
  const rows = table.rows.map((row) => [
    row.sub ? `↳ ${mdText(row.label)}` : `**${mdText(row.label)}**`,
    ...table.targets.map(({ id }) => segmentsMarkdown(row.cells[id])),
  ]);
  return markdownTable(header, rows, ['left', ...table.targets.map(() => 'left' as const)]);
}

function segmentsMarkdown(segments: readonly Segment[]): string {
  return segments.map((s) => (s.tone === 'best' ? `**${mdText(s.text)}**` : mdText(s.text))).join(' · ');
}

function targetMarkdown(target: TargetReport): string {
  const name = mdText(target.displayName);
  const range = `${formatUsd(target.monthlyRangeUsd.min)}–${formatUsd(target.monthlyRangeUsd.max)}`;
  return [
    `## ${name} (${mdText(target.region)}): ${formatUsd(target.monthlyTotalUsd)} per month`,
    `Fixed ${formatUsd(target.fixedMonthlyUsd)}, scaling with nodes ${formatUsd(target.perNodeMonthlyUsd)}; ` +
      `${range} at the node pools’ minimum and maximum sizes. Control-plane SLA: ${mdText(formatSla(target.controlPlane))}; ` +
      `modelled availability: ${mdText(formatModelledAvailability(target.controlPlane))}.`,
    '<details>',
    `<summary>Line items, failure scenarios and control-plane model of ${htmlText(target.displayName)}</summary>`,
    '### Line items',
    lineItemsMarkdown(target),
    '### Failure scenarios',
    scenariosMarkdown(target),
    '### Control plane',
    controlPlaneMarkdown(target),
    '</details>',
  ].join('\n\n');
}

function lineItemsMarkdown(target: TargetReport): string {
  const rows = target.lineItems.map((item: LineItem) => [
    mdCode(item.address),
    mdText(item.description) + (item.perNode ? ' _(scales with nodes)_' : ''),
    mdText(item.category),
    formatQuantity(item.quantity),
    `${formatUnitPrice(item.unitPriceUsd)} / ${mdText(item.unit)}`,
    formatUsd(item.monthlyUsd),
    sourceMarkdown(item.source) + (item.readFrom ? `; read from ${sourceMarkdown(item.readFrom)}` : ''),
  ]);
  rows.push(['', '**Total**', '', '', '', `**${formatUsd(target.monthlyTotalUsd)}**`, '']);
  return markdownTable(['Address', 'Description', 'Category', 'Quantity', 'Unit price (USD)', 'Monthly (USD)', 'Source'], rows, [
    'left',
    'left',
    'left',
    'right',
    'right',
    'right',
    'left',
  ]);
}

function scenariosMarkdown(target: TargetReport): string {
  const ids = [...SCENARIO_ORDER, ...target.scenarios.map((s) => s.id).filter((id) => !(SCENARIO_ORDER as readonly string[]).includes(id))];
  const rows = ids.map((id) => {
    const outcome = findScenario(target, id);
    if (outcome === undefined) return [mdText(scenarioLabel(id)), 'not evaluated', '', '', '', ''];
    const apiDown = outcome.apiAvailable ? '' : ' (API down)';
    return [
      mdText(scenarioLabel(id)),
      outcome.apiAvailable ? '✓ available' : '✗ **down**',
      formatServingFraction(outcome.servingFraction),
      outcome.restorable ? 'yes' : `**no**${apiDown}`,
      outcome.drainAllowed ? 'yes' : `**no**${apiDown}`,
      mdText(outcome.explanation),
    ];
  });
  return markdownTable(
    ['Scenario', 'Kubernetes API', 'Replicas serving right after', 'Restorable', 'Drain allowed after', 'Explanation'],
    rows,
    ['left', 'left', 'right', 'left', 'left', 'left'],
  );
}

function controlPlaneMarkdown(target: TargetReport): string {
  const cp = target.controlPlane;
  return [
    `- **SLA:** ${cp.sla === null ? 'none' : formatPercent(cp.sla) + ' monthly uptime'}; source: ${sourceMarkdown(cp.slaSource)}`,
    `- **Modelled availability (not a commitment):** ${mdText(formatModelledAvailability(cp))}` +
      (cp.availabilityFactors ?? [])
        .map((f) => `\n  - ${mdText(f.component)}: ${formatPercent(f.percent)} (${sourceMarkdown(f.source)})`)
        .join(''),
    `- **Tolerates losing:** ${formatInstances(cp.tolerates.instances)}, ${formatZones(cp.tolerates.zones)}`,
    `- **Model:** ${mdText(cp.model)}`,
  ].join('\n');
}

function assumptionsMarkdown(report: ComparisonReport): string {
  const a = report.assumptions;
  const rows: string[][] = [
    ['Hours per month', formatQuantity(a.hoursPerMonth), 'h/month', mdText(HOURS_PER_MONTH_SOURCE)],
    ['Currency', mdText(a.currency), '–', 'every price in the catalog is a list price in this currency'],
    ['Price catalog date', mdText(a.priceCatalogDate), 'date', 'the newest `asOf` date among the prices used'],
    ['Price dates', mdText(priceDateRangeText(report)), 'dates', 'the oldest and newest `asOf` dates among the prices used'],
    ['Region, AWS', mdText(a.regions.aws), '–', 'the spec'],
    ['Region, Google Cloud', mdText(a.regions.gcp), '–', 'the spec'],
    ['Region, Azure', mdText(a.regions.azure), '–', 'the spec'],
  ];
  for (const { target } of orderedTargets(report)) {
    const cp = target.controlPlane;
    const name = mdText(target.displayName);
    rows.push([
      `Control-plane SLA, ${name}`,
      cp.sla === null ? 'none' : formatQuantity(cp.sla),
      '% monthly uptime',
      sourceMarkdown(cp.slaSource),
    ]);
    if (cp.modelledAvailability !== null) {
      rows.push([
        `Modelled availability, ${name}`,
        formatQuantity(cp.modelledAvailability),
        '% of the month',
        `model: ${mdText(cp.model)}`,
      ]);
    }
  }
  rows.push(['Unit prices', 'per line item', 'USD per the line’s unit', 'the Source column of each line-items table']);
  const notes = a.notes.map((note) => `- ${mdText(note)}`);
  return [
    markdownTable(['Assumption', 'Value', 'Unit', 'Source'], rows, ['left', 'right', 'left', 'left']),
    ...(notes.length > 0 ? [notes.join('\n')] : []),
  ].join('\n\n');
}

/** A source as a link to its URL plus what it says besides (usually the date), or as text when it has no URL. */
function sourceMarkdown(source: string): string {
  const split = splitSource(source);
  if (split.url === null) return mdText(source);
  const link = `[${mdText(split.label)}](${split.url})`;
  return split.rest === '' ? link : `${link} ${mdText(split.rest)}`;
}

type Align = 'left' | 'right';

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const separator = align.map((a) => (a === 'right' ? '---:' : ':---'));
  return [line(header), line(separator), ...rows.map(line)].join('\n');
}

/**
 * Text safe in Markdown prose and table cells: HTML-significant characters become entities, Markdown
 * syntax characters (including the `|` that would split a cell) are backslash-escaped, and line breaks
 * become spaces, so report data renders literally.
 */
export function mdText(text: string): string {
  return htmlText(text)
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** A code span that survives backticks and `|` in its content (GFM reads `\|` as `|` even in code spans within tables). */
export function mdCode(text: string): string {
  const content = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = content.startsWith('`') || content.endsWith('`') ? ` ${content} ` : content;
  return `${fence}${padded}${fence}`;
}

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
