/**
 * One problem found in a spec: where it is, what was received, and what is allowed.
 * Rendered as `<path> (<value>) <requirement>`, e.g.
 * `workload.autoscaling.minReplicas (5) must be <= workload.autoscaling.maxReplicas (3)`.
 */
export interface ValidationProblem {
  /** Dotted path into the spec, e.g. `cluster.nodePools[0].maxNodes`. */
  readonly path: string;
  /** The value received (rendered with `formatValue`). */
  readonly value: unknown;
  /** What is allowed, phrased to follow the value: `must be an integer in 1..65535`. */
  readonly requirement: string;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

export function formatProblem(problem: ValidationProblem): string {
  return `${problem.path} (${formatValue(problem.value)}) ${problem.requirement}`;
}

/**
 * Thrown when a spec (or a construct built from it) is invalid. Carries every problem
 * found, not just the first, and the construct path when a construct raised it
 * (as aws-cdk's `ValidationError(message, scope)` does).
 */
export class ValidationError extends Error {
  public readonly problems: readonly ValidationProblem[];
  public readonly constructPath?: string;

  constructor(problems: readonly ValidationProblem[], constructPath?: string) {
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

  public add(path: string, value: unknown, requirement: string): void {
    this.items.push({ path, value, requirement });
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
