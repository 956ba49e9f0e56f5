import { spawnSync } from 'child_process';
import { TerraformStack, Testing } from 'cdktf';
import { KopsStateBucket } from '../../../src/targets/kops/kops-state-bucket';
import { KOPS_CALICO_VERSION, KOPS_STATE_KEYS } from '../../../src/targets/kops/kops-defaults';
import { KOPS_KUBE_RESERVED, KOPS_MAX_PODS, KOPS_SYSTEM_RESERVED } from '../../../src/targets/kops/node-allocatable';
import { bootstrapObjects, controlPlaneUserData, workerUserData } from '../../../src/targets/kops/user-data/bootstrap-script';
import { kubeadmApiVersion } from '../../../src/targets/kops/user-data/kubeadm-config';
import { EC2_USER_DATA_MAX_BYTES, fromUserData, shellQuote, toUserData, writeFileCommand } from '../../../src/targets/kops/user-data/shell';

const cluster = { clusterName: 'orquesta-demo', kubernetesVersion: '1.35' };
const objects = bootstrapObjects(cluster);
const scripts: Array<[string, string]> = [
  ['control-plane member 0 of 3', controlPlaneUserData({ ...cluster, etcdMember: 0, controlPlaneCount: 3 })],
  ['control-plane member 2 of 3', controlPlaneUserData({ ...cluster, etcdMember: 2, controlPlaneCount: 3 })],
  ['control-plane member 0 of 1', controlPlaneUserData({ ...cluster, etcdMember: 0, controlPlaneCount: 1 })],
  ['worker of pool apps', workerUserData({ ...cluster, poolName: 'apps' })],
  [KOPS_STATE_KEYS.nodeLibrary, objects[KOPS_STATE_KEYS.nodeLibrary]],
  [KOPS_STATE_KEYS.controlPlaneScript, objects[KOPS_STATE_KEYS.controlPlaneScript]],
  [KOPS_STATE_KEYS.nodeScript, objects[KOPS_STATE_KEYS.nodeScript]],
];

/** The value a user-data script writes for KEY into node.env. */
function envValue(script: string, key: string): string | undefined {
  return new RegExp(`^${key}='([^']*)'$`, 'm').exec(script)?.[1];
}

