/**
 * A deep copy of the plain objects and arrays in `value` (cycles stay cycles, getters are read);
 * anything else (functions, class instances, BigInt) is kept as it is, for validation to describe.
 * Plain means the prototype is a root prototype, in whichever realm (a test runner's) it was made.
 */
export function plainData(value: unknown, seen = new Map<object, unknown>()): any {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out.push(plainData(value[i], seen));
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = plainData((value as Record<string, unknown>)[key], seen);
  return out;
}
