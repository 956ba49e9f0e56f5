import * as fs from 'fs';
import * as path from 'path';
import { CommandFailedError, type CommandRunner } from '../command-runner';
import { TerraformCli } from '../terraform-cli';
import { summarisePlan, type PlanJson, type PlanSummary } from './plan-summary';

/**
 * Fake credentials for `plan --offline-plan`: stacks synthesized with `offlinePlan` carry the AWS
 * provider's skip settings, so these are never sent anywhere (../shared/terraform/README.md).
 * The offline test tiers use the same values.
 */
export const OFFLINE_PLAN_ENV: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake',
  AWS_REGION: 'us-east-1',
  CHECKPOINT_DISABLE: '1',
};

/** Without state or a live cloud, refreshing and locking have nothing to talk to. */
const OFFLINE_PLAN_ARGS = ['-refresh=false', '-lock=false'];
const REVIEW_PLAN_FILE = 'orquesta-review.tfplan';

export type PlanOutcome = { readonly summary: PlanSummary; readonly json: PlanJson } | { readonly unavailable: string };

/**
 * `terraform init` + `plan -out` + `show -json` in a synthesized stack directory, with the user's
 * terraform, credentials and CLI config. When a step fails (no credentials, provider not
 * installable) the outcome says why instead of throwing: the cost/fault delta is still useful.
 */
export async function planStack(
  stackDir: string,
  runner: CommandRunner,
  options: { readonly offline?: boolean } = {},
): Promise<PlanOutcome> {
  const tf = new TerraformCli(runner, stackDir, { env: options.offline ? OFFLINE_PLAN_ENV : {} });
  let step = 'init';
  try {
    await tf.init();
    step = 'plan';
    await tf.plan(REVIEW_PLAN_FILE, options.offline ? OFFLINE_PLAN_ARGS : []);
    step = 'show';
    const json = (await tf.show(REVIEW_PLAN_FILE)) as PlanJson;
    return { summary: summarisePlan(json), json };
  } catch (error) {
    if (!(error instanceof CommandFailedError)) throw error;
    return { unavailable: `terraform ${step} failed: ${firstError(error.result.stderr || error.result.stdout)}` };
  } finally {
    fs.rmSync(path.join(stackDir, REVIEW_PLAN_FILE), { force: true });
  }
}

/** Terraform's first `Error:` line, without the box drawing and colours of its diagnostics. */
export function firstError(text: string): string {
  const lines = text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.replace(/^[│╷╵\s]+/, '').trim());
  const line = lines.find((l) => l.startsWith('Error:')) ?? lines.find((l) => l !== '') ?? '';
  return line.replace(/^Error:\s*/, '').slice(0, 200);
}
