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
    list.add(path, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
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

/** Unknown keys are almost always typos (`minReplica`); reject them with the allowed names. */
export function checkKnownKeys(list: ProblemList, path: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) list.add(`${path}.${key}`, value[key], `is not a known field; allowed: ${known.join(', ')}`);
  }
}
