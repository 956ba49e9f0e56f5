import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KOPS_CERT_RENEWAL, KOPS_ETCD_SNAPSHOT_EVERY, controlPlaneDay2Jobs } from '../../../src/targets/kops/user-data/day2-jobs';
import { CONTROL_PLANE_JOBS, installPeriodicJobs } from '../../../src/targets/kops/user-data/systemd-units';
import { KOPS_DRAIN_HOOK } from '../../../src/targets/kops/kops-worker-roll';

/** Runs the generated install commands with the system paths moved under a temp dir; returns that dir. */
function installInto(member: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-units-'));
  const commands = installPeriodicJobs(CONTROL_PLANE_JOBS)
    .split('/usr/local/sbin/')
    .join(`${dir}/sbin/`)
    .split('/etc/systemd/system/')
    .join(`${dir}/units/`);
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', commands], {
    encoding: 'utf8',
    env: { ...process.env, ETCD_MEMBER: String(member) },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return dir;
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('control-plane day-2 timers', () => {
  const dir = installInto(2);

  test('every job is installed as a script, a oneshot service and a timer, and every script is valid bash', () => {
    expect(CONTROL_PLANE_JOBS.map((j) => j.name)).toEqual([
      'orquesta-etcd-snapshot',
      'orquesta-renew-certificates',
      'orquesta-check-certificates',
      'orquesta-drain-terminating',
    ]);
    for (const job of CONTROL_PLANE_JOBS) {
      const script = path.join(dir, 'sbin', job.name);
      expect(fs.statSync(script).mode & 0o777).toBe(0o755);
      expect(spawnSync('bash', ['-n', script], { encoding: 'utf8' }).status).toBe(0);
      expect(read(dir, `units/${job.name}.service`)).toContain(`Type=oneshot\nExecStart=${dir}/sbin/${job.name}\n`);
      expect(read(dir, `sbin/${job.name}`)).not.toContain('${');
    }
  });

  test('etcd is snapshotted every 15 minutes; only the leader uploads', () => {
    expect(KOPS_ETCD_SNAPSHOT_EVERY).toBe('15min');
    expect(read(dir, 'units/orquesta-etcd-snapshot.timer')).toContain('OnActiveSec=15min\nOnUnitActiveSec=15min\n');
    const script = read(dir, 'sbin/orquesta-etcd-snapshot');
    expect(script).toContain('etcdctl --endpoints=https://127.0.0.1:2379');
    expect(script).toContain('snapshot save /var/lib/etcd/orquesta-snapshot.db');
    expect(script).toMatch(
      /if \[ -n "\$member" \] && \[ "\$member" = "\$leader" \]; then\n  s3_put "etcd-backups\/etcd-\$stamp-member-\$ETCD_MEMBER\.db"/,
    );
  });

  test("certificates are renewed monthly on the member's own day, which systemd accepts", () => {
    const timer = read(dir, 'units/orquesta-renew-certificates.timer');
    expect(timer).toContain('OnCalendar=*-*-11 03:00:00 UTC\nPersistent=true\n');
    expect(KOPS_CERT_RENEWAL.calendarOfMember(2)).toBe('*-*-11 03:00:00 UTC');
    expect([0, 1, 2, 3, 4].map(KOPS_CERT_RENEWAL.calendarOfMember).map((c) => c.slice(4, 6))).toEqual(['01', '06', '11', '16', '21']);
    const analyzed = spawnSync('systemd-analyze', ['calendar', '*-*-11 03:00:00 UTC'], { encoding: 'utf8' });
    expect(analyzed.status).toBe(0);
    const script = read(dir, 'sbin/orquesta-renew-certificates');
    const order = [
      'kubeadm certs check-expiration',
      'kubeadm certs renew all',
      'for pod in etcd kube-apiserver kube-controller-manager kube-scheduler; do',
      'get --raw /readyz',
      's3_put control-plane/admin.conf',
    ];
    const positions = order.map((s) => script.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('the daily expiry check fails on a certificate that expires within 30 days', () => {
    const job = controlPlaneDay2Jobs().find((j) => j.name === 'orquesta-check-certificates')!;
    expect(job.schedule).toEqual({ calendar: 'daily' });
    const pki = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-pki-'));
    fs.mkdirSync(path.join(pki, 'pki', 'etcd'), { recursive: true });
    const cert = (name: string, days: number) =>
      spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=t',
        '-days',
        String(days),
        '-keyout',
        path.join(pki, `${name}.key`),
        '-out',
        path.join(pki, 'pki', `${name}.crt`),
      ]);
    cert('apiserver', 365);
    for (const conf of ['admin.conf', 'controller-manager.conf', 'scheduler.conf'])
      fs.writeFileSync(path.join(pki, conf), 'apiVersion: v1\n');
    const body = job.body.split('/etc/kubernetes/').join(`${pki}/`);
    const run = () =>
      spawnSync('bash', ['-euo', 'pipefail', '-c', `logger() { echo "logger $*"; }\nETCD_MEMBER=0\n${body}`], { encoding: 'utf8' });
    expect(run().status).toBe(0);
    cert('front-proxy-client', 10);
    const failing = run();
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('logger -p err -t orquesta-certificates certificates expiring within 30 days on member 0:');
    expect(failing.stdout).toContain('front-proxy-client.crt');
  });
});

describe('the drain job', () => {
  test('cordons and drains each instance in Terminating:Wait, then completes its lifecycle hook', () => {
    const job = controlPlaneDay2Jobs().find((j) => j.name === 'orquesta-drain-terminating')!;
    expect(job.schedule).toEqual({ interval: '1min' });
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-bin-'));
    const log = path.join(bin, 'calls.log');
    const stub = (name: string, body: string) =>
      fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> ${log}\n${body}\n`, { mode: 0o755 });
    stub(
      'aws',
      `case "$*" in
  *"--filters"*) echo 'nodes-a nodes-b' ;;
  *"--auto-scaling-group-names nodes-a"*) echo 'i-1 i-2' ;;
  *"--auto-scaling-group-names nodes-b"*) echo '' ;;
  *"--instance-ids i-1"*) echo 'ip-10-0-1-5.ec2.internal' ;;
  *"--instance-ids i-2"*) echo 'ip-10-0-2-5.ec2.internal' ;;
esac`,
    );
    // i-2's Node is already gone: nothing to drain, but its hook is still completed.
    stub('kubectl', `if [ "$1 $2" = "get node" ] && [ "$3" = ip-10-0-2-5.ec2.internal ]; then exit 1; fi`);
    stub('logger', '');
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', `CLUSTER_NAME=demo\n${job.body}`], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.filter((c) => !c.startsWith('aws autoscaling describe') && !c.startsWith('aws ec2'))).toEqual([
      'kubectl get node ip-10-0-1-5.ec2.internal',
      'kubectl cordon ip-10-0-1-5.ec2.internal',
      `kubectl drain ip-10-0-1-5.ec2.internal --ignore-daemonsets --delete-emptydir-data --timeout=${KOPS_DRAIN_HOOK.drainTimeoutSeconds}s`,
      'aws autoscaling complete-lifecycle-action --auto-scaling-group-name nodes-a --lifecycle-hook-name orquesta-drain --instance-id i-1 --lifecycle-action-result CONTINUE',
      'kubectl get node ip-10-0-2-5.ec2.internal',
      'aws autoscaling complete-lifecycle-action --auto-scaling-group-name nodes-a --lifecycle-hook-name orquesta-drain --instance-id i-2 --lifecycle-action-result CONTINUE',
    ]);
    expect(calls[0]).toBe(
      'aws autoscaling describe-auto-scaling-groups --filters Name=tag:orquesta-cluster,Values=demo Name=tag:orquesta.dev/role,Values=worker --query AutoScalingGroups[].AutoScalingGroupName --output text',
    );
  });
});
