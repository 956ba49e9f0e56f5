import { UsageError } from '../../spec/usage-error';
import type { CapacityType, ControlPlaneMode, NatMode, SizeClassName } from '../../spec/cluster-spec';

export type MonitoringChoice = 'prometheus' | 'datadog' | 'none';
export type AksTier = 'Free' | 'Standard' | 'Premium';
export type GkeMode = 'regional' | 'zonal';

/** What a sweep varies. Each axis lists the values to try; an absent axis keeps what was synthesized. */
export interface SweepAxes {
  /** Total nodes of the workload's node pool. */
  readonly nodes?: readonly number[];
  readonly zones?: readonly number[];
  /** Size class of the workload's node pool. */
  readonly size?: readonly SizeClassName[];
  /** `ha` / `single`, with the spec's defaults that follow it (GKE location, AKS tier, kops members, NAT). */
  readonly controlPlane?: readonly ControlPlaneMode[];
  readonly monitoring?: readonly MonitoringChoice[];
  /** AKS only. */
  readonly aksTier?: readonly AksTier[];
  /** GKE only. */
  readonly gkeMode?: readonly GkeMode[];
  /** eks and kops only (GKE's Cloud NAT is regional, AKS's outbound is zone-redundant). */
  readonly natGateways?: readonly NatMode[];
  /** Capacity of the workload's node pool. */
  readonly capacity?: readonly CapacityType[];
}

export type AxisName = keyof SweepAxes;

export type Survival = 'node' | 'zone' | 'upgrade' | 'cp-instance';

/** A goal a configuration must meet to count. */
export interface Requirement {
  readonly survive: readonly Survival[];
  /** Minimum financially backed control-plane SLA, percent (`controlPlane.sla`; none counts as 0). */
  readonly sla?: number;
  /** Minimum modelled control-plane availability, percent (`controlPlane.modelledAvailability`). */
  readonly availability?: number;
  readonly maxMonthlyUsd?: number;
}

const NUMERIC: Readonly<Partial<Record<AxisName, [number, number]>>> = { nodes: [1, 100], zones: [1, 3] };
/** The values each choice axis takes (what `--sweep <axis>=...` accepts). */
export const AXIS_CHOICES: Readonly<Partial<Record<AxisName, readonly string[]>>> = {
  size: ['small', 'medium', 'large'],
  controlPlane: ['ha', 'single'],
  monitoring: ['prometheus', 'datadog', 'none'],
  aksTier: ['Free', 'Standard', 'Premium'],
  gkeMode: ['regional', 'zonal'],
  natGateways: ['per-zone', 'single'],
  capacity: ['on-demand', 'spot'],
};
export const AXIS_NAMES: readonly AxisName[] = ['nodes', 'zones', ...(Object.keys(AXIS_CHOICES) as AxisName[])];

/** At most this many configurations per target: every one is written to comparison.json. */
export const MAX_CONFIGURATIONS_PER_TARGET = 20_000;

function syntax(): string {
  return [
    'nodes=A..B or nodes=A,B,C (1..100)',
    'zones=A..B (1..3)',
    ...Object.entries(AXIS_CHOICES).map(([axis, values]) => `${axis}=${values!.join(',')}`),
  ].join('; ');
}

/** `nodes=2..6`, `zones=1,3`, `size=small,large`, `monitoring=prometheus,datadog` → axis values. */
export function parseSweepAxes(values: readonly string[]): SweepAxes {
  const axes: Record<string, readonly (string | number)[]> = {};
  const problems: string[] = [];
  for (const value of values) {
    const [name, list] = [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)];
    const limits = NUMERIC[name as AxisName];
    const choices = AXIS_CHOICES[name as AxisName];
    if (value.indexOf('=') < 0 || (!limits && !choices)) {
      problems.push(`--sweep '${value}': unknown axis; allowed: ${syntax()}`);
    } else if (limits) {
      const m = /^(\d+)(?:\.\.(\d+))?((?:,\d+)*)$/.exec(list);
      const numbers = !m
        ? []
        : m[2] !== undefined
          ? range(Number(m[1]), Number(m[2]))
          : [Number(m[1]), ...m[3].split(',').filter(Boolean).map(Number)];
      if (numbers.length === 0 || numbers.some((n) => n < limits[0] || n > limits[1])) {
        problems.push(`--sweep '${value}': ${name} must be in ${limits[0]}..${limits[1]} and a range ascending (A..B or A,B,C)`);
      } else axes[name] = [...new Set(numbers)];
    } else {
      const items = list.split(',');
      const bad = items.filter((i) => !choices!.includes(i));
      if (bad.length > 0 || list === '')
        problems.push(`--sweep '${value}': ${name} takes ${choices!.join(', ')} (comma-separated), got '${bad.join(',') || list}'`);
      else axes[name] = [...new Set(items)];
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return axes as SweepAxes;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

export const SURVIVALS: readonly Survival[] = ['node', 'zone', 'upgrade', 'cp-instance'];

const PERCENT = /^\d+(\.\d+)?$/;

/** `survive=zone+upgrade,sla=99.95,availability=99.9,max-cost=800`. */
export function parseRequirement(value: string | undefined): Requirement {
  if (!value) return { survive: [] };
  let survive: Survival[] = [];
  let sla: number | undefined;
  let availability: number | undefined;
  let maxMonthlyUsd: number | undefined;
  const problems: string[] = [];
  for (const part of value.split(',')) {
    const [key, v] = part.split('=');
    if (key === 'survive' && v) {
      const items = v.split('+');
      const bad = items.filter((i) => !(SURVIVALS as readonly string[]).includes(i));
      if (bad.length) problems.push(`--require survive=${v}: unknown ${bad.join(', ')}; allowed: ${SURVIVALS.join(', ')} (join with +)`);
      else survive = items as Survival[];
    } else if ((key === 'sla' || key === 'availability') && v && PERCENT.test(v) && Number(v) <= 100) {
      if (key === 'sla') sla = Number(v);
      else availability = Number(v);
    } else if (key === 'max-cost' && v && PERCENT.test(v)) {
      maxMonthlyUsd = Number(v);
    } else {
      problems.push(
        `--require '${part}' is not valid; allowed: survive=${SURVIVALS.join('+')}, sla=<percent> (financially backed SLA), ` +
          'availability=<percent> (modelled), max-cost=<usd per month>',
      );
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { survive, sla, availability, maxMonthlyUsd };
}

/** The goal in words, for the terminal and the reports. */
export function describeRequirement(r: Requirement): string {
  const goal = [
    r.survive.length ? `survive ${r.survive.join(' + ')} loss` : '',
    r.sla !== undefined ? `financially backed SLA >= ${r.sla}%` : '',
    r.availability !== undefined ? `modelled availability >= ${r.availability}%` : '',
    r.maxMonthlyUsd !== undefined ? `<= $${r.maxMonthlyUsd}/month` : '',
  ].filter(Boolean);
  return goal.join(', ') || 'none (cheapest overall)';
}
