import { spawnSync } from 'child_process';
import { RecordingRunner } from '../../../src/lifecycle/command-runner';
import { initialCluster, restoreKopsEtcd, snapshotRefusal } from '../../../src/lifecycle/kops/kops-etcd-restore';
import {
  refreshAddonsScript,
  restoreMemberScript,
  startControlPlaneScript,
  stopControlPlaneScript,
  upgradeMemberScript,
} from '../../../src/lifecycle/kops/kops-remote-scripts';
import { kopsKubernetesPin } from '../../../src/targets/kops/kops-versions';
import { KopsTarget } from '../../../src/targets/kops/kops-target';
import { exampleSpec } from '../../util';
import { context, linesOf, terraformOutputJson, type Script } from '../lifecycle-fixture';
import { DESCRIBE_MEMBERS, KOPS_OUTPUTS, MEMBERS, dayTwoRoot, etcdHealthy, ADMIN_ENV, ADMIN_SESSION } from './kops-fixture';

const kops = new KopsTarget();
const LATEST = 'etcd-backups/member-1/etcd-20261201T101500Z.db';

function restoreScript(overrides: Script = []): Script {
  return [
    ...overrides,
    { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(KOPS_OUTPUTS) }] },
    ...ADMIN_SESSION,
    { match: 'terraform' },
    { match: /^aws s3 cp --only-show-errors --region us-east-1 s3:\/\/orquesta-demo-state-abc\/control-plane\/admin\.conf / },
    { match: 'aws s3api list-objects-v2', results: [{ stdout: `${LATEST}\t2026-12-01T10:15:07+00:00\n` }] },
    { match: 'aws s3api head-object' },
    { match: 'aws ec2 describe-instances', results: [{ stdout: DESCRIBE_MEMBERS }] },
    { match: 'aws ssm send-command', results: (_c, i) => ({ stdout: `cmd-${i + 1}\n` }) },
    { match: /aws ssm get-command-invocation .* --query Status /, results: [{ stdout: 'Success\n' }] },
    { match: /get --raw \/readyz$/, results: [{ stdout: 'ok' }] },
    ...etcdHealthy(),
  ];
}

function restoreCtx(runner: RecordingRunner, snapshot: string, yes = true) {
  const root = dayTwoRoot();
  const ctx = context(root, runner);
  const full = {
    ...ctx,
    spec: exampleSpec(),
    rerun: `orquesta etcd-restore --target kops --snapshot ${snapshot}`,
    snapshot,
    yes,
    interactive: false,
  };
  return { root, ctx, full };
}

/** The script an SSM command ran, and on which instances. */
function ssmCalls(runner: RecordingRunner) {
  return runner.calls
    .filter((c) => c.line.startsWith('aws ssm send-command'))
    .map((c) => {
      const ids: string[] = [];
      for (let i = c.args.indexOf('--instance-ids') + 1; !c.args[i].startsWith('--'); i += 1) ids.push(c.args[i]);
      const params = JSON.parse(c.args[c.args.indexOf('--parameters') + 1]) as { commands: string[] };
      return { ids, comment: c.args[c.args.indexOf('--comment') + 1], script: params.commands[0] };
    });
}

