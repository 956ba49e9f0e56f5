import { formatSafeValue, safeValue } from './safe-value';

/**
 * One problem found in a spec: where it is, what was received, and what is allowed.
 * Rendered as `<path> (<value>) <requirement>`, e.g.
 * `workload.autoscaling.minReplicas (5) must be <= workload.autoscaling.maxReplicas (3)`.
 */
export interface ValidationProblem {
  /** Dotted path into the spec, e.g. `cluster.nodePools[0].maxNodes`. */
  readonly path: string;
  /**
   * The value received. `ProblemList` stores a safe copy (`safeValue`: secrets redacted, long
   * strings cut, functions/BigInt/cycles described), so it can be printed or serialized as is.
   */
  readonly value: unknown;
  /** What is allowed, phrased to follow the value: `must be an integer in 1..65535`. */
  readonly requirement: string;
  /** The allowed values or field names, when there is a closed list (for `--json` readers). */
  readonly allowed?: readonly string[];
}

/** How a value is quoted in a message at `path`: never a secret, never more than ~80 characters. */
export function formatValue(value: unknown, path = ''): string {
  return formatSafeValue(value, path);
}

export function formatProblem(problem: ValidationProblem): string {
  return `${problem.path} (${formatValue(problem.value, problem.path)}) ${problem.requirement}`;
}

/** The JSON form of a problem (`orquesta validate --json`): safe to write anywhere. */
export interface ProblemJson {
  readonly path: string;
  readonly value: unknown;
  readonly requirement: string;
  readonly allowed?: readonly string[];
  readonly message: string;
}

export function problemToJson(problem: ValidationProblem): ProblemJson {
  const value = safeValue(problem.value, problem.path);
  return {
    path: problem.path,
    value: value === undefined ? null : value,
    requirement: problem.requirement,
    ...(problem.allowed ? { allowed: problem.allowed } : {}),
    message: formatProblem(problem),
  };
}

/**
 * Thrown when a spec (or a construct built from it) is invalid. Carries every problem
 * found, not just the first, and the construct path when a construct raised it
 * (as aws-cdk's `ValidationError(message, scope)` does).
 */
export class ValidationError extends Error {
  public readonly problems: readonly ValidationProblem[];
  public readonly constructPath?: string;

  constructor(found: readonly ValidationProblem[], constructPath?: string) {
    // Problems built outside a ProblemList (target checks) get the same safe copy of their value.
    const problems = found.map((p) => ({ ...p, value: safeValue(p.value, p.path) }));
    const header = problems.length === 1 ? '1 problem in the spec' : `${problems.length} problems in the spec`;
    const where = constructPath ? ` (at ${constructPath})` : '';
    super(`${header}${where}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ValidationError';
    this.problems = problems;
    this.constructPath = constructPath;
  }
}

/** Collects problems (kops' ErrorList); `throwIfAny` raises one error listing all of them. */
export class ProblemList {
  private readonly items: ValidationProblem[] = [];

  public add(path: string, value: unknown, requirement: string, allowed?: readonly string[]): void {
    this.items.push({ path, value: safeValue(value, path), requirement, ...(allowed ? { allowed } : {}) });
  }

  public addAll(problems: readonly ValidationProblem[]): void {
    this.items.push(...problems);
  }

  public get problems(): readonly ValidationProblem[] {
    return this.items;
  }

  public throwIfAny(constructPath?: string): void {
    if (this.items.length > 0) throw new ValidationError([...this.items], constructPath);
  }
}
