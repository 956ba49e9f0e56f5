/** Minimal reading of a synthesized `cdk.tf.json`: resources by address and `${...}` references. */
export interface TfJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TfResource>>>>;
  readonly provider?: Readonly<Record<string, readonly Record<string, unknown>[]>>;
  readonly output?: Readonly<Record<string, { readonly value: unknown; readonly description?: string }>>;
  readonly terraform?: Record<string, unknown>;
}

export type TfResource = Readonly<Record<string, unknown>>;

export interface TfEntry {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: TfResource;
}

export class TfIndex {
  private readonly entries: TfEntry[] = [];

  constructor(public readonly json: TfJson) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) this.entries.push({ type, name, address: `${type}.${name}`, body });
    }
  }

  public ofType(type: string): TfEntry[] {
    return this.entries.filter((e) => e.type === type);
  }

  public get(address: string): TfEntry | undefined {
    return this.entries.find((e) => e.address === address);
  }

  /** The provider block of a given provider name (first one). */
  public provider(name: string): Record<string, unknown> | undefined {
    return this.json.provider?.[name]?.[0];
  }

  /**
   * Resolves a value that may be a `${type.name.attr}` reference to another resource's literal
   * attribute (one level, which is all the stacks use for zones, regions and sizes).
   */
  public resolve(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/.exec(value);
    if (!m) return value;
    const target = this.get(`${m[1]}.${m[2]}`);
    return target ? this.resolve(target.body[m[3]]) : value;
  }

  /** The resource a `${type.name.attr}` reference points to. */
  public referenced(value: unknown): TfEntry | undefined {
    if (typeof value !== 'string') return undefined;
    const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z0-9_]+\}$/.exec(value);
    return m ? this.get(`${m[1]}.${m[2]}`) : undefined;
  }
}

/** cdktf renders a nested block as an object or a one-element list; read both. */
export function block(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return value[0] as Record<string, unknown> | undefined;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function num(value: unknown, what: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  throw new Error(`expected a literal number for ${what}, got ${JSON.stringify(value)}`);
}

export function str(value: unknown, what: string): string {
  if (typeof value === 'string' && !value.startsWith('${')) return value;
  throw new Error(`expected a literal string for ${what}, got ${JSON.stringify(value)}`);
}
