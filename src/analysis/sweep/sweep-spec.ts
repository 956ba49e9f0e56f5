import { UsageError } from '../../spec/usage-error';

/** What a sweep varies: total workload nodes and/or zones. */
export interface SweepAxes {
  readonly nodes?: readonly number[];
  readonly zones?: readonly number[];
}

export type Survival = 'node' | 'zone' | 'upgrade' | 'cp-instance';

/** A goal a configuration must meet to count. */
export interface Requirement {
  readonly survive: readonly Survival[];
  /** Minimum control-plane availability in percent (SLA, or the modelled figure for self-managed). */
  readonly sla?: number;
  readonly maxMonthlyUsd?: number;
}

const AXES = ['nodes', 'zones'] as const;
const LIMITS: Readonly<Record<(typeof AXES)[number], [number, number]>> = { nodes: [1, 100], zones: [1, 3] };

/** `nodes=2..6`, `zones=1,3` → axis values. Every problem is a UsageError naming what is allowed. */
export function parseSweepAxes(values: readonly string[]): SweepAxes {
  const axes: Record<string, number[]> = {};
  for (const value of values) {
    const m = /^([a-z]+)=(\d+)(?:\.\.(\d+))?((?:,\d+)*)$/.exec(value);
    if (!m || !(AXES as readonly string[]).includes(m[1])) {
      throw new UsageError(`--sweep '${value}' is not valid; use ${AXES.map((a) => `${a}=A..B or ${a}=A,B,C`).join(' / ')}`);
    }
    const name = m[1] as (typeof AXES)[number];
    const from = Number(m[2]);
    const list = m[3] !== undefined ? range(from, Number(m[3])) : [from, ...m[4].split(',').filter(Boolean).map(Number)];
    const [min, max] = LIMITS[name];
    if (list.length === 0 || list.some((n) => n < min || n > max)) {
      throw new UsageError(`--sweep '${value}': ${name} must be in ${min}..${max} and the range ascending`);
    }
    axes[name] = [...new Set(list)];
  }
  return axes as SweepAxes;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

const SURVIVALS: readonly Survival[] = ['node', 'zone', 'upgrade', 'cp-instance'];

/** `survive=zone+upgrade,sla=99.95,max-cost=800`. */
export function parseRequirement(value: string | undefined): Requirement {
  if (!value) return { survive: [] };
  let survive: Survival[] = [];
  let sla: number | undefined;
  let maxMonthlyUsd: number | undefined;
  for (const part of value.split(',')) {
    const [key, v] = part.split('=');
    if (key === 'survive' && v) {
      const items = v.split('+');
      const bad = items.filter((i) => !(SURVIVALS as readonly string[]).includes(i));
      if (bad.length)
        throw new UsageError(`--require survive=${v}: unknown ${bad.join(', ')}; allowed: ${SURVIVALS.join(', ')} (join with +)`);
      survive = items as Survival[];
    } else if (key === 'sla' && v && /^\d+(\.\d+)?$/.test(v) && Number(v) <= 100) {
      sla = Number(v);
    } else if (key === 'max-cost' && v && /^\d+(\.\d+)?$/.test(v)) {
      maxMonthlyUsd = Number(v);
    } else {
      throw new UsageError(
        `--require '${part}' is not valid; allowed: survive=${SURVIVALS.join('+')}, sla=<percent>, max-cost=<usd per month>`,
      );
    }
  }
  return { survive, sla, maxMonthlyUsd };
}
