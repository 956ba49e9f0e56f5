import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { ComparisonReport } from './comparison-report';
import { CATEGORY_ORDER, controlPlaneAvailability, formatPercent, formatUsd, orderedTargets } from './report-format';
import type { AvailabilityBasis } from './report-format';
import { placeLabels } from './label-placement';

/*
 * The report's two charts as Vega-Lite specs built from a ComparisonReport, and their rendering to
 * SVG with Vega's headless renderer (no canvas, no browser, no network: every spec carries its data).
 */

/** One colour per cost category, fixed so a category keeps its colour whichever categories a report has. */
const CATEGORY_COLORS: Readonly<Record<string, string>> = {
  'control-plane': '#4c78a8',
  compute: '#f58518',
  storage: '#54a24b',
  network: '#e45756',
  monitoring: '#72b7b2',
  other: '#b279a2',
};

const PARETO_OPTIMAL = 'Pareto-optimal';
const DOMINATED = 'dominated';
const PARETO_COLORS = { [PARETO_OPTIMAL]: '#d95f02', [DOMINATED]: '#8c8c8c' } as const;

const BASIS_LABELS: Readonly<Record<AvailabilityBasis, string>> = {
  sla: 'published SLA',
  modelled: 'model, not an SLA',
  none: 'no figure (bottom line)',
};
const BASIS_SHAPES: Readonly<Record<AvailabilityBasis, string>> = { sla: 'circle', modelled: 'diamond', none: 'cross' };
const BASIS_ORDER: readonly AvailabilityBasis[] = ['sla', 'modelled', 'none'];

/** Plot area in pixels; the page scales the SVG to its column. */
const CHART_WIDTH = 400;
const CHART_HEIGHT = 280;
/** Axis labels longer than this many characters are broken onto two lines (at the space nearest the middle). */
const AXIS_LABEL_MAX_CHARS = 12;

const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, labelLimit: 260, titleLimit: 260 },
} as const;

export interface ParetoPoint {
  readonly id: string;
  /** Monthly cost; lower is better. */
  readonly cost: number;
  /** Availability in percent; higher is better; null (unknown) counts as worse than any number. */
  readonly availability: number | null;
}

/**
 * The ids of the points no other point dominates, in input order. `q` dominates `p` when it is
 * cheaper-or-equal and at-least-as-available, and strictly better in one; so equal points do not
 * dominate each other and both stay optimal. A point without availability can still be optimal
 * when nothing is as cheap.
 */
export function paretoOptimal(points: readonly ParetoPoint[]): string[] {
  const invalid = points.filter((p) => !Number.isFinite(p.cost) || (p.availability !== null && !Number.isFinite(p.availability)));
  if (invalid.length > 0) {
    throw new Error(`paretoOptimal: cost must be a finite number and availability a finite number or null; got ${JSON.stringify(invalid)}`);
  }
  const availability = (p: ParetoPoint): number => p.availability ?? Number.NEGATIVE_INFINITY;
  const dominates = (q: ParetoPoint, p: ParetoPoint): boolean =>
    q.cost <= p.cost && availability(q) >= availability(p) && (q.cost < p.cost || availability(q) > availability(p));
  return points.filter((p) => !points.some((q) => q !== p && dominates(q, p))).map((p) => p.id);
}

