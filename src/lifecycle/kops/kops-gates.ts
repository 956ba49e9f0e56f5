import type { CommandRunner } from '../command-runner';
import { pollUntil, type PollOptions } from '../lifecycle-context';

/**
 * The health gates between control-plane steps, run from the operator's machine with the admin
 * kubeconfig: the API answers `/readyz` through the load balancer, and etcd (queried inside a
 * member's etcd pod, where etcdctl and the health-check client certificate are) reports every
 * member healthy with the expected member count. A gate that does not pass within its time stops
 * the command before it touches the next member.
 */
const ETCDCTL = [
  'etcdctl',
  '--endpoints=https://127.0.0.1:2379',
  '--cacert=/etc/kubernetes/pki/etcd/ca.crt',
  '--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt',
  '--key=/etc/kubernetes/pki/etcd/healthcheck-client.key',
] as const;

export class GateFailedError extends Error {
  constructor(gate: string, detail: string) {
    super(`${gate} did not pass: ${detail}`);
    this.name = 'GateFailedError';
  }
}

function kubectl(kubeconfig: string, ...args: string[]): [string, string[]] {
  return ['kubectl', ['--kubeconfig', kubeconfig, ...args]];
}

/** `/readyz` of the API server answers `ok`. */
export async function apiHealthGate(runner: CommandRunner, kubeconfig: string, poll: PollOptions): Promise<void> {
  const [command, args] = kubectl(kubeconfig, 'get', '--raw', '/readyz');
  const result = await pollUntil(
    () => runner.run(command, args),
    (r) => r.code === 0 && r.stdout.trim() === 'ok',
    poll,
  );
  if (!result.done) throw new GateFailedError('API health (/readyz)', (result.value.stderr || result.value.stdout).trim() || 'no answer');
}

/**
 * `etcdctl endpoint health --cluster` lists every member healthy and `etcdctl member list` shows
 * exactly `members` started members, asked through the etcd pod on `nodeName`.
 */
export async function etcdHealthGate(
  runner: CommandRunner,
  kubeconfig: string,
  nodeName: string,
  members: number,
  poll: PollOptions,
): Promise<void> {
  const exec = (...etcdArgs: string[]) =>
    runner.run(...kubectl(kubeconfig, '-n', 'kube-system', 'exec', `etcd-${nodeName}`, '--', ...ETCDCTL, ...etcdArgs));
  let detail = 'no answer';
  const result = await pollUntil(
    async () => {
      const health = await exec('endpoint', 'health', '--cluster', '-w', 'json');
      if (health.code !== 0) {
        detail = health.stderr.trim() || `endpoint health exited ${health.code}`;
        return false;
      }
      const endpoints = JSON.parse(health.stdout) as Array<{ health: boolean; endpoint: string }>;
      const unhealthy = endpoints.filter((e) => !e.health).map((e) => e.endpoint);
      const list = await exec('member', 'list', '-w', 'json');
      if (list.code !== 0) {
        detail = list.stderr.trim() || `member list exited ${list.code}`;
        return false;
      }
      const started = ((JSON.parse(list.stdout) as { members?: Array<{ name?: string }> }).members ?? []).filter((m) => m.name);
      detail = `${endpoints.length - unhealthy.length}/${endpoints.length} endpoints healthy${unhealthy.length ? ` (not: ${unhealthy.join(', ')})` : ''}, ${started.length} started members (expected ${members})`;
      return unhealthy.length === 0 && endpoints.length === members && started.length === members;
    },
    (ok) => ok,
    poll,
  );
  if (!result.done) throw new GateFailedError(`etcd health via etcd-${nodeName}`, detail);
}

/** The kubelet version a Node reports, e.g. `v1.36.0`. */
export async function kubeletVersion(runner: CommandRunner, kubeconfig: string, nodeName: string): Promise<string> {
  const r = await runner.run(...kubectl(kubeconfig, 'get', 'node', nodeName, '-o', 'jsonpath={.status.nodeInfo.kubeletVersion}'));
  return r.code === 0 ? r.stdout.trim() : '';
}

/** Every Node's kubelet version, by node name. */
export async function allKubeletVersions(runner: CommandRunner, kubeconfig: string): Promise<Record<string, string>> {
  const r = await runner.run(
    ...kubectl(
      kubeconfig,
      'get',
      'nodes',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.nodeInfo.kubeletVersion}{"\\n"}{end}',
    ),
  );
  if (r.code !== 0) return {};
  return Object.fromEntries(
    r.stdout
      .split('\n')
      .map((l) => l.trim().split('\t'))
      .filter((f) => f.length === 2),
  );
}
