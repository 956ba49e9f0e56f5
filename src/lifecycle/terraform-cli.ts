import type { InfraOutputs } from '../targets/cluster-target';
import { runChecked, type CommandRunner, type RunResult } from './command-runner';

/**
 * Environment for every terraform run. `TF_IN_AUTOMATION` drops the "run terraform apply next"
 * hints meant for people typing commands (https://developer.hashicorp.com/terraform/cli/config/environment-variables#tf_in_automation).
 * Nothing else is set: the user's credentials, TF_CLI_CONFIG_FILE (provider mirrors) and
 * TF_PLUGIN_CACHE_DIR come through unchanged from the environment.
 */
export const TERRAFORM_ENV: Readonly<Record<string, string>> = { TF_IN_AUTOMATION: '1' };

/** The saved plan `deploy` applies; inside the stack directory, which re-synthesis replaces. */
export const DEPLOY_PLAN_FILE = 'orquesta.tfplan';

export interface TerraformCliOptions {
  /** Copy terraform's output to the terminal while it runs. @default false */
  readonly stream?: boolean;
  /** Variables added to TERRAFORM_ENV, e.g. fake credentials for an offline plan. @default {} */
  readonly env?: Readonly<Record<string, string>>;
}

/** `terraform output -json`: one entry per output. */
export type TerraformOutputs = Readonly<Record<string, { readonly value: unknown; readonly sensitive?: boolean; readonly type?: unknown }>>;

/** The parts of `terraform show -json` (state or plan) orquesta reads. */
export interface TerraformShowJson {
  readonly format_version?: string;
  readonly values?: { readonly root_module?: TerraformModuleJson };
}

export interface TerraformModuleJson {
  readonly resources?: ReadonlyArray<{
    readonly address: string;
    readonly mode?: string;
    readonly type: string;
    readonly values?: Record<string, unknown>;
  }>;
  readonly child_modules?: readonly TerraformModuleJson[];
}

/**
 * Thin wrapper over the terraform CLI in one stack directory (`cdktf.out/stacks/<target>`).
 * Every command is non-interactive (`-input=false`), so a missing variable or backend setting
 * fails with a message instead of waiting for input nobody will type.
 */
export class TerraformCli {
  constructor(
    private readonly runner: CommandRunner,
    public readonly stackDir: string,
    private readonly options: TerraformCliOptions = {},
  ) {}

  public init(): Promise<RunResult> {
    return this.exec(['init', '-input=false'], true);
  }

  /** `extraArgs` such as `-refresh=false -lock=false` for an offline plan. @default [] */
  public plan(planFile: string = DEPLOY_PLAN_FILE, extraArgs: readonly string[] = []): Promise<RunResult> {
    return this.exec(['plan', '-input=false', `-out=${planFile}`, ...extraArgs], true);
  }

  public apply(planFile: string = DEPLOY_PLAN_FILE): Promise<RunResult> {
    return this.exec(['apply', '-input=false', '-auto-approve', planFile], true);
  }

  public destroy(): Promise<RunResult> {
    return this.exec(['destroy', '-input=false', '-auto-approve'], true);
  }

  /** `terraform show -json [planFile]`: the state without a plan file. */
  public async show(planFile?: string): Promise<TerraformShowJson> {
    const result = await this.exec(planFile ? ['show', '-json', planFile] : ['show', '-json'], false);
    return parseJson(result.stdout, 'terraform show -json') as TerraformShowJson;
  }

  /** `terraform providers schema -json` (after init): resource schemas and their versions. */
  public async providersSchema(): Promise<unknown> {
    const result = await this.exec(['providers', 'schema', '-json'], false);
    return parseJson(result.stdout, 'terraform providers schema -json');
  }

  public async output(): Promise<TerraformOutputs> {
    const result = await this.exec(['output', '-json'], false);
    return parseJson(result.stdout, 'terraform output -json') as TerraformOutputs;
  }

  private exec(args: readonly string[], streamable: boolean): Promise<RunResult> {
    return runChecked(
      this.runner,
      { command: 'terraform', args, env: { ...TERRAFORM_ENV, ...this.options.env } },
      { cwd: this.stackDir, stream: streamable && this.options.stream },
    );
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (error) {
    throw new Error(`${what} printed something that is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The string-valued outputs, as the Kubernetes side takes them (`InfraOutputs`). Other outputs are
 * left out rather than stringified: none of orquesta's consumers expects a list or map.
 */
export function stringOutputs(outputs: TerraformOutputs): InfraOutputs {
  const result: Record<string, string> = {};
  for (const [name, output] of Object.entries(outputs)) {
    if (typeof output.value === 'string') result[name] = output.value;
  }
  return result;
}

/** Every managed resource of a state or plan, child modules included (data sources are not counted). */
export function stateResources(show: TerraformShowJson): Array<{ address: string; type: string; values: Record<string, unknown> }> {
  const walk = (mod: TerraformModuleJson | undefined): Array<{ address: string; type: string; values: Record<string, unknown> }> =>
    mod
      ? [
          ...(mod.resources ?? [])
            .filter((r) => (r.mode ?? 'managed') === 'managed')
            .map((r) => ({ address: r.address, type: r.type, values: r.values ?? {} })),
          ...(mod.child_modules ?? []).flatMap(walk),
        ]
      : [];
  return walk(show.values?.root_module);
}
