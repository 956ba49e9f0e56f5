import { TARGET_IDS } from '../../targets/cluster-target';
import type { TargetId } from '../../targets/cluster-target';
import type {
  ComparisonReport,
  ConditionalScenarioId,
  ControlPlaneReport,
  CostCategory,
  ScenarioId,
  ScenarioOutcome,
  TargetReport,
} from './comparison-report';

/*
 * Formatting shared by the terminal, Markdown and HTML renderings, so that the three show the same
 * numbers the same way. Pure functions, no locale dependence (always en-US grouping).
 */

/** The order scenarios are shown in: from the most to the least frequent failure. */
export const SCENARIO_ORDER: readonly ScenarioId[] = ['node-loss', 'zone-loss', 'control-plane-upgrade', 'control-plane-instance-loss'];

export const SCENARIO_LABELS: Readonly<Record<ScenarioId, string>> = {
  'node-loss': 'Node loss',
  'zone-loss': 'Zone loss',
  'control-plane-upgrade': 'Control-plane upgrade',
  'control-plane-instance-loss': 'Control-plane instance loss',
};

/** Scenarios shown only when some target evaluated them, after the others. */
export const CONDITIONAL_SCENARIO_LABELS: Readonly<Record<ConditionalScenarioId, string>> = {
  'spot-reclaim': 'Spot reclaim',
};

export function scenarioLabel(id: ScenarioOutcome['id']): string {
  return id in SCENARIO_LABELS ? SCENARIO_LABELS[id as ScenarioId] : CONDITIONAL_SCENARIO_LABELS[id as ConditionalScenarioId];
}

/** The scenarios a report shows: every always-evaluated one, then the conditional ones some target has. */
export function reportScenarios(report: ComparisonReport): Array<ScenarioOutcome['id']> {
  const present = new Set(orderedTargets(report).flatMap(({ target }) => target.scenarios.map((s) => s.id)));
  return [...SCENARIO_ORDER, ...(Object.keys(CONDITIONAL_SCENARIO_LABELS) as ConditionalScenarioId[]).filter((id) => present.has(id))];
}

/** Cost categories in stacking and legend order: what you always pay first, what scales after. */
export const CATEGORY_ORDER: readonly CostCategory[] = ['control-plane', 'compute', 'storage', 'network', 'monitoring', 'other'];

export interface OrderedTarget {
  readonly id: TargetId;
  readonly target: TargetReport;
}

/** The report's targets in the canonical order (eks, gke, aks, kops), skipping any the report lacks. */
export function orderedTargets(report: ComparisonReport): OrderedTarget[] {
  const targets: Partial<Record<TargetId, TargetReport>> = report.targets;
  const ordered: OrderedTarget[] = [];
  for (const id of TARGET_IDS) {
    const target = targets[id];
    if (target !== undefined) ordered.push({ id, target });
  }
  return ordered;
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const UNIT_PRICE = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 6,
});
const QUANTITY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const PERCENT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** `1234.5` → `$1,234.50`. */
export function formatUsd(amount: number): string {
  return USD.format(amount);
}

/** Unit prices keep their significant decimals (`0.0116` → `$0.0116`), since hourly rates are often below a cent. */
export function formatUnitPrice(amount: number): string {
  return UNIT_PRICE.format(amount);
}

export function formatQuantity(quantity: number): string {
  return QUANTITY.format(quantity);
}

/** A percentage value already in percent: `99.95` → `99.95%`. */
export function formatPercent(percent: number): string {
  return `${PERCENT.format(percent)}%`;
}

/**
 * A fraction of replicas as a whole percentage. Anything strictly between 0 and 1 never rounds to
 * `0%` or `100%`, so "all serving" and "none serving" are only shown when they are exact.
 */
export function formatServingFraction(fraction: number): string {
  if (fraction >= 1) return '100%';
  if (fraction <= 0) return '0%';
  return `${Math.min(99, Math.max(1, Math.round(fraction * 100)))}%`;
}

