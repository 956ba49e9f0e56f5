import * as fs from 'fs';
import * as YAML from 'yaml';
import { RecordingRunner } from '../../src/lifecycle/command-runner';
import { Kubectl, ROLLOUT_TIMEOUT_SECONDS } from '../../src/lifecycle/kubectl';
import { HELM_TIMEOUT_SECONDS, helmUpgradeCommand, installPlatformAddons } from '../../src/lifecycle/platform-addons-install';
import type { HelmAddon, ManifestAddon, PlatformAddon } from '../../src/targets/platform-addon';
import { fakeAddons } from './addon-fixture';
import { tempRoot } from './lifecycle-fixture';

const byName = <T extends PlatformAddon>(name: string) => fakeAddons({}).find((a) => a.name === name) as T;

async function install(addons: readonly PlatformAddon[], script = [{ match: /^(helm|kubectl) / }]) {
  const root = tempRoot();
  const runner = new RecordingRunner(script);
  const notes: string[] = [];
  await installPlatformAddons(addons, { runner, kubectl: new Kubectl(runner, '/k.yaml'), root, target: 'eks', note: (t) => notes.push(t) });
  return { runner, notes, root };
}

describe('platform add-ons install', () => {
  test('helm: upgrade --install of the pinned chart from an HTTP repository, or an oci:// reference', () => {
    const http = helmUpgradeCommand(byName<HelmAddon>('aws-load-balancer-controller'), '/k.yaml', '/v.yaml');
    expect(http.args).toEqual([
      '--kubeconfig',
      '/k.yaml',
      'upgrade',
      '--install',
      'aws-load-balancer-controller',
      'aws-load-balancer-controller',
      '--repo',
      'https://charts.example.test/eks',
      '--version',
      '1.0.0',
      '--namespace',
      'kube-system',
      '--create-namespace',
      '-f',
      '/v.yaml',
      '--wait',
      '--timeout',
      `${HELM_TIMEOUT_SECONDS}s`,
    ]);
    const oci = helmUpgradeCommand({ ...byName<HelmAddon>('karpenter'), repository: 'oci://registry.example.test/karpenter/' }, '/k', '/v');
    expect(oci.args.slice(4, 7)).toEqual(['karpenter', 'oci://registry.example.test/karpenter/karpenter', '--version']);
    expect(oci.args).not.toContain('--repo');
  });

  test('in the order listed; terraform ones only reported; manifests get their namespace first and a rollout wait', async () => {
    const { runner, notes } = await install(fakeAddons({}));
    expect(runner.lines().map((l) => l.split(' ').slice(0, 6).join(' '))).toEqual([
      'helm --kubeconfig /k.yaml upgrade --install aws-load-balancer-controller',
      'helm --kubeconfig /k.yaml upgrade --install karpenter',
      'kubectl --kubeconfig /k.yaml apply --server-side --field-manager=orquesta',
      'kubectl --kubeconfig /k.yaml rollout status deployment/metrics-server',
    ]);
    const applied = YAML.parseAllDocuments(runner.calls[2].options.input ?? '').map((d) => d.toJS());
    expect(applied.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/metrics',
      'ServiceAccount/metrics-server',
      'Deployment/metrics-server',
    ]);
    expect(runner.lines()[3]).toBe(
      `kubectl --kubeconfig /k.yaml rollout status deployment/metrics-server --namespace metrics --timeout=${ROLLOUT_TIMEOUT_SECONDS}s`,
    );
    expect(notes[0]).toBe('aws-ebs-csi-driver v1.0.0-eksbuild.1 (kube-system): created by terraform as aws_eks_addon.EbsCsi');
  });

  test('manifests in a built-in namespace or with their own Namespace object get no extra one', async () => {
    const base = byName<ManifestAddon>('metrics-server');
    const inKubeSystem: ManifestAddon = {
      ...base,
      namespace: 'kube-system',
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'kube-system' } }],
    };
    const ownNamespace: ManifestAddon = {
      ...base,
      objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metrics', labels: { a: 'b' } } }],
    };
    const { runner } = await install([inKubeSystem, ownNamespace]);
    const kinds = runner.calls.map((c) => YAML.parseAllDocuments(c.options.input ?? '').map((d) => d.toJS().kind));
    expect(kinds).toEqual([['ConfigMap'], ['Namespace']]);
  });

  test('the helm values are written where the command reads them', async () => {
    const { runner } = await install([byName('aws-load-balancer-controller')]);
    const file = runner.calls[0].args[runner.calls[0].args.indexOf('-f') + 1];
    expect(YAML.parse(fs.readFileSync(file, 'utf8'))).toEqual({ clusterName: '<cluster_name>', replicaCount: 2 });
  });

  test('an empty list says so and runs nothing', async () => {
    const { runner, notes } = await install([]);
    expect(runner.calls).toEqual([]);
    expect(notes).toEqual(['none: this target lists no platform add-ons']);
  });
});