describe('orquesta etcd-restore --target kops', () => {
  it('finds the newest snapshot, stops every member, restores each into one new cluster, starts etcd first, then gates', async () => {
    const runner = new RecordingRunner(restoreScript());
    const { root, ctx, full } = restoreCtx(runner, 'latest');
    expect(await restoreKopsEtcd(kops, full)).toBe('restored');

    const lines = linesOf(runner, root);
    expect(lines).toContain(
      "aws s3api list-objects-v2 --prefix etcd-backups/ --query 'sort_by(Contents, &LastModified)[-1].[Key,LastModified]' --output text --region us-east-1 --bucket orquesta-demo-state-abc",
    );
    const ssm = ssmCalls(runner);
    expect(ssm.map((s) => [s.comment, s.ids])).toEqual([
      ['orquesta etcd-restore orquesta-demo: stop', ['i-0a', 'i-0b', 'i-0c']],
      ['orquesta etcd-restore orquesta-demo: restore', ['i-0a']],
      ['orquesta etcd-restore orquesta-demo: restore', ['i-0b']],
      ['orquesta etcd-restore orquesta-demo: restore', ['i-0c']],
      ['orquesta etcd-restore orquesta-demo: start', ['i-0a', 'i-0b', 'i-0c']],
    ]);
    const cluster =
      'ip-10-0-1-10.ec2.internal=https://10.0.1.10:2380,ip-10-0-2-10.ec2.internal=https://10.0.2.10:2380,ip-10-0-3-10.ec2.internal=https://10.0.3.10:2380';
    ssm.slice(1, 4).forEach((s, i) => {
      expect(s.script).toContain(`s3_get '${LATEST}'`);
      expect(s.script).toContain(`--name '${MEMBERS[i][1]}' --initial-cluster '${cluster}'`);
      expect(s.script).toContain(
        `--initial-advertise-peer-urls 'https://${MEMBERS[i][2]}:2380' --initial-cluster-token 'orquesta-restore-`,
      );
      expect(s.script).toContain('mv /var/lib/etcd/member "$work/member-before-restore"');
    });
    // The API and etcd are checked only after the start.
    const startIndex = lines.findIndex((l) => l.includes("'orquesta etcd-restore orquesta-demo: start'"));
    expect(lines.findIndex((l) => l.endsWith('get --raw /readyz'))).toBeGreaterThan(startIndex);
    expect(lines.findIndex((l) => l.endsWith('endpoint health --cluster -w json'))).toBeGreaterThan(startIndex);
    expect(ctx.io.stdout).toContain(`✓ orquesta-demo runs from ${LATEST}`);
    // The admin kubeconfig and the backups are read with the admin role's session; SSM with the caller's identity.
    const envOf = (prefix: string) => runner.calls.find((c) => c.line.startsWith(prefix))!.options.env;
    expect(envOf('aws s3 cp --only-show-errors --region us-east-1 s3://orquesta-demo-state-abc/control-plane/admin.conf')).toEqual(
      ADMIN_ENV,
    );
    expect(envOf('aws s3api list-objects-v2')).toEqual(ADMIN_ENV);
    expect(envOf('aws ssm send-command')).toEqual({});
  });

  it('checks that a named snapshot exists instead of listing', async () => {
    const key = 'etcd-backups/member-0/etcd-20261130T000000Z.db';
    const runner = new RecordingRunner(restoreScript());
    const { root, full } = restoreCtx(runner, key);
    expect(await restoreKopsEtcd(kops, full)).toBe('restored');
    expect(linesOf(runner, root)).toContain(`aws s3api head-object --key ${key} --region us-east-1 --bucket orquesta-demo-state-abc`);
    expect(linesOf(runner, root).some((l) => l.includes('list-objects-v2'))).toBe(false);
  });

  it('refuses a key outside etcd-backups/ before running anything', async () => {
    const runner = new RecordingRunner([]);
    const { ctx, full } = restoreCtx(runner, 'control-plane/admin.conf');
    expect(await restoreKopsEtcd(kops, full)).toBe('refused');
    expect(runner.calls).toEqual([]);
    expect(ctx.io.stderr.join('\n')).toContain("--snapshot 'control-plane/admin.conf': give 'latest' or an object key under etcd-backups/");
  });

  it('stops nothing while a member is missing, and nothing without --yes', async () => {
    const missing = new RecordingRunner(
      restoreScript([
        {
          match: 'aws ec2 describe-instances',
          results: [
            {
              stdout: MEMBERS.slice(0, 2)
                .map((m) => m.join('\t'))
                .join('\n'),
            },
          ],
        },
      ]),
    );
    const a = restoreCtx(missing, 'latest');
    expect(await restoreKopsEtcd(kops, a.full)).toBe('failed');
    expect(a.ctx.io.stderr.join('\n')).toContain('found 2 running control-plane instances, expected 3');
    expect(ssmCalls(missing)).toEqual([]);

    const unconfirmed = new RecordingRunner(restoreScript());
    const b = restoreCtx(unconfirmed, 'latest', false);
    expect(await restoreKopsEtcd(kops, b.full)).toBe('refused');
    expect(ssmCalls(unconfirmed)).toEqual([]);
  });

  it('reports the member whose restore failed, with its output, and goes no further', async () => {
    const runner = new RecordingRunner(
      restoreScript([
        {
          match: /get-command-invocation --region us-east-1 --command-id cmd-3 --instance-id i-0b --query Status /,
          results: [{ stdout: 'Failed\n' }],
        },
        { match: /--query StandardErrorContent/, results: [{ stdout: 'Error: snapshot file has wrong sha256 checksum\n' }] },
      ]),
    );
    const { ctx, full } = restoreCtx(runner, 'latest');
    expect(await restoreKopsEtcd(kops, full)).toBe('failed');
    expect(ctx.io.stderr.join('\n')).toContain('the script on i-0b ended Failed:\nError: snapshot file has wrong sha256 checksum');
    expect(ssmCalls(runner)).toHaveLength(3);
  });

  it('waits while SSM has not registered an invocation yet', async () => {
    const runner = new RecordingRunner(
      restoreScript([
        {
          match: /get-command-invocation --region us-east-1 --command-id cmd-1 --instance-id i-0a --query Status /,
          results: [
            { code: 254, stderr: 'An error occurred (InvocationDoesNotExist) when calling the GetCommandInvocation operation' },
            { stdout: 'Success\n' },
          ],
        },
      ]),
    );
    const { full } = restoreCtx(runner, 'latest');
    expect(await restoreKopsEtcd(kops, full)).toBe('restored');
    expect(runner.lines().filter((l) => l.includes('--command-id cmd-1 --instance-id i-0a --query Status'))).toHaveLength(2);
  });

  test('snapshotRefusal and initialCluster', () => {
    expect(snapshotRefusal('latest')).toBeUndefined();
    expect(snapshotRefusal('etcd-backups/')).toContain('give');
    expect(initialCluster([{ instanceId: 'i-1', nodeName: 'n1', privateIp: '10.0.0.1', groupName: 'g-0' }])).toBe(
      'n1=https://10.0.0.1:2380',
    );
  });
});

