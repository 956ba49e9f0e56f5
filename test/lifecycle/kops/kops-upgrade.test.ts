import { RecordingRunner, type RecordedCall } from '../../../src/lifecycle/command-runner';
import { skewRefusal, upgradeKops, upgradeRefusals } from '../../../src/lifecycle/kops/kops-upgrade';
import { KopsTarget } from '../../../src/targets/kops/kops-target';
import { exampleSpec } from '../../util';
import { context, linesOf, terraformOutputJson, type Script } from '../lifecycle-fixture';
import { DESCRIBE_MEMBERS, KOPS_OUTPUTS, MEMBERS, WORKERS, dayTwoRoot, etcdHealthy, ADMIN_ENV, ADMIN_SESSION } from './kops-fixture';

/**
 * A cluster at `from` whose members report `to` once their SSM invocation has succeeded, and whose
 * workers report `to` once their group's refresh has run.
 */
function clusterScript(from: string, to: string, overrides: Script = [], applyRollsWorkers = false): Script {
  const upgraded = new Set<string>();
  let refreshed = false;
  const instanceOf = (call: RecordedCall) => call.args[call.args.indexOf('--instance-id') + 1];
  return [
    ...overrides,
    { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(KOPS_OUTPUTS) }] },
    ...ADMIN_SESSION,
    {
      match: 'terraform apply',
      results: () => {
        // The launch templates changed (e.g. the bootstrap's hash): the apply's own refresh rolls the workers.
        if (applyRollsWorkers) refreshed = true;
        return {};
      },
    },
    { match: 'terraform' },
    { match: 'aws s3 cp --only-show-errors --region us-east-1 s3://orquesta-demo-state-abc/control-plane/admin.conf' },
    { match: 'aws ec2 describe-instances', results: [{ stdout: DESCRIBE_MEMBERS }] },
    {
      match: /get node \S+ -o 'jsonpath=\{\.status\.nodeInfo\.kubeletVersion\}'$/,
      results: (call) => {
        const node = call.args[call.args.indexOf('node') + 1];
        const id = MEMBERS.find((m) => m[1] === node)![0];
        return { stdout: upgraded.has(id) ? to : from };
      },
    },
    {
      match: /get nodes -o 'jsonpath=/,
      results: () => ({
        stdout: [
          ...MEMBERS.map((m) => `${m[1]}\t${upgraded.has(m[0]) ? to : from}`),
          ...WORKERS.map((w) => `${w}\t${refreshed ? to : from}`),
        ].join('\n'),
      }),
    },
    { match: /get --raw \/readyz$/, results: [{ stdout: 'ok' }] },
    ...etcdHealthy(),
    { match: /kubectl --kubeconfig \S+ (drain|uncordon) / },
    { match: 'aws ssm send-command', results: (_c, i) => ({ stdout: `cmd-${i + 1}\n` }) },
    {
      match: /aws ssm get-command-invocation .* --query Status /,
      results: (call) => {
        upgraded.add(instanceOf(call));
        return { stdout: 'Success\n' };
      },
    },
    { match: 'aws s3 cp --only-show-errors --sse AES256 --region us-east-1 - s3://orquesta-demo-state-abc/nodes/kubernetes-version' },
    { match: 'aws ec2 describe-launch-template-versions', results: [{ stdout: `${SUMS}\n` }] },
    {
      match: 'aws autoscaling describe-auto-scaling-groups',
      results: [{ stdout: 'orquesta-demo-kops-nodes-apps-20261201000000000000000001\tapps\n' }],
    },
    { match: /describe-instance-refreshes .*Pending/, results: [{ stdout: '' }] },
    { match: 'aws autoscaling start-instance-refresh', results: [{ stdout: 'refresh-1\n' }] },
    {
      match: /describe-instance-refreshes .*--instance-refresh-ids refresh-1/,
      results: () => {
        refreshed = true;
        return { stdout: 'Successful\n' };
      },
    },
  ];
}