describe('kops bootstrap scripts', () => {
  test.each(scripts)('%s is valid bash', (_, script) => {
    const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(scripts.slice(0, 4))('user data of %s is strict, logged, and well inside the EC2 limit', (_, script) => {
    expect(script.split('\n').slice(0, 6)).toEqual(expect.arrayContaining(['#!/bin/bash', 'set -euo pipefail']));
    expect(script).toContain('/var/log/orquesta-bootstrap.log');
    expect(Buffer.byteLength(script)).toBeLessThan(EC2_USER_DATA_MAX_BYTES / 2);
    expect(fromUserData(toUserData(script))).toBe(script);
  });

  test.each(Object.entries(objects))('%s has nothing Terraform would interpolate', (_, content) => {
    expect(content).not.toContain('${');
    expect(content).not.toContain('%{');
  });

  test('node values: member index, member count, minor version, and the pool label on workers', () => {
    const member2 = scripts[1][1];
    expect(envValue(member2, 'ETCD_MEMBER')).toBe('2');
    expect(envValue(member2, 'CONTROL_PLANE_COUNT')).toBe('3');
    expect(envValue(member2, 'K8S_MINOR')).toBe('1.35');
    const worker = scripts[3][1];
    expect(envValue(worker, 'NODE_ROLE')).toBe('node');
    expect(envValue(worker, 'NODE_LABELS')).toBe('orquesta.dev/pool=apps');
    expect(worker).toContain(`s3://$bucket/${KOPS_STATE_KEYS.nodeScript}`);
    expect(member2).toContain(`s3://$bucket/${KOPS_STATE_KEYS.controlPlaneScript}`);
  });

  test('packages come from pkgs.k8s.io for the spec minor; containerd uses the systemd cgroup driver', () => {
    const library = objects[KOPS_STATE_KEYS.nodeLibrary];
    expect(library).toContain('https://pkgs.k8s.io/core:/stable:/v$K8S_MINOR/deb/');
    expect(library).toContain('apt-get install -y -q --allow-downgrades $(kubernetes_package_pins)');
    expect(library).toContain("sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml");
  });

  test('the kubelet reservations are the ones the capacity model uses', () => {
    const library = objects[KOPS_STATE_KEYS.nodeLibrary];
    const kubelet = library.slice(library.indexOf('kind: KubeletConfiguration'));
    expect(kubelet).toContain(`maxPods: ${KOPS_MAX_PODS}`);
    expect(kubelet).toContain(`kubeReserved:\n  cpu: ${KOPS_KUBE_RESERVED.cpuMillicores}m\n  memory: ${KOPS_KUBE_RESERVED.memoryMiB}Mi`);
    expect(kubelet).toContain(
      `systemReserved:\n  cpu: ${KOPS_SYSTEM_RESERVED.cpuMillicores}m\n  memory: ${KOPS_SYSTEM_RESERVED.memoryMiB}Mi`,
    );
  });

  test('member 0 initialises with the internal NLB as control-plane endpoint and no certificate key; the others join', () => {
    const controlPlane = objects[KOPS_STATE_KEYS.controlPlaneScript];
    const library = objects[KOPS_STATE_KEYS.nodeLibrary];
    expect(controlPlane).toContain('kubeadm init --config /etc/orquesta/kubeadm-init.yaml\n');
    expect(controlPlane).not.toContain('--upload-certs');
    expect(controlPlane).toContain('if [ "$ETCD_MEMBER" = 0 ]; then init_cluster; else join_control_plane; fi');
    expect(library).toContain('controlPlaneEndpoint: $API_HOST:443');
    expect(library).toContain('kubeadm join --config /etc/orquesta/kubeadm-join.yaml');
    expect(library).toContain(`https://raw.githubusercontent.com/projectcalico/calico/${KOPS_CALICO_VERSION}/manifests/calico.yaml`);
    expect(controlPlane).toContain('attach_etcd_volume main /dev/xvdf /var/lib/etcd');
    expect(controlPlane).toContain('attach_etcd_volume events /dev/xvdg /var/lib/etcd-events');
    expect(controlPlane).toMatch(/^systemctl enable --now .*orquesta-join-issuer\.timer/m);
    expect(controlPlane).not.toContain('orquesta-publish-join');
  });

  test('etcd volumes are found by this cluster, member, kind and zone', () => {
    expect(objects[KOPS_STATE_KEYS.nodeLibrary]).toContain(
      '"Name=tag:orquesta-cluster,Values=$CLUSTER_NAME" "Name=tag:orquesta.dev/etcd,Values=$kind" "Name=tag:orquesta.dev/etcd-member,Values=$ETCD_MEMBER" "Name=availability-zone,Values=$ZONE"',
    );
  });

  test('the cloud controller manager follows the Kubernetes minor and runs on the host network of control-plane nodes', () => {
    const manifest = bootstrapObjects({ ...cluster, kubernetesVersion: '1.33' })[KOPS_STATE_KEYS.cloudControllerManifest];
    expect(manifest).toContain('image: registry.k8s.io/provider-aws/cloud-controller-manager:v1.33.0');
    expect(manifest).toContain('hostNetwork: true');
    expect(manifest).toContain('--cluster-name=orquesta-demo');
    expect(manifest).toContain('node-role.kubernetes.io/control-plane: ""');
  });

  test.each([
    ['1.29', 'kubeadm.k8s.io/v1beta3', '    node-labels: $NODE_LABELS'],
    ['1.30', 'kubeadm.k8s.io/v1beta3', '    node-labels: $NODE_LABELS'],
    ['1.31', 'kubeadm.k8s.io/v1beta4', '    - name: node-labels\n      value: $NODE_LABELS'],
    ['1.35', 'kubeadm.k8s.io/v1beta4', '    - name: node-labels\n      value: $NODE_LABELS'],
  ])('Kubernetes %s uses %s and its form of kubelet extra args', (kubernetesVersion, apiVersion, labelsArg) => {
    expect(kubeadmApiVersion(kubernetesVersion)).toBe(apiVersion);
    const library = bootstrapObjects({ ...cluster, kubernetesVersion })[KOPS_STATE_KEYS.nodeLibrary];
    expect(library).toContain(`apiVersion: ${apiVersion}\nkind: JoinConfiguration`);
    expect(library).toContain(labelsArg);
  });
});

describe('shell helpers', () => {
  test.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['$HOME `x`', "'$HOME `x`'"],
  ])('shellQuote(%j) is %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
    expect(spawnSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' }).stdout).toBe(value);
  });

  test('writeFileCommand writes content verbatim and refuses its own delimiter', () => {
    expect(writeFileCommand('/tmp/x', 'a $b\n')).toContain("<<'ORQUESTA_EOF'\na $b\nORQUESTA_EOF\nchmod 0644 '/tmp/x'");
    expect(() => writeFileCommand('/tmp/x', 'ORQUESTA_EOF\n')).toThrow("content for /tmp/x contains the line 'ORQUESTA_EOF'");
  });

  test('toUserData refuses scripts over the EC2 limit', () => {
    expect(() => toUserData('#'.repeat(EC2_USER_DATA_MAX_BYTES + 1))).toThrow(
      `user data is ${EC2_USER_DATA_MAX_BYTES + 1} bytes; EC2 accepts at most ${EC2_USER_DATA_MAX_BYTES}`,
    );
  });

  test('the state bucket refuses objects Terraform would interpolate', () => {
    const bucket = new KopsStateBucket(new TerraformStack(Testing.app(), 'bucket'), 'Bucket', {
      clusterName: 'x',
      kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/example',
    });
    expect(() => bucket.addObject('Bad', 'bootstrap/bad.sh', 'echo ${HOME}')).toThrow("contains '${' or '%{'");
  });
});
