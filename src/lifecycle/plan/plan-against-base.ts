import * as fs from 'fs';
import * as path from 'path';
import { CommandFailedError, type CommandRunner } from '../command-runner';
import { TerraformCli } from '../terraform-cli';
import type { PlanJson } from './plan-summary';
import { OFFLINE_PLAN_ENV, firstError } from './terraform-plan';
import { pendingChanges, refineState, stateFromPlan, subtractResidual, type ProviderSchemas, type TerraformState } from './would-be-state';

/**
 * Rounds of "plan the base against its would-be state, take what still changes". Measured on the
 * eks stack: 27 -> 15 -> 1 changes in three rounds (../shared/TOOLCHAIN.md); one more for margin.
 */
export const MAX_REFINE_ROUNDS = 4;

export interface PlanAgainstBaseResult {
  /** The head planned against the base's would-be state, minus the base's own residual. */
  readonly plan: PlanJson;
  /** Refinement rounds run, and changes the base still plans against its own would-be state. */
  readonly rounds: number;
  readonly residual: number;
}

export interface PlanAgainstBaseOptions {
  /** Fake credentials for stacks synthesized with the provider's skip settings. @default false */
  readonly offline?: boolean;
  /** Scratch directory for the staged stack copies (planAgainstBase removes it afterwards). */
  readonly workDir: string;
  /** @default MAX_REFINE_ROUNDS */
  readonly maxRounds?: number;
}

export interface WouldBeState {
  readonly state: TerraformState;
  /** The base planned against `state`: what it still changes (subtracted from head plans). */
  readonly residualPlan: PlanJson;
  readonly rounds: number;
}

/** Thrown (and turned into an "unavailable" outcome) when a terraform step fails. */
class PlanStepError extends Error {}

/** The would-be state is fake: never refresh it against a cloud, never lock it. */
const WOULD_BE_PLAN_ARGS = ['-refresh=false', '-lock=false'];
const WOULD_BE_PLAN_FILE = 'would-be.tfplan';

function terraformIn(runner: CommandRunner, dir: string, offline: boolean | undefined) {
  const tf = new TerraformCli(runner, dir, { env: offline ? OFFLINE_PLAN_ENV : {} });
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof CommandFailedError)) throw error;
      throw new PlanStepError(`${name} failed: ${firstError(error.result.stderr || error.result.stdout)}`);
    }
  };
  const planJson = (name: string): Promise<PlanJson> =>
    step(name, async () => {
      await tf.plan(WOULD_BE_PLAN_FILE, WOULD_BE_PLAN_ARGS);
      return (await tf.show(WOULD_BE_PLAN_FILE)) as PlanJson;
    });
  return { tf, step, planJson };
}

/**
 * The state the base revision would leave had it been applied: built from the base plan's planned
 * values (fake ids for computed attributes) and refined until the base plans (nearly) clean
 * against it. Runs in `<workDir>/base`, a copy of the stack whose backend points at a scratch state.
 */
export async function wouldBeState(
  baseStackDir: string,
  runner: CommandRunner,
  options: PlanAgainstBaseOptions,
): Promise<WouldBeState | { readonly unavailable: string }> {
  const base = stageStack(baseStackDir, path.join(options.workDir, 'base'));
  const { tf, step, planJson } = terraformIn(runner, base.dir, options.offline);
  try {
    await step('init of the base', () => tf.init());
    const fromNothing = await planJson('plan of the base');
    const schemas = (await step('provider schemas', () => tf.providersSchema())) as ProviderSchemas;
    let state: TerraformState = stateFromPlan(fromNothing, schemas);
    let residualPlan: PlanJson = fromNothing;
    const maxRounds = options.maxRounds ?? MAX_REFINE_ROUNDS;
    let rounds = 0;
    for (; rounds < maxRounds; rounds++) {
      writeState(base.statePath, state);
      residualPlan = await planJson('refinement of the would-be state');
      const refined = refineState(state, residualPlan, schemas);
      if (refined.changed === 0) break;
      state = refined.state;
    }
    if (rounds === maxRounds) {
      writeState(base.statePath, state);
      residualPlan = await planJson('refinement of the would-be state');
    }
    return { state, residualPlan, rounds };
  } catch (error) {
    if (error instanceof PlanStepError) return { unavailable: error.message };
    throw error;
  }
}

/** The head planned against a would-be state with `-refresh=false`, minus the base's own residual. Runs in `<workDir>/<name>`. */
export async function planAgainstState(
  baseState: WouldBeState,
  headStackDir: string,
  runner: CommandRunner,
  options: PlanAgainstBaseOptions & { readonly name?: string },
): Promise<PlanAgainstBaseResult | { readonly unavailable: string }> {
  const head = stageStack(headStackDir, path.join(options.workDir, options.name ?? 'head'));
  const { tf, step, planJson } = terraformIn(runner, head.dir, options.offline);
  try {
    await step('init of the head', () => tf.init());
    writeState(head.statePath, baseState.state);
    const headPlan = await planJson('plan of the head against the base state');
    return {
      plan: subtractResidual(headPlan, baseState.residualPlan),
      rounds: baseState.rounds,
      residual: pendingChanges(baseState.residualPlan).size,
    };
  } catch (error) {
    if (error instanceof PlanStepError) return { unavailable: error.message };
    throw error;
  }
}

/**
 * What the head revision would change in a cluster built from the base revision, decided by the
 * provider, without a cloud: `wouldBeState` of the base, then `planAgainstState` of the head. Each
 * revision is planned in its own copy of its stack directory with a local backend pointing at the
 * scratch state, so the user's real backend and state are never read or written; the scratch
 * directory is removed afterwards.
 */
export async function planAgainstBase(
  baseStackDir: string,
  headStackDir: string,
  runner: CommandRunner,
  options: PlanAgainstBaseOptions,
): Promise<PlanAgainstBaseResult | { readonly unavailable: string }> {
  try {
    const state = await wouldBeState(baseStackDir, runner, options);
    if ('unavailable' in state) return state;
    return await planAgainstState(state, headStackDir, runner, options);
  } finally {
    fs.rmSync(options.workDir, { recursive: true, force: true });
    // The parent scratch folder too, once no other target's work is in it.
    const parent = path.dirname(options.workDir);
    if (fs.existsSync(parent) && fs.readdirSync(parent).length === 0) fs.rmdirSync(parent);
  }
}

/** Copies a synthesized stack (without .terraform/ and plan files) and points its backend at a scratch state. */
function stageStack(stackDir: string, dir: string): { dir: string; statePath: string } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(stackDir, dir, {
    recursive: true,
    filter: (src) => !/(^|[\\/])\.terraform([\\/]|$)/.test(path.relative(stackDir, src)) && !src.endsWith('.tfplan'),
  });
  const file = path.join(dir, 'cdk.tf.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { terraform?: { backend?: unknown } };
  const statePath = path.join(dir, 'terraform.tfstate');
  config.terraform = { ...config.terraform, backend: { local: { path: statePath } } };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return { dir, statePath };
}

function writeState(statePath: string, state: TerraformState): void {
  fs.writeFileSync(statePath, JSON.stringify(state));
}