describe('remote scripts are valid bash', () => {
  test.each([
    ['upgrade (first member)', upgradeMemberScript(kopsKubernetesPin('1.36'), true)],
    ['upgrade (other member)', upgradeMemberScript(kopsKubernetesPin('1.36'), false)],
    ['stop', stopControlPlaneScript()],
    [
      'restore',
      restoreMemberScript({
        snapshotKey: LATEST,
        memberName: 'n',
        initialCluster: 'n=https://10.0.0.1:2380',
        peerUrl: 'https://10.0.0.1:2380',
        clusterToken: 't',
      }),
    ],
    ['start', startControlPlaneScript()],
    ['add-ons', refreshAddonsScript('ab'.repeat(32))],
  ])('%s', (_name, script) => {
    const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(script.startsWith('set -euo pipefail\n')).toBe(true);
  });

  test('a member that never joined (the whole control plane was lost) is built from the bucket before its restore', () => {
    const s = restoreMemberScript({
      snapshotKey: LATEST,
      memberName: 'n',
      initialCluster: 'n=https://10.0.0.1:2380',
      peerUrl: 'https://10.0.0.1:2380',
      clusterToken: 't',
    });
    const rebuild = s.indexOf('if [ ! -f /etc/kubernetes/orquesta-parked/etcd.yaml ]; then');
    expect(rebuild).toBeGreaterThan(0);
    expect(rebuild).toBeLessThan(s.indexOf('etcdutl snapshot restore'));
    // The cluster's own CAs and Secrets key, never new ones (the restored data must stay readable).
    expect(s).toContain('restore_shared_pki\n  write_audit_policy\n  fetch_encryption_config\n');
    expect(s).not.toContain('ensure_encryption_config');
    expect(s).toContain("for phase in 'certs all' 'kubeconfig all' 'etcd local' 'control-plane all'; do");
    expect(startControlPlaneScript()).toContain('record_member\nsystemctl daemon-reload\n');
  });

  test('the start script brings etcd back before the API server, and waits for it', () => {
    const s = startControlPlaneScript();
    expect(s).toContain('for pod in etcd kube-apiserver kube-controller-manager kube-scheduler; do');
    expect(s).toContain(`if [ "$pod" = etcd ]; then retry 60 5`);
  });
});
