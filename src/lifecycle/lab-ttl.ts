import { MAX_LAB_TTL_HOURS } from '../spec/defaults';
import { UsageError } from '../spec/usage-error';

/** A parsed `--ttl`. */
export interface LabTtl {
  readonly text: string;
  /** Exactly what was asked for. */
  readonly minutes: number;
  /**
   * What the lab gets: the spec's `cluster.lab.ttlHours` is whole hours (1-720), so minutes that
   * are not whole hours round up; a lab never expires earlier than asked.
   */
  readonly ttlHours: number;
  readonly roundedUp: boolean;
}

const MINUTES_PER_UNIT: Readonly<Record<string, number>> = { m: 1, h: 60, d: 1440 };

/**
 * Parses `8h`, `90m`, `2d`: one positive whole number and one unit, nothing else (no `1.5h`,
 * no `8`, no `1h30m`, no upper-case), so a typo never becomes a surprising lifetime.
 */
export function parseTtl(text: string): LabTtl {
  const m = /^([1-9]\d{0,5})([mhd])$/.exec(text);
  if (!m) {
    throw new UsageError(`--ttl '${text}' is not a duration; use a positive whole number with m, h or d (e.g. 90m, 8h, 2d)`);
  }
  const minutes = Number(m[1]) * MINUTES_PER_UNIT[m[2]];
  const ttlHours = Math.ceil(minutes / 60);
  if (ttlHours > MAX_LAB_TTL_HOURS) {
    throw new UsageError(`--ttl '${text}' is longer than the ${MAX_LAB_TTL_HOURS}h (${MAX_LAB_TTL_HOURS / 24}d) a lab may live`);
  }
  return { text, minutes, ttlHours, roundedUp: ttlHours * 60 !== minutes };
}

/** When a lab created at `createdAt` with `ttlHours` expires (the instant its expiry tag names, to the minute). */
export function labExpiry(createdAt: Date, ttlHours: number): Date {
  return new Date(createdAt.getTime() + ttlHours * 3_600_000);
}
