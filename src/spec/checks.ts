import type { ProblemList } from './validation-error';

/** Small checks shared by the validators; each adds at most one problem and returns whether the value passed. */

export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function checkInt(list: ProblemList, path: string, value: unknown, min: number, max: number): value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    list.add(path, value, `must be an integer in ${min}..${max}`);
    return false;
  }
  return true;
}

export function checkOneOf<T extends string>(list: ProblemList, path: string, value: unknown, allowed: readonly T[]): value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
    list.add(path, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}${hint}`, allowed);
    return false;
  }
  return true;
}

export function checkLabel(list: ProblemList, path: string, value: unknown, maxLength: number): value is string {
  if (typeof value !== 'string' || !DNS_1035_LABEL.test(value) || value.length > maxLength) {
    list.add(
      path,
      value,
      `must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter, at most ${maxLength} characters`,
    );
    return false;
  }
  return true;
}

export function checkHostname(list: ProblemList, path: string, value: unknown): value is string {
  if (typeof value !== 'string' || !HOSTNAME.test(value) || value.length > 253) {
    list.add(path, value, 'must be a lowercase DNS name such as api.example.com');
    return false;
  }
  return true;
}

export function checkHttpPath(list: ProblemList, path: string, value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith('/') || /\s/.test(value)) {
    list.add(path, value, "must be an absolute path starting with '/' and without spaces");
    return false;
  }
  return true;
}

export function isIpv4Cidr(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = IPV4_CIDR.exec(value);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) && Number(m[5]) <= 32;
}

export function checkCidrList(list: ProblemList, path: string, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) {
    list.add(path, value, 'must be a non-empty list of IPv4 CIDRs such as 198.51.100.0/24');
    return;
  }
  value.forEach((cidr, i) => {
    if (!isIpv4Cidr(cidr)) list.add(`${path}[${i}]`, cidr, 'must be an IPv4 CIDR such as 198.51.100.0/24');
  });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Unknown keys are almost always typos (`minReplica`); reject them with the closest known name and
 * the allowed ones. Every object of the spec is checked with this, at every level.
 */
export function checkKnownKeys(list: ProblemList, path: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = closest(key, known);
    const hint = suggestion ? `did you mean '${suggestion}'? ` : '';
    list.add(`${path}.${key}`, value[key], `is not a known field; ${hint}allowed: ${known.join(', ')}`, known);
  }
}

/** `; did you mean 'x'?` when one allowed value is close to `value`, else ''. */
export function didYouMean(value: string, allowed: readonly string[]): string {
  const suggestion = closest(value, allowed);
  return suggestion ? `; did you mean '${suggestion}'?` : '';
}

/**
 * The candidate nearest to `name` by edit distance (case-insensitive, adjacent swaps count once),
 * when it is near enough to be a typo: at most 1 edit for short names, 2 up to 8 characters, 3 beyond.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const limit = name.length <= 3 ? 1 : name.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
