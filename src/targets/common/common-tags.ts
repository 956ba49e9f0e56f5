import type { ResolvedAppSpec } from '../../spec/resolved-spec';

/**
 * The tags (AWS, Azure) / labels (GCP, Kubernetes) every taggable resource carries.
 * Keys and values are valid in all four places: lowercase letters, digits, '-' and '_',
 * at most 63 characters (the GCP label rules are the strictest:
 * https://cloud.google.com/compute/docs/labeling-resources#requirements, 2026-11).
 */
export const TAG_PROJECT = 'project';
export const TAG_CLUSTER = 'orquesta-cluster';
export const TAG_TARGET = 'orquesta-target';
export const TAG_OWNER = 'orquesta-owner';
export const TAG_LAB = 'orquesta-lab';
export const TAG_EXPIRES_AT = 'orquesta-expires-at';

export function commonTags(spec: ResolvedAppSpec, target: string, now: Date): Record<string, string> {
  const tags: Record<string, string> = {
    [TAG_PROJECT]: 'orquesta',
    [TAG_CLUSTER]: spec.cluster.name,
    [TAG_TARGET]: target,
  };
  const lab = spec.cluster.lab;
  if (lab) {
    tags[TAG_OWNER] = lab.owner;
    tags[TAG_LAB] = 'true';
    tags[TAG_EXPIRES_AT] = formatExpiry(new Date(now.getTime() + lab.ttlHours * 3_600_000));
  }
  return tags;
}

/** `2026-11-22t19-05z`: an ISO-8601 instant squeezed into the GCP label alphabet. */
export function formatExpiry(at: Date): string {
  const iso = at.toISOString(); // 2026-11-22T19:05:12.000Z
  return `${iso.slice(0, 10)}t${iso.slice(11, 13)}-${iso.slice(14, 16)}z`;
}

/** Inverse of `formatExpiry`; undefined when the value is not one. */
export function parseExpiry(value: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})t(\d{2})-(\d{2})z$/.exec(value);
  if (!m) return undefined;
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
