import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KOPS_STATE_KEYS } from '../../../src/targets/kops/kops-defaults';
import {
  KOPS_CONTAINERD,
  KOPS_KUBERNETES_PINS,
  containerdPackageVersion,
  kopsKubernetesPin,
  validateKopsKubernetesVersion,
} from '../../../src/targets/kops/kops-versions';
import { bootstrapObjects, controlPlaneUserData, workerUserData } from '../../../src/targets/kops/user-data/bootstrap-script';
import { CLUSTER_VERSION_KEY, clusterVersionFunctions } from '../../../src/targets/kops/user-data/cluster-version';

const cluster = { clusterName: 'orquesta-demo', kubernetesVersion: '1.35' };

describe('version pins', () => {
  test.each(KOPS_KUBERNETES_PINS.map((p) => [p.minor, p] as const))(
    '%s: an exact patch and its pkgs.k8s.io package version, with a source',
    (minor, pin) => {
      expect(pin.kubernetes).toMatch(new RegExp(`^${minor.replace('.', '\\.')}\\.\\d+$`));
      expect(pin.packageVersion).toBe(`${pin.kubernetes}-1.1`);
      expect(pin.source).toMatch(
        /^https:\/\/github\.com\/kubernetes\/kubernetes\/blob\/master\/CHANGELOG\/CHANGELOG-1\.\d+\.md .*read 2026-12-01/,
      );
    },
  );

  test('the supported minors are consecutive, so every upgrade is one minor', () => {
    const minors = KOPS_KUBERNETES_PINS.map((p) => Number(p.minor.split('.')[1]));
    expect(minors).toEqual(minors.map((_, i) => minors[0] + i));
    expect(kopsKubernetesPin('1.35')).toMatchObject({ kubernetes: '1.35.4', packageVersion: '1.35.4-1.1' });
    expect(() => kopsKubernetesPin('1.30')).toThrow('kops: Kubernetes 1.30 has no pinned patch release; supported: 1.34, 1.35, 1.36');
    expect(validateKopsKubernetesVersion('1.31')).toEqual([
      expect.objectContaining({
        path: 'cluster.kubernetesVersion',
        value: '1.31',
        requirement: expect.stringContaining('(1.34, 1.35, 1.36)'),
      }),
    ]);
    expect(containerdPackageVersion('22.04', 'jammy')).toBe(`${KOPS_CONTAINERD.version}-1~ubuntu.22.04~jammy`);
  });
});

describe("every node installs the control plane's version", () => {
  test("a control-plane member carries the pins of its launch template (used on the cluster's first boot)", () => {
    const ud = controlPlaneUserData({ ...cluster, etcdMember: 0, controlPlaneCount: 3 });
    expect(ud).toContain("K8S_MINOR='1.35'\nK8S_VERSION='1.35.4'\nK8S_PACKAGE_VERSION='1.35.4-1.1'\nCONTAINERD_VERSION='2.2.1-1'");
  });

  test('a worker launch template carries no Kubernetes version: the same user data for any kubernetesVersion', () => {
    const a = workerUserData({ ...cluster, poolName: 'apps' });
    const b = workerUserData({ ...cluster, kubernetesVersion: '1.36', poolName: 'apps' });
    expect(a).toBe(b);
    expect(a).not.toMatch(/K8S_/);
    expect(a).toContain("CONTAINERD_VERSION='2.2.1-1'");
  });

  test('nodes read the version before installing, member 0 publishes it right after kubeadm init, and the install is exact', () => {
    const objects = bootstrapObjects(cluster);
    const node = objects[KOPS_STATE_KEYS.nodeScript];
    const cp = objects[KOPS_STATE_KEYS.controlPlaneScript];
    for (const script of [node, cp]) expect(script).toContain('discover_node\nload_cluster_version\ninstall_kubernetes_packages\n');
    expect(cp).toContain('kubeadm init --config /etc/orquesta/kubeadm-init.yaml\n  publish_cluster_version\n');
    const lib = objects[KOPS_STATE_KEYS.nodeLibrary];
    expect(lib).toContain('apt-get install -y -q --allow-downgrades $(kubernetes_package_pins)');
    expect(lib).not.toMatch(/apt-get install[^\n]*containerd\.io kubelet kubeadm kubectl/);
    expect(CLUSTER_VERSION_KEY).toBe('nodes/kubernetes-version');
  });
});