/** Signed headroom: `35` → `+35%`, `-12.5` → `-12.5%`. */
export function formatHeadroom(percent: number): string {
  const rounded = Math.round(percent * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${PERCENT.format(rounded)}%`;
}

export type AvailabilityBasis = 'sla' | 'modelled' | 'none';

export interface ControlPlaneAvailability {
  /** Percent; the SLA when there is one, else the modelled figure, else null. */
  readonly value: number | null;
  readonly basis: AvailabilityBasis;
}

/** A financially backed SLA wins over a modelled figure; neither gives `basis: 'none'`. */
export function controlPlaneAvailability(controlPlane: ControlPlaneReport): ControlPlaneAvailability {
  if (controlPlane.sla !== null) return { value: controlPlane.sla, basis: 'sla' };
  if (controlPlane.modelledAvailability !== null) return { value: controlPlane.modelledAvailability, basis: 'modelled' };
  return { value: null, basis: 'none' };
}

/** The financially backed SLA only: `99.95%` or `none` (a modelled figure is never shown as an SLA). */
export function formatSla(controlPlane: ControlPlaneReport): string {
  return controlPlane.sla === null ? 'none' : formatPercent(controlPlane.sla);
}

/** `99.98% (model)`, `99.95% (the SLA)` (a managed control plane is modelled at its SLA) or `not modelled`. */
export function formatModelledAvailability(controlPlane: ControlPlaneReport): string {
  if (controlPlane.modelledAvailability === null) return 'not modelled';
  const value = formatPercent(controlPlane.modelledAvailability);
  return controlPlane.sla === controlPlane.modelledAvailability ? `${value} (the SLA)` : `${value} (model)`;
}

/** `99.95%`, `99.99% (modelled)` or `none`. */
export function formatAvailability(controlPlane: ControlPlaneReport): string {
  const availability = controlPlaneAvailability(controlPlane);
  switch (availability.basis) {
    case 'sla':
      return formatPercent(controlPlane.sla ?? 0);
    case 'modelled':
      return `${formatPercent(controlPlane.modelledAvailability ?? 0)} (modelled)`;
    case 'none':
      return 'none';
  }
}

function plural(count: number, singular: string): string {
  return `${formatQuantity(count)} ${singular}${count === 1 ? '' : 's'}`;
}

export function formatInstances(count: number): string {
  return plural(count, 'instance');
}

export function formatZones(count: number): string {
  return plural(count, 'zone');
}

/** Ids of the targets with the lowest monthly total (all of them on a tie). */
export function cheapestTargets(report: ComparisonReport): TargetId[] {
  return idsWithExtreme(orderedTargets(report), (t) => t.monthlyTotalUsd, 'min');
}

/**
 * Ids of the targets with the highest financially backed SLA (all of them on a tie). A modelled
 * availability is not an SLA, so it never wins this; none when no target has an SLA.
 */
export function bestSlaTargets(report: ComparisonReport): TargetId[] {
  return idsWithExtreme(orderedTargets(report), (t) => t.controlPlane.sla, 'max');
}

function idsWithExtreme(
  targets: readonly OrderedTarget[],
  value: (t: TargetReport) => number | null,
  direction: 'min' | 'max',
): TargetId[] {
  const known = targets.flatMap(({ id, target }) => {
    const v = value(target);
    return v === null || Number.isNaN(v) ? [] : [{ id, v }];
  });
  if (known.length === 0) return [];
  const best = direction === 'min' ? Math.min(...known.map((k) => k.v)) : Math.max(...known.map((k) => k.v));
  return known.filter((k) => k.v === best).map((k) => k.id);
}

export interface SplitSource {
  /** The first http(s) URL in the source, or null when it names none. */
  readonly url: string | null;
  /** A short label for the link: host and path without the scheme or a trailing slash. */
  readonly label: string;
  /** What the source says besides the URL (typically the date it reflects), trimmed; may be empty. */
  readonly rest: string;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'`|()]+/;

/**
 * Splits a line item's `source` ("URL of the price and the date it reflects") into the URL and the
 * rest, so renderers can link the URL. Only http(s) URLs are recognised: a renderer never links
 * anything else (no `javascript:`).
 */
export function splitSource(source: string): SplitSource {
  const match = URL_PATTERN.exec(source);
  if (match === null) return { url: null, label: source.trim(), rest: '' };
  const url = match[0].replace(/[.,;:]+$/, '');
  const label = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const rest = (source.slice(0, match.index) + source.slice(match.index + url.length))
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.–—-]+|[\s,;:.–—-]+$/g, '')
    .trim();
  return { url, label, rest };
}

/** A compact link text for narrow columns: the host and the last path segment (`aws.amazon.com › pricing`). */
export function shortSourceLabel(url: string): string {
  const withoutScheme = url
    .replace(/^https?:\/\//, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  const parts = withoutScheme.split('/');
  return parts.length > 1 ? `${parts[0]} › ${parts[parts.length - 1]}` : parts[0];
}

/** `2020-05-13 – 2026-11-22`: the oldest and newest price dates used (the newest alone when they are one date). */
export function priceDateRangeText(report: ComparisonReport): string {
  const range = report.assumptions.priceDateRange;
  if (!range || range.oldest === '' || range.oldest === range.newest) return report.assumptions.priceCatalogDate;
  return `${range.oldest} – ${range.newest}`;
}

/** The assumption sentence every rendering carries, e.g. for the terminal footer. */
export function assumptionsLine(report: ComparisonReport): string {
  const a = report.assumptions;
  const range = a.priceDateRange;
  const dated =
    range && range.oldest !== '' && range.oldest !== range.newest
      ? `dated ${range.oldest} – ${range.newest}`
      : `as of ${a.priceCatalogDate}`;
  return (
    `${formatQuantity(a.hoursPerMonth)} h/month · prices in ${a.currency} ${dated} · ` +
    `regions: AWS ${a.regions.aws}, Google Cloud ${a.regions.gcp}, Azure ${a.regions.azure}`
  );
}

/** Where the 730 h/month convention comes from; it has no price-catalog URL of its own. */
export const HOURS_PER_MONTH_SOURCE =
  'an average month (8,760 h a year / 12), the convention of the AWS, Google Cloud and Azure pricing calculators';