/** Stacked bars: the monthly cost of each target, split by line-item category. */
export function costBreakdownSpec(report: ComparisonReport): TopLevelSpec {
  const targets = orderedTargets(report);
  const rows = targets.flatMap(({ id, target }) =>
    CATEGORY_ORDER.flatMap((category, rank) => {
      const monthlyUsd = round2(target.lineItems.filter((l) => l.category === category).reduce((sum, l) => sum + l.monthlyUsd, 0));
      if (monthlyUsd === 0) return [];
      const description = `${target.displayName}: ${category} ${formatUsd(monthlyUsd)} per month`;
      return [{ id, target: target.displayName, axisLabel: axisLabel(target.displayName), category, rank, monthlyUsd, description }];
    }),
  );
  const totals = targets.map(({ id, target }) => ({
    id,
    axisLabel: axisLabel(target.displayName),
    total: target.monthlyTotalUsd,
    label: formatUsd(target.monthlyTotalUsd),
  }));
  const categories = CATEGORY_ORDER.filter((c) => rows.some((r) => r.category === c));
  const x = {
    field: 'axisLabel',
    type: 'nominal',
    sort: targets.map(({ target }) => axisLabel(target.displayName)),
    title: null,
    axis: { labelAngle: 0, labelLimit: 160, labelExpr: "split(datum.label, '\\n')" },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Monthly cost per target, stacked by cost category',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', width: { band: 0.62 } },
        encoding: {
          x,
          y: {
            field: 'monthlyUsd',
            type: 'quantitative',
            aggregate: 'sum',
            stack: 'zero',
            title: 'USD per month',
            axis: { format: '$,.0f' },
          },
          color: {
            field: 'category',
            type: 'nominal',
            title: 'Cost category',
            sort: categories,
            scale: { domain: categories, range: categories.map((c) => CATEGORY_COLORS[c]) },
          },
          order: { field: 'rank', type: 'quantitative' },
          description: { field: 'description', type: 'nominal' },
          tooltip: [
            { field: 'target', type: 'nominal', title: 'Target' },
            { field: 'category', type: 'nominal', title: 'Category' },
            { field: 'monthlyUsd', type: 'quantitative', aggregate: 'sum', title: 'USD per month', format: '$,.2f' },
          ],
        },
      },
      {
        data: { values: totals },
        mark: { type: 'text', dy: -8, fontSize: 12, fontWeight: 600, baseline: 'bottom' },
        encoding: { x, y: { field: 'total', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}

export interface AvailabilityPoint extends ParetoPoint {
  readonly target: string;
  readonly basis: AvailabilityBasis;
  /** Where the point is drawn: the availability, or the chart's bottom line when it is null. */
  readonly plottedAvailability: number;
  readonly pareto: boolean;
}

export interface AvailabilityAxis {
  readonly points: readonly AvailabilityPoint[];
  /** Monthly cost axis, padded so points and labels stay off the edges. */
  readonly costDomain: readonly [number, number];
  readonly domain: readonly [number, number];
  /** The value at which targets without any availability figure are drawn. */
  readonly floor: number;
}

/** The scatter's points: availability is the SLA, else the modelled figure, else drawn at a floor below every known value. */
export function availabilityPoints(report: ComparisonReport): AvailabilityAxis {
  const base = orderedTargets(report).map(({ id, target }) => {
    const availability = controlPlaneAvailability(target.controlPlane);
    return { id, target: target.displayName, cost: target.monthlyTotalUsd, availability: availability.value, basis: availability.basis };
  });
  const known = base.flatMap((p) => (p.availability === null ? [] : [p.availability]));
  const lo = known.length > 0 ? Math.min(...known) : 99;
  const hi = known.length > 0 ? Math.max(...known) : 99;
  // At least half a percentage point of range: equal SLAs must not produce ticks finer than the labels.
  const span = Math.max(hi - lo, 0.5);
  const floor = round4(lo - span * 0.3);
  const hasUnknown = base.some((p) => p.availability === null);
  const domain: [number, number] = [round4((hasUnknown ? floor : lo) - span * 0.15), round4(Math.min(100, hi + span * 0.15))];
  // Only a published SLA ranks: a modelled figure is drawn where it is but ranked like no figure at all.
  const optimal = new Set(paretoOptimal(base.map((p) => ({ ...p, availability: p.basis === 'sla' ? p.availability : null }))));
  const points = base.map((p) => ({ ...p, plottedAvailability: p.availability ?? floor, pareto: optimal.has(p.id) }));
  const costs = base.map((p) => p.cost);
  const minCost = costs.length > 0 ? Math.min(...costs) : 0;
  const maxCost = costs.length > 0 ? Math.max(...costs) : 1;
  const costPad = Math.max((maxCost - minCost) * 0.15, Math.abs(maxCost) * 0.05, 1);
  const costDomain: [number, number] = [round2(Math.max(0, minCost - costPad)), round2(maxCost + costPad)];
  return { points, costDomain, domain, floor };
}

/** Scatter: monthly cost against control-plane availability, Pareto-optimal targets marked and joined. */
export function costAvailabilitySpec(report: ComparisonReport): TopLevelSpec {
  const { points, costDomain, domain } = availabilityPoints(report);
  const labels = placeLabels(
    points.map((p) => ({ x: p.cost, y: p.plottedAvailability, label: p.target })),
    { xDomain: costDomain, yDomain: domain, width: CHART_WIDTH, height: CHART_HEIGHT },
  );
  const values = points.map((p, i) => ({
    labelCost: labels[i].x,
    labelAvailability: labels[i].y,
    id: p.id,
    target: p.target,
    cost: p.cost,
    availability: p.plottedAvailability,
    basis: BASIS_LABELS[p.basis],
    pareto: p.pareto ? PARETO_OPTIMAL : DOMINATED,
    description: `${p.target}: ${formatUsd(p.cost)} per month, ${p.availability === null ? 'no availability figure' : `${formatPercent(p.availability)} (${BASIS_LABELS[p.basis]})`}, ${p.pareto ? PARETO_OPTIMAL : DOMINATED}`,
  }));
  const basisDomain = BASIS_ORDER.filter((b) => points.some((p) => p.basis === b));
  const x = {
    field: 'cost',
    type: 'quantitative' as const,
    title: 'Monthly cost (USD)',
    scale: { zero: false, nice: false, domain: [costDomain[0], costDomain[1]] },
    axis: { format: '$,.0f', tickCount: 6 },
  };
  const y = {
    field: 'availability',
    type: 'quantitative' as const,
    title: 'Control-plane availability (%)',
    scale: { zero: false, nice: false, domain: [domain[0], domain[1]] },
    axis: { labelExpr: "format(datum.value, '.3~f') + '%'", tickCount: 6 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Monthly cost against control-plane availability; Pareto-optimal targets marked',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values },
    layer: [
      {
        transform: [{ filter: `datum.pareto === '${PARETO_OPTIMAL}'` }],
        mark: { type: 'line', interpolate: 'step-after', strokeDash: [5, 4], color: PARETO_COLORS[PARETO_OPTIMAL], opacity: 0.7 },
        encoding: { x, y, order: { field: 'cost', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 160, opacity: 1, stroke: 'white', strokeWidth: 1 },
        encoding: {
          x,
          y,
          color: {
            field: 'pareto',
            type: 'nominal',
            title: 'Trade-off',
            scale: { domain: [PARETO_OPTIMAL, DOMINATED], range: [PARETO_COLORS[PARETO_OPTIMAL], PARETO_COLORS[DOMINATED]] },
          },
          shape: {
            field: 'basis',
            type: 'nominal',
            title: 'Availability figure',
            scale: { domain: basisDomain.map((b) => BASIS_LABELS[b]), range: basisDomain.map((b) => BASIS_SHAPES[b]) },
          },
          description: { field: 'description', type: 'nominal' },
          tooltip: [
            { field: 'target', type: 'nominal', title: 'Target' },
            { field: 'cost', type: 'quantitative', title: 'USD per month', format: '$,.2f' },
            { field: 'basis', type: 'nominal', title: 'Availability figure' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: 12 },
        encoding: {
          x: { field: 'labelCost', type: 'quantitative' },
          y: { field: 'labelAvailability', type: 'quantitative' },
          text: { field: 'target', type: 'nominal' },
        },
      },
    ],
  };
}

/** What the cost chart shows, for its caption. */
export function costBreakdownCaption(report: ComparisonReport): string {
  const hours = report.assumptions.hoursPerMonth;
  return (
    `Monthly cost of each target in USD (${hours} h/month, list prices as of ${report.assumptions.priceCatalogDate}), ` +
    'stacked by the category of its line items; the figure above each bar is the total.'
  );
}

/** What the scatter shows, including how targets without an availability figure are drawn. */
export function availabilityCaption(report: ComparisonReport): string {
  const { points, floor } = availabilityPoints(report);
  const names = (basis: AvailabilityBasis): string[] => points.filter((p) => p.basis === basis).map((p) => p.target);
  const modelled = names('modelled');
  const none = names('none');
  const optimal = points.filter((p) => p.pareto).map((p) => p.target);
  const sentences = [
    'Monthly cost (x) against the control plane’s availability (y): the financially backed uptime SLA where there is one (circles), otherwise the modelled figure marked as such.',
  ];
  if (modelled.length > 0) {
    sentences.push(
      `${list(modelled)}: no SLA; the diamond is the modelled availability, not a commitment, and it is ranked as having no figure (it never beats a published SLA).`,
    );
  }
  if (none.length > 0) {
    sentences.push(
      `${list(none)}: neither an SLA nor a model; the cross is drawn at ${formatPercent(floor)}, below every known figure, and is not a measured value.`,
    );
  }
  sentences.push(
    `Orange marks the Pareto-optimal targets (${optimal.length > 0 ? list(optimal) : 'none'}): no other target is both at least as cheap and at least as available, ` +
      'and better in one; the dashed line joins them.',
  );
  return sentences.join(' ');
}

/** A band label on one line, or on two (`\n`) when it would not fit under its bar. */
export function axisLabel(displayName: string): string {
  const name = displayName.replace(/\s+/g, ' ').trim();
  if (name.length <= AXIS_LABEL_MAX_CHARS) return name;
  const spaces = [...name.matchAll(/ /g)].map((m) => m.index ?? 0);
  if (spaces.length === 0) return name;
  const middle = name.length / 2;
  const at = spaces.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best));
  return `${name.slice(0, at)}\n${name.slice(at + 1)}`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Compiles a Vega-Lite spec and renders it to an SVG string with Vega's headless (`renderer: 'none'`) view. */
export async function renderChartSvg(vegaLiteSpec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile(vegaLiteSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}
