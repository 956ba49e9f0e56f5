import type { ComparisonReport, TargetReport } from './comparison-report';
import { availabilityCaption, costAvailabilitySpec, costBreakdownCaption, costBreakdownSpec, renderChartSvg } from './charts';
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
  shortSourceLabel,
  splitSource,
} from './report-format';
import { findScenario, summaryTable } from './summary-rows';
import type { Segment } from './summary-rows';
import { REPORT_CSS } from './html-style';
import { summarizeSource, type ReportSource } from './report-source';
import { monitoringLines, sweepChartSpec, sweepRows, sweepVerdict } from './sweep-section';
import { topologySectionHtml } from './topology/topology-html';

/**
 * The comparison as one self-contained HTML page (`report/index.html`): inline CSS and SVG charts, no
 * script, font or network request (a Content-Security-Policy forbids them). Every piece of report
 * text is escaped.
 */
export async function renderHtmlReport(report: ComparisonReport, source?: ReportSource): Promise<string> {
  const [costSvg, availabilitySvg, sweep] = await Promise.all([
    renderChartSvg(costBreakdownSpec(report)),
    renderChartSvg(costAvailabilitySpec(report)),
    sweepHtml(report),
  ]);
  const topology = await topologySectionHtml(report);
  const a = report.assumptions;
  const targets = orderedTargets(report);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>orquesta: ${esc(targets.map(({ target }) => target.displayName).join(', '))} compared</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Monthly cost and fault tolerance</h1>
<p class="meta">One workload on ${esc(String(targets.length))} Kubernetes targets. Amounts in ${esc(a.currency)} per month
(${esc(formatQuantity(a.hoursPerMonth))} h/month), list prices dated ${esc(priceDateRangeText(report))};
regions AWS ${esc(a.regions.aws)}, Google Cloud ${esc(a.regions.gcp)}, Azure ${esc(a.regions.azure)}.
Generated ${esc(report.generatedAt)}.</p>
${source ? sourceSummaryHtml(source) : ''}
</header>
${warningsHtml(report)}<section aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
${summaryHtml(report)}
</section>
<section class="charts" aria-label="Charts">
<figure id="cost-breakdown-chart">
<div class="chart">${costSvg}</div>
<figcaption>${esc(costBreakdownCaption(report))}</figcaption>
</figure>
<figure id="cost-availability-chart">
<div class="chart">${availabilitySvg}</div>
<figcaption>${esc(availabilityCaption(report))}</figcaption>
</figure>
</section>
${topology}
<section aria-labelledby="targets-title">
<h2 id="targets-title">Per target</h2>
${targets.map(({ id, target }) => targetHtml(id, target)).join('\n')}
</section>
${sweep}<section aria-labelledby="assumptions-title">
<h2 id="assumptions-title">Assumptions</h2>
${assumptionsHtml(report)}
</section>
</main>
</body>
</html>
`;
}

/** Which spec this page describes: file, workload, cluster and pools. */
function sourceSummaryHtml(source: ReportSource): string {
  const s = summarizeSource(source);
  return `<dl id="spec-source" class="spec-source">
<dt>Spec</dt><dd><code>${breakable(s.file)}</code></dd>
<dt>Workload</dt><dd>${esc(s.workload)}</dd>
<dt>Cluster</dt><dd>${esc(s.cluster)}</dd>
<dt>Node pools</dt><dd>${s.pools.map((p) => esc(p)).join('<br>')}</dd>
</dl>`;
}

function warningsHtml(report: ComparisonReport): string {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return '';
  return `<section id="warnings" aria-labelledby="warnings-title">
<h2 id="warnings-title">Warnings</h2>
<ul>${warnings.map((w) => `<li>⚠ ${esc(w)}</li>`).join('')}</ul>
</section>
`;
}

/** The what-if sweep: verdicts per target, a chart per target of cost against what it survives, the cheapest per survival set. */
async function sweepHtml(report: ComparisonReport): Promise<string> {
  const sweep = report.sweep;
  if (!sweep) return '';
  const charts = await Promise.all(sweep.targets.map((t) => renderChartSvg(sweepChartSpec(t))));
  const perTarget = sweep.targets
    .map((t, i) => {
      const rows = sweepRows(t)
        .map(
          ([survives, cost, inputs, meets]) =>
            `<tr><td>${esc(survives)}</td><td class="num">${esc(cost)}</td><td>${esc(inputs)}</td><td>${esc(meets)}</td></tr>`,
        )
        .join('\n');
      return `<figure id="sweep-chart-${esc(t.target)}" class="sweep">
<div class="chart">${charts[i]}</div>
<figcaption>${esc(sweepVerdict(t))} Each point is one configuration: its monthly cost and the failures it survives (the API stays up, replicas keep serving and all can be restored).</figcaption>
</figure>
<div class="scroll"><table class="sweep">
<thead><tr><th scope="col">Survives</th><th scope="col" class="num">Cheapest (USD/month)</th><th scope="col">Configuration</th><th scope="col">Meets the goal</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
    })
    .join('\n');
  const monitoring = monitoringLines(sweep);
  return `<section id="sweep" aria-labelledby="sweep-title">
<h2 id="sweep-title">What-if sweep</h2>
<p>${esc(String(sweep.evaluated))} configurations; goal: ${esc(sweep.goal)}; ${esc(String(sweep.feasible))} meet it. Every configuration is in <code>comparison.json</code> (<code>sweep</code>).</p>
${perTarget}${monitoring.length === 0 ? '' : `\n<h3>Prometheus or Datadog</h3>\n<ul>${monitoring.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`}
</section>
`;
}

