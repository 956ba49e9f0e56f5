import * as fs from 'fs';
import * as path from 'path';
import type { CommandRunner } from '../command-runner';
import { summarisePlan, type PlanSummary } from './plan-summary';

/** Offline checks plan against fake credentials (see README, "Offline plans"). */
const OFFLINE_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake',
  AWS_REGION: 'us-east-1',
  TF_IN_AUTOMATION: '1',
  CHECKPOINT_DISABLE: '1',
};

export type PlanOutcome = { readonly summary: PlanSummary; readonly json: unknown } | { readonly unavailable: string };

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
  const env = options.offline ? OFFLINE_ENV : {};
  const terraform = process.env.ORQUESTA_TERRAFORM ?? 'terraform';
  const step = async (what: string, args: string[]) => {
    const r = await runner.run(terraform, args, { cwd: stackDir, env });
    return r.code === 0
      ? { ok: true as const, stdout: r.stdout }
      : { ok: false as const, why: `terraform ${what} failed: ${firstError(r.stderr || r.stdout)}` };
  };
  const init = await step('init', ['init', '-input=false', '-no-color']);
  if (!init.ok) return { unavailable: init.why };
  const planArgs = [
    'plan',
    '-input=false',
    '-no-color',
    '-out=orquesta.tfplan',
    ...(options.offline ? ['-refresh=false', '-lock=false'] : []),
  ];
  const plan = await step('plan', planArgs);
  if (!plan.ok) return { unavailable: plan.why };
  const show = await step('show', ['show', '-json', 'orquesta.tfplan']);
  if (!show.ok) return { unavailable: show.why };
  fs.rmSync(path.join(stackDir, 'orquesta.tfplan'), { force: true });
  const json = JSON.parse(show.stdout);
  return { summary: summarisePlan(json), json };
}

function firstError(text: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.replace(/^[│╷╵\s]+/, '').trim())
      .find((l) => l.startsWith('Error:')) ??
    text.trim().split('\n')[0] ??
    '';
  return line.replace(/^Error:\s*/, '').slice(0, 200);
}
