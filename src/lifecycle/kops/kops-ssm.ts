import { TAG_CLUSTER } from '../../targets/common/common-tags';
import { ROLE_TAG } from '../../targets/kops/kops-instance-group';
import { CommandFailedError, runChecked, type CommandRunner } from '../command-runner';
import { pollUntil, type PollOptions } from '../lifecycle-context';

/**
 * How orquesta runs commands on the kops-style control plane: AWS Systems Manager Run Command
 * (`aws ssm send-command` with the `AWS-RunShellScript` document), addressed by instance id.
 * Chosen over SSH because the nodes have no public address, no key pair and no inbound port
 * besides the API; Canonical's Ubuntu AMIs ship the SSM agent, and the control-plane role carries
 * `AmazonSSMManagedInstanceCore` (https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command.html,
 * read 2026-12-01). Workers are never addressed: they are replaced, not changed in place.
 */
export const SSM_DOCUMENT = 'AWS-RunShellScript';

/** A step on one member gets an hour (a kubeadm upgrade pulls four images and waits for each static pod). */
export const SSM_EXECUTION_TIMEOUT_SECONDS = 3600;
/** One status call every 10 s: well inside SSM's API rates. */
export const SSM_POLL_INTERVAL_MS = 10_000;

/** A running control-plane instance, as EC2 describes it. */
export interface ControlPlaneInstance {
  readonly instanceId: string;
  /** The EC2 private DNS name: the Node name and the etcd member name. */
  readonly nodeName: string;
  readonly privateIp: string;
  /** `<cluster>-kops-control-plane-<n>`: sorts members in index order. */
  readonly groupName: string;
}

/** The running control-plane instances of `cluster`, in member order. */
export async function controlPlaneInstances(runner: CommandRunner, region: string, cluster: string): Promise<ControlPlaneInstance[]> {
  const result = await runChecked(runner, {
    command: 'aws',
    args: [
      'ec2',
      'describe-instances',
      '--region',
      region,
      '--filters',
      `Name=tag:${TAG_CLUSTER},Values=${cluster}`,
      `Name=tag:${ROLE_TAG},Values=control-plane`,
      'Name=instance-state-name,Values=running',
      '--query',
      "Reservations[].Instances[].[InstanceId,PrivateDnsName,PrivateIpAddress,Tags[?Key=='Name']|[0].Value]",
      '--output',
      'text',
    ],
  });
  return result.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length === 4 && fields[0].startsWith('i-'))
    .map(([instanceId, nodeName, privateIp, groupName]) => ({ instanceId, nodeName, privateIp, groupName }))
    .sort((a, b) => memberIndex(a.groupName) - memberIndex(b.groupName));
}

function memberIndex(groupName: string): number {
  const match = /-(\d+)$/.exec(groupName);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

export class RemoteScriptFailedError extends Error {
  constructor(
    public readonly instanceId: string,
    public readonly status: string,
    public readonly output: string,
  ) {
    super(`the script on ${instanceId} ended ${status}${output ? `:\n${output}` : ''}`);
    this.name = 'RemoteScriptFailedError';
  }
}

/**
 * Runs `script` as root on each instance (one SSM command for all of them, so they run in
 * parallel) and waits until every invocation has ended; throws on the first that did not succeed.
 */
export async function runOnInstances(
  runner: CommandRunner,
  region: string,
  instanceIds: readonly string[],
  comment: string,
  script: string,
  poll: PollOptions,
): Promise<void> {
  const sent = await runChecked(runner, {
    command: 'aws',
    args: [
      'ssm',
      'send-command',
      '--region',
      region,
      '--document-name',
      SSM_DOCUMENT,
      '--comment',
      comment.slice(0, 100),
      '--instance-ids',
      ...instanceIds,
      '--parameters',
      JSON.stringify({ commands: [script], executionTimeout: [String(SSM_EXECUTION_TIMEOUT_SECONDS)] }),
      '--query',
      'Command.CommandId',
      '--output',
      'text',
    ],
  });
  const commandId = sent.stdout.trim();
  // One field of an invocation: its Status, or the tail of its stderr for the error message.
  const invocation = (instanceId: string, field: 'Status' | 'StandardErrorContent') =>
    runner.run('aws', [
      'ssm',
      'get-command-invocation',
      '--region',
      region,
      '--command-id',
      commandId,
      '--instance-id',
      instanceId,
      '--query',
      field,
      '--output',
      'text',
    ]);
  for (const instanceId of instanceIds) {
    // Right after send-command the invocation may not exist yet (InvocationDoesNotExist): still pending.
    const status = async (): Promise<string> => {
      const r = await invocation(instanceId, 'Status');
      if (r.code === 0) return r.stdout.trim();
      if (r.stderr.includes('InvocationDoesNotExist')) return '';
      throw new CommandFailedError(`aws ssm get-command-invocation --command-id ${commandId} --instance-id ${instanceId}`, r);
    };
    const ended = await pollUntil(status, (s) => !['Pending', 'InProgress', 'Delayed', ''].includes(s), poll);
    if (ended.value !== 'Success') {
      const output = await invocation(instanceId, 'StandardErrorContent');
      throw new RemoteScriptFailedError(
        instanceId,
        ended.done ? ended.value : 'still running when orquesta stopped waiting',
        output.stdout.trim(),
      );
    }
  }
}
