import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../src/cli/command';
import {
  RecordingRunner,
  SpawnRunner,
  type CommandRunner,
  type RunOptions,
  type RunResult,
  type ScriptedResponse,
} from '../../src/lifecycle/command-runner';
import type { LifecycleContext } from '../../src/lifecycle/lifecycle-context';
import { offlineTerraformEnv } from '../terraform-env';
import { TEST_NOW } from '../util';

/** A fresh project root under the OS temp dir (removed by test/global-teardown.js). */
export function tempRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-'));
}

/** A CliIo that keeps what was printed. */
export function captureIo(root: string): CliIo & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    cwd: root,
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    text: () => [...stdout, ...stderr].join('\n'),
  };
}

/** A fake clock: `sleep` advances it instead of waiting. */
export function fakeClock(start = TEST_NOW.getTime()): { clock: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

export function context(
  root: string,
  runner: CommandRunner,
  io = captureIo(root),
): LifecycleContext & { io: ReturnType<typeof captureIo> } {
  const clock = fakeClock();
  return { root, io, runner, now: TEST_NOW, clock: clock.clock, sleep: clock.sleep };
}

/** Command lines with the temp root replaced by `<root>`, for exact-sequence assertions. */
export function linesOf(runner: RecordingRunner, root: string): string[] {
  return runner.lines().map((l) => l.split(root).join('<root>'));
}

/** `terraform output -json` as terraform prints it, from name → string value. */
export function terraformOutputJson(outputs: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { sensitive: false, type: 'string', value }])));
}

export const EKS_OUTPUTS = {
  cluster_name: 'orquesta-demo',
  cluster_region: 'us-east-1',
  cluster_endpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
  kubeconfig_command: 'aws eks update-kubeconfig --region us-east-1 --name orquesta-demo',
  workload_role_arn: 'arn:aws:iam::123456789012:role/orquesta-demo-web-api',
  vpc_id: 'vpc-0abc',
};

/** `terraform show -json` of a state with one resource per given tags map. */
export function stateJson(resources: ReadonlyArray<{ type: string; tags?: Record<string, string> }>): string {
  return JSON.stringify({
    format_version: '1.0',
    terraform_version: '1.11.4',
    values: {
      root_module: {
        resources: resources.map((r, i) => ({
          address: `${r.type}.r${i}`,
          mode: 'managed',
          type: r.type,
          name: `r${i}`,
          values: r.tags ? { tags: r.tags, tags_all: r.tags } : {},
        })),
      },
    },
  });
}

/** Environment for driving the real terraform offline (the tests' shared helper). */
export const OFFLINE_TERRAFORM_ENV: Record<string, string> = offlineTerraformEnv();

/**
 * Sends `terraform` to the real binary and every other command (kubectl, aws, gcloud, az) to a
 * RecordingRunner, so no cloud is ever called; both are recorded in order.
 */
export class TerraformOnlyRunner implements CommandRunner {
  public readonly recorded: string[] = [];
  private readonly terraform = new SpawnRunner({ env: { ...process.env, ...OFFLINE_TERRAFORM_ENV } });

  constructor(public readonly others: RecordingRunner) {}

  public async run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
    this.recorded.push([command, ...args].join(' '));
    return command === 'terraform' ? this.terraform.run(command, args, options) : this.others.run(command, args, options);
  }
}

export type Script = ScriptedResponse[];

/** The DNS name an NLB of the AWS Load Balancer Controller gets, for address-wait scripts. */
export const NLB_HOSTNAME = 'k8s-webapi-webapi-6f1d2a7c3e-9b8a7c6d5e4f3a2b.elb.us-east-1.amazonaws.com';

/** `kubectl get svc/<name> -o json` of a LoadBalancer Service, with or without its address. */
export function serviceJson(hostname?: string): string {
  return JSON.stringify({ kind: 'Service', status: { loadBalancer: hostname ? { ingress: [{ hostname }] } : {} } });
}

/** Deploy's address wait finds the example's Service with an NLB address at the first look. */
export const SERVICE_HAS_ADDRESS: ScriptedResponse = {
  match: /^kubectl .* get svc\/web-api /,
  results: [{ stdout: serviceJson(NLB_HOSTNAME) }],
};