function summaryHtml(report: ComparisonReport): string {
  const table = summaryTable(report);
  const head = table.targets
    .map(
      ({ id, target }) =>
        `<th scope="col" data-target="${esc(id)}">${esc(target.displayName)}<span class="region">${esc(target.region)}</span></th>`,
    )
    .join('');
  const body = table.rows
    .map((row) => {
      const cells = table.targets.map(({ id }) => `<td>${segmentsHtml(row.cells[id])}</td>`).join('');
      return `<tr class="${row.sub ? 'sub' : 'main'}"><th scope="row" title="${esc(row.help)}">${esc(row.label)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table id="summary" class="summary">
<thead><tr><td></td>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>
<p class="legend"><strong class="best">Green</strong>: cheapest monthly total; best financially backed control-plane SLA.
API ✓ / ✗: the Kubernetes API is available / down; serving: share of replicas still serving right after the failure;
restorable: every stopped replica can start again on the surviving nodes; drain blocked: the PodDisruptionBudget stops a node drain afterwards;
API down: no rescheduling, no drains until the API returns. Control-plane SLA: financially backed only; modelled availability is not a commitment.</p>`;
}

function segmentsHtml(segments: readonly Segment[]): string {
  return segments
    .map((s) => {
      const text = esc(s.text);
      if (s.tone === 'best') return `<strong class="seg best">${text}</strong>`;
      if (s.tone === 'bad') return `<span class="seg bad">${text}</span>`;
      return `<span class="seg">${text}</span>`;
    })
    .join('<span class="sep"> · </span> ');
}

function targetHtml(id: string, target: TargetReport): string {
  const cp = target.controlPlane;
  const items = target.lineItems
    .map(
      (
        item,
      ) => `<tr><td><code>${breakable(item.address)}</code></td><td>${esc(item.description)}${item.perNode ? ' <span class="tag">per node</span>' : ''}</td>
<td>${esc(item.category)}</td><td class="num">${esc(formatQuantity(item.quantity))}</td><td class="num">${esc(formatUnitPrice(item.unitPriceUsd))} / ${esc(item.unit)}</td>
<td class="num">${esc(formatUsd(item.monthlyUsd))}</td><td>${sourceHtml(item.source)}${item.readFrom ? ` <span class="as-of">read from</span> ${sourceHtml(item.readFrom)}` : ''}</td></tr>`,
    )
    .join('\n');
  const ids = [...SCENARIO_ORDER, ...target.scenarios.map((s) => s.id).filter((i) => !(SCENARIO_ORDER as readonly string[]).includes(i))];
  const scenarios = ids
    .map((scenarioId) => {
      const outcome = findScenario(target, scenarioId);
      const label = esc(scenarioLabel(scenarioId));
      if (outcome === undefined) return `<tr><th scope="row">${label}</th><td colspan="5">not evaluated</td></tr>`;
      const no = `<span class="bad">no${outcome.apiAvailable ? '' : ' (API down)'}</span>`;
      return `<tr><th scope="row">${label}</th>
<td>${outcome.apiAvailable ? 'API ✓' : '<span class="bad">API ✗ down</span>'}</td>
<td class="num">${esc(formatServingFraction(outcome.servingFraction))}</td>
<td>${outcome.restorable ? 'yes' : no}</td>
<td>${outcome.drainAllowed ? 'yes' : no}</td>
<td>${esc(outcome.explanation)}</td></tr>`;
    })
    .join('\n');
  return `<details id="target-${esc(id)}" class="target">
<summary><span class="name">${esc(target.displayName)}</span> <span class="region">${esc(target.region)}</span>
<span class="total">${esc(formatUsd(target.monthlyTotalUsd))} / month</span>
<span class="sla">control-plane SLA ${esc(formatSla(cp))}</span>
<span class="more">line items, failure scenarios, control plane</span></summary>
<p>Fixed ${esc(formatUsd(target.fixedMonthlyUsd))}, scaling with nodes ${esc(formatUsd(target.perNodeMonthlyUsd))};
${esc(formatUsd(target.monthlyRangeUsd.min))}–${esc(formatUsd(target.monthlyRangeUsd.max))} at the node pools’ minimum and maximum sizes.</p>
<h3>Line items</h3>
<div class="scroll"><table class="items">
<thead><tr><th scope="col">Address</th><th scope="col">Description</th><th scope="col">Category</th><th scope="col" class="num">Quantity</th>
<th scope="col" class="num">Unit price (USD)</th><th scope="col" class="num">Monthly (USD)</th><th scope="col">Source</th></tr></thead>
<tbody>
${items}
</tbody>
<tfoot><tr><th scope="row" colspan="5">Total</th><td class="num"><strong>${esc(formatUsd(target.monthlyTotalUsd))}</strong></td><td></td></tr></tfoot>
</table></div>
<h3>Failure scenarios</h3>
<div class="scroll"><table class="scenarios">
<thead><tr><th scope="col">Scenario</th><th scope="col">Kubernetes API</th><th scope="col" class="num">Serving right after</th>
<th scope="col">Restorable</th><th scope="col">Drain allowed after</th><th scope="col">Explanation</th></tr></thead>
<tbody>
${scenarios}
</tbody>
</table></div>
<h3>Control plane</h3>
<dl class="control-plane">
<dt>SLA</dt><dd>${cp.sla === null ? 'none' : `${esc(formatPercent(cp.sla))} monthly uptime`}; source: ${sourceHtml(cp.slaSource)}</dd>
<dt>Modelled availability (not a commitment)</dt><dd>${esc(formatModelledAvailability(cp))}${factorsHtml(cp)}</dd>
<dt>Tolerates losing</dt><dd>${esc(formatInstances(cp.tolerates.instances))}, ${esc(formatZones(cp.tolerates.zones))}</dd>
<dt>Model</dt><dd>${esc(cp.model)}</dd>
</dl>
</details>`;
}

function factorsHtml(cp: TargetReport['controlPlane']): string {
  const factors = cp.availabilityFactors ?? [];
  if (factors.length === 0) return '';
  return `<ul class="factors">${factors.map((f) => `<li>${esc(f.component)}: ${esc(formatPercent(f.percent))} (${sourceHtml(f.source)})</li>`).join('')}</ul>`;
}

function assumptionsHtml(report: ComparisonReport): string {
  const a = report.assumptions;
  const rows: [string, string, string, string][] = [
    ['Hours per month', esc(formatQuantity(a.hoursPerMonth)), 'h/month', esc(HOURS_PER_MONTH_SOURCE)],
    ['Currency', esc(a.currency), '–', 'every price in the catalog is a list price in this currency'],
    ['Price catalog date', esc(a.priceCatalogDate), 'date', 'the newest <code>asOf</code> date among the prices used'],
    ['Price dates', esc(priceDateRangeText(report)), 'dates', 'the oldest and newest <code>asOf</code> dates among the prices used'],
    ['Region, AWS', esc(a.regions.aws), '–', 'the spec'],
    ['Region, Google Cloud', esc(a.regions.gcp), '–', 'the spec'],
    ['Region, Azure', esc(a.regions.azure), '–', 'the spec'],
  ];
  for (const { target } of orderedTargets(report)) {
    const cp = target.controlPlane;
    const name = esc(target.displayName);
    rows.push([
      `Control-plane SLA, ${name}`,
      cp.sla === null ? 'none' : esc(formatQuantity(cp.sla)),
      '% monthly uptime',
      sourceHtml(cp.slaSource),
    ]);
    if (cp.modelledAvailability !== null) {
      rows.push([
        `Modelled availability, ${name}`,
        esc(formatQuantity(cp.modelledAvailability)),
        '% of the month',
        `model: ${esc(cp.model)}`,
      ]);
    }
  }
  rows.push(['Unit prices', 'per line item', 'USD per the line’s unit', 'the Source column of each line-items table']);
  const body = rows
    .map(
      ([what, value, unit, source]) =>
        `<tr><th scope="row">${what}</th><td class="num">${value}</td><td>${unit}</td><td>${source}</td></tr>`,
    )
    .join('\n');
  const notes = a.notes.length === 0 ? '' : `\n<ul class="notes">${a.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
  return `<div class="scroll"><table id="assumptions" class="assumptions">
<thead><tr><th scope="col">Assumption</th><th scope="col" class="num">Value</th><th scope="col">Unit</th><th scope="col">Source</th></tr></thead>
<tbody>
${body}
</tbody>
</table></div>${notes}`;
}

/** A source as a link to its http(s) URL plus the rest of its text; never links any other scheme. */
function sourceHtml(source: string): string {
  const split = splitSource(source);
  if (split.url === null) return esc(source);
  const link = `<a href="${esc(split.url)}" title="${esc(split.url)}" rel="noreferrer">${esc(shortSourceLabel(split.url))}</a>`;
  return split.rest === '' ? link : `${link} <span class="as-of">${esc(split.rest)}</span>`;
}

/** Escaped text with line-break opportunities after `.` and `/`, so a long resource address wraps between its parts. */
function breakable(text: string): string {
  return esc(text).replace(/([./])/g, '$1<wbr>');
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