const kops = new KopsTarget();
const SUMS = 'ab'.repeat(32);
const spec136 = exampleSpec({ cluster: { kubernetesVersion: '1.36' } });

function upgradeCtx(runner: RecordingRunner, overrides: Partial<Parameters<typeof upgradeKops>[1]> = {}) {
  const root = dayTwoRoot();
  const ctx = context(root, runner);
  return {
    root,
    ctx,
    full: {
      ...ctx,
      spec: spec136,
      rerun: 'orquesta upgrade --target kops --to 1.36 --yes',
      to: '1.36',
      yes: true,
      interactive: false,
      ...overrides,
    },
  };
}

describe('orquesta upgrade --target kops', () => {
  it('upgrades the members one at a time behind API and etcd gates, publishes the version, applies, then rolls the workers', async () => {
    const runner = new RecordingRunner(clusterScript('v1.35.4', 'v1.36.0'));
    const { root, ctx, full } = upgradeCtx(runner);
    expect(await upgradeKops(kops, full)).toBe('upgraded');

    const lines = linesOf(runner, root);
    const kc = '--kubeconfig <root>/.orquesta/kube/kops.yaml';
    // The order that matters, command by command (status polls are matched by index below).
    const significant = lines.filter((l) =>
      /drain|uncordon|send-command|kubernetes-version|terraform (plan|apply)|start-instance-refresh/.test(l),
    );
    expect(significant.map((l) => l.replace(/--parameters .* --query/, '--parameters <script> --query'))).toEqual([
      `kubectl ${kc} drain ip-10-0-1-10.ec2.internal --ignore-daemonsets --delete-emptydir-data --timeout=1500s`,
      "aws ssm send-command --region us-east-1 --document-name AWS-RunShellScript --comment 'orquesta upgrade orquesta-demo to 1.36.0' --instance-ids i-0a --parameters <script> --query Command.CommandId --output text",
      `kubectl ${kc} uncordon ip-10-0-1-10.ec2.internal`,
      `kubectl ${kc} drain ip-10-0-2-10.ec2.internal --ignore-daemonsets --delete-emptydir-data --timeout=1500s`,
      "aws ssm send-command --region us-east-1 --document-name AWS-RunShellScript --comment 'orquesta upgrade orquesta-demo to 1.36.0' --instance-ids i-0b --parameters <script> --query Command.CommandId --output text",
      `kubectl ${kc} uncordon ip-10-0-2-10.ec2.internal`,
      `kubectl ${kc} drain ip-10-0-3-10.ec2.internal --ignore-daemonsets --delete-emptydir-data --timeout=1500s`,
      "aws ssm send-command --region us-east-1 --document-name AWS-RunShellScript --comment 'orquesta upgrade orquesta-demo to 1.36.0' --instance-ids i-0c --parameters <script> --query Command.CommandId --output text",
      `kubectl ${kc} uncordon ip-10-0-3-10.ec2.internal`,
      'aws s3 cp --only-show-errors --sse AES256 --region us-east-1 - s3://orquesta-demo-state-abc/nodes/kubernetes-version',
      'terraform plan -input=false -out=orquesta.tfplan',
      'terraform apply -input=false -auto-approve orquesta.tfplan',
      "aws ssm send-command --region us-east-1 --document-name AWS-RunShellScript --comment 'orquesta upgrade orquesta-demo: add-ons' --instance-ids i-0a --parameters <script> --query Command.CommandId --output text",
      'aws autoscaling start-instance-refresh --auto-scaling-group-name orquesta-demo-kops-nodes-apps-20261201000000000000000001 --strategy Rolling --preferences \'{"MinHealthyPercentage":100,"MaxHealthyPercentage":134,"InstanceWarmup":300,"SkipMatching":false}\' --query InstanceRefreshId --output text --region us-east-1',
    ]);

    // The add-ons are re-applied only after the index is checked against the launch template's hash.
    const addons = runner.calls.find((c) => c.line.includes("'orquesta upgrade orquesta-demo: add-ons'"))!;
    const addonScript = (JSON.parse(addons.args[addons.args.indexOf('--parameters') + 1]) as { commands: string[] }).commands[0];
    expect(addonScript).toContain(
      `echo '${SUMS}  /etc/orquesta/SHA256SUMS.new' | sha256sum -c --quiet -\nmv /etc/orquesta/SHA256SUMS.new /etc/orquesta/SHA256SUMS\napply_cluster_addons`,
    );
    expect(addonScript).toContain('s3_get bootstrap/control-plane.SHA256SUMS > /etc/orquesta/SHA256SUMS.new');

    // kubeadm upgrade apply on the first member only, upgrade node on the others, exact packages everywhere.
    const scripts = runner.calls
      .filter((c) => c.line.startsWith('aws ssm send-command') && !c.line.includes(': add-ons'))
      .map((c) => (JSON.parse(c.args[c.args.indexOf('--parameters') + 1]) as { commands: string[] }).commands[0]);
    expect(scripts[0]).toContain('kubeadm upgrade plan v1.36.0\nkubeadm upgrade apply -y v1.36.0');
    for (const s of scripts.slice(1)) {
      expect(s).toContain('kubeadm upgrade node');
      expect(s).not.toContain('upgrade apply');
    }
    for (const s of scripts) {
      expect(s).toContain('https://pkgs.k8s.io/core:/stable:/v1.36/deb/ /');
      expect(s).toContain('kubeadm=1.36.0-1.1');
      expect(s).toContain('kubelet=1.36.0-1.1 kubectl=1.36.0-1.1');
      expect(s.indexOf('kubeadm upgrade')).toBeLessThan(s.indexOf('kubelet=1.36.0-1.1'));
    }

    // After each member: its kubelet version, /readyz and etcd health + member list, before the next drain.
    const drainOf = (node: string) => lines.findIndex((l) => l.includes(`drain ${node}`));
    for (let i = 0; i < MEMBERS.length - 1; i += 1) {
      const between = lines.slice(drainOf(MEMBERS[i][1]), drainOf(MEMBERS[i + 1][1]));
      expect(between.some((l) => l.endsWith(`get node ${MEMBERS[i][1]} -o 'jsonpath={.status.nodeInfo.kubeletVersion}'`))).toBe(true);
      expect(between.some((l) => l.endsWith('get --raw /readyz'))).toBe(true);
      expect(
        between.some((l) => l.includes(`exec etcd-${MEMBERS[i][1]} -- etcdctl`) && l.endsWith('endpoint health --cluster -w json')),
      ).toBe(true);
      expect(between.some((l) => l.includes(`exec etcd-${MEMBERS[i][1]} -- etcdctl`) && l.endsWith('member list -w json'))).toBe(true);
    }
    // The version file carries exactly the pin.
    const published = runner.calls.find((c) => c.line.includes('nodes/kubernetes-version'))!;
    expect(published.options.input).toBe('K8S_MINOR=1.36\nK8S_VERSION=1.36.0\nK8S_PACKAGE_VERSION=1.36.0-1.1\n');
    expect(ctx.io.stdout).toContain('✓ orquesta-demo runs Kubernetes 1.36.0 on every node');
    // The admin kubeconfig comes with the admin role's session; the version file (SSE-S3) with the caller's identity.
    expect(
      runner.calls.find((c) => c.line.endsWith('control-plane/admin.conf <root>/.orquesta/kube/kops.yaml'.replace('<root>', root)))!.options
        .env,
    ).toEqual(ADMIN_ENV);
    expect(published.options.env).toEqual({});
  });

  it("starts no second roll when the apply's own refresh already replaced the workers", async () => {
    const runner = new RecordingRunner(clusterScript('v1.35.4', 'v1.36.0', [], true));
    const { root, ctx, full } = upgradeCtx(runner);
    expect(await upgradeKops(kops, full)).toBe('upgraded');
    expect(linesOf(runner, root).filter((l) => l.includes('start-instance-refresh'))).toEqual([]);
    expect(ctx.io.stdout).toContain('      orquesta-demo-kops-nodes-apps-20261201000000000000000001: its nodes already run v1.36.0');
  });

  it('refuses to skip a minor, after read-only commands only', async () => {
    const runner = new RecordingRunner(clusterScript('v1.34.7', 'v1.36.0'));
    const { root, ctx, full } = upgradeCtx(runner);
    expect(await upgradeKops(kops, full)).toBe('refused');
    expect(ctx.io.stderr.join('\n')).toContain('kubeadm upgrades one minor at a time: upgrade to 1.35 first');
    expect(
      linesOf(runner, root).filter((l) => /send-command|drain|terraform (plan|apply)|start-instance-refresh|s3 cp .* - /.test(l)),
    ).toEqual([]);
  });

  it('stops before the next member when etcd is not healthy after an upgrade', async () => {
    let healthChecks = 0;
    const runner = new RecordingRunner(
      clusterScript('v1.35.4', 'v1.36.0', [
        {
          match: /endpoint health --cluster -w json$/,
          results: () => {
            healthChecks += 1;
            // Healthy at preflight, then member 1 of 3 stays unhealthy.
            return healthChecks === 1
              ? { stdout: JSON.stringify(MEMBERS.map((m) => ({ endpoint: m[2], health: true }))) }
              : { stdout: JSON.stringify(MEMBERS.map((m, i) => ({ endpoint: m[2], health: i !== 1 }))) };
          },
        },
      ]),
    );
    const { root, ctx, full } = upgradeCtx(runner);
    expect(await upgradeKops(kops, full)).toBe('failed');
    expect(linesOf(runner, root).filter((l) => l.includes('send-command'))).toHaveLength(1);
    expect(ctx.io.stderr.join('\n')).toMatch(
      /etcd health via etcd-ip-10-0-1-10.ec2.internal did not pass: 2\/3 endpoints healthy \(not: 10.0.2.10\)/,
    );
  });

  it('does nothing when every node already runs the pinned version', async () => {
    const runner = new RecordingRunner(clusterScript('v1.36.0', 'v1.36.0'));
    const { root, full } = upgradeCtx(runner);
    expect(await upgradeKops(kops, full)).toBe('up-to-date');
    expect(linesOf(runner, root).filter((l) => /send-command|drain|terraform apply|start-instance-refresh/.test(l))).toEqual([]);
  });

  it('refuses without --yes when nobody can be asked', async () => {
    const runner = new RecordingRunner(clusterScript('v1.35.4', 'v1.36.0'));
    const { root, full } = upgradeCtx(runner, { yes: false });
    expect(await upgradeKops(kops, full)).toBe('refused');
    expect(linesOf(runner, root).filter((l) => /send-command|drain/.test(l))).toEqual([]);
  });
});

describe('upgrade refusals', () => {
  test.each([
    ['1.35', '1.36', undefined],
    ['1.35', '1.35', undefined],
    ['1.34', '1.36', 'upgrade to 1.35 first'],
    ['1.36', '1.35', 'does not downgrade'],
  ])('running %s, --to %s', (current, to, refusal) => {
    const r = skewRefusal(current, to);
    if (refusal === undefined) expect(r).toBeUndefined();
    else expect(r).toContain(refusal);
  });

  it('refuses a minor without pins and a --to that differs from the spec, before anything runs', () => {
    expect(upgradeRefusals('1.33', '1.33')).toEqual(['--to 1.33: the kops target pins 1.34, 1.35, 1.36']);
    expect(upgradeRefusals('1.35', '1.36')[0]).toContain('differs from cluster.kubernetesVersion (1.35)');
  });
});