/** Runs the cluster-version functions with the bucket and node.env faked under a temp dir. */
function runVersionFunctions(script: string, bucket: Record<string, string>, env: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-version-'));
  fs.mkdirSync(path.join(dir, 's3', 'nodes'), { recursive: true });
  for (const [key, value] of Object.entries(bucket)) fs.writeFileSync(path.join(dir, 's3', key), value);
  fs.writeFileSync(path.join(dir, 'node.env'), env);
  fs.writeFileSync(path.join(dir, 'os-release'), 'VERSION_ID="22.04"\nVERSION_CODENAME=jammy\n');
  const functions = clusterVersionFunctions().split('/etc/orquesta/').join(`${dir}/`).split('/etc/os-release').join(`${dir}/os-release`);
  const prelude = `
s3_exists() { [ -f "${dir}/s3/$1" ]; }
s3_get() { cat "${dir}/s3/$1"; }
s3_put() { cat > "${dir}/s3/$1"; }
wait_for_object() { echo "waited for $1" >&2; s3_exists "$1"; }
env_value() { sed -n "s/^$2=//p" "$1" | head -n 1; }
load_node_env() { set -a; . "${dir}/node.env"; set +a; }
STATE_BUCKET=b
load_node_env
`;
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', `${prelude}\n${functions}\n${script}`], { encoding: 'utf8' });
  return { ...result, dir, env: () => fs.readFileSync(path.join(dir, 'node.env'), 'utf8') };
}

describe('cluster-version shell functions', () => {
  const published = 'K8S_MINOR=1.35\nK8S_VERSION=1.35.4\nK8S_PACKAGE_VERSION=1.35.4-1.1\n';

  test('a worker takes the published version, whatever its launch template was built for', () => {
    const r = runVersionFunctions(
      'load_cluster_version; kubernetes_package_pins',
      { [CLUSTER_VERSION_KEY]: published },
      'NODE_ROLE=node\nCONTAINERD_VERSION=2.2.1-1\n',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('containerd.io=2.2.1-1~ubuntu.22.04~jammy kubelet=1.35.4-1.1 kubeadm=1.35.4-1.1 kubectl=1.35.4-1.1');
  });

  test('a control-plane member replaces its launch-template pins with the published ones; on the first boot it keeps them and publishes them', () => {
    const cpEnv =
      'NODE_ROLE=control-plane\nK8S_MINOR=1.36\nK8S_VERSION=1.36.0\nK8S_PACKAGE_VERSION=1.36.0-1.1\nCONTAINERD_VERSION=2.2.1-1\n';
    const replaced = runVersionFunctions('load_cluster_version; echo "$K8S_VERSION"', { [CLUSTER_VERSION_KEY]: published }, cpEnv);
    expect(replaced.stdout.trim()).toBe('1.35.4');
    expect(replaced.env().match(/^K8S_VERSION=.*$/gm)).toEqual(['K8S_VERSION=1.35.4']);

    const first = runVersionFunctions('load_cluster_version; publish_cluster_version', {}, cpEnv);
    expect(first.stderr).toBe('');
    expect(fs.readFileSync(path.join(first.dir, 's3', CLUSTER_VERSION_KEY), 'utf8')).toBe(
      'K8S_MINOR=1.36\nK8S_VERSION=1.36.0\nK8S_PACKAGE_VERSION=1.36.0-1.1\n',
    );
  });

  test('a malformed version file stops the boot', () => {
    const r = runVersionFunctions(
      'load_cluster_version',
      { [CLUSTER_VERSION_KEY]: 'K8S_MINOR=1.35\nK8S_VERSION=$(reboot)\nK8S_PACKAGE_VERSION=x\n' },
      'NODE_ROLE=node\n',
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("K8S_VERSION has no version ('$(reboot)')");
  });
});
