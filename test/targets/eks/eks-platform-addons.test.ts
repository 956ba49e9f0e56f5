import type { HelmAddon, ManifestAddon, PlatformAddon, TerraformAddon } from '../../../src/targets/platform-addon';
import { EKS_ADDON_VERSIONS } from '../../../src/targets/eks/eks-managed-addon-catalog';
import {
  AWS_LOAD_BALANCER_CONTROLLER_CHART,
  CLUSTER_AUTOSCALER_CHART,
  outputPlaceholder,
} from '../../../src/targets/eks/eks-platform-addons';
import { EksTarget } from '../../../src/targets/eks/eks-target';
import { exampleSpec, withCluster } from '../../util';
import { synthEks } from './eks-test-util';

const target = new EksTarget();
const byName = (addons: readonly PlatformAddon[], name: string) => {
  const found = addons.find((a) => a.name === name);
  if (!found) throw new Error(`no add-on ${name} in ${addons.map((a) => a.name).join(', ')}`);
  return found;
};

describe('EksTarget.platformAddons()', () => {
  const spec = exampleSpec();
  const addons = target.platformAddons(spec, { vpc_id: 'vpc-0abc' });

  test('managed node groups: the six managed add-ons (terraform), then the LB controller and cluster-autoscaler (helm), then the AMP collector RBAC', () => {
    expect(addons.map((a) => [a.name, a.delivery])).toEqual([
      ['vpc-cni', 'terraform'],
      ['kube-proxy', 'terraform'],
      ['eks-pod-identity-agent', 'terraform'],
      ['coredns', 'terraform'],
      ['aws-ebs-csi-driver', 'terraform'],
      ['metrics-server', 'terraform'],
      ['aws-load-balancer-controller', 'helm'],
      ['cluster-autoscaler', 'helm'],
      ['amp-collector-rbac', 'manifests'],
    ]);
  });

  test('terraform add-ons name the address the stack really has, at the pinned version', () => {
    const { json } = synthEks();
    for (const addon of addons.filter((a): a is TerraformAddon => a.delivery === 'terraform')) {
      const [type, id] = addon.address.split('.');
      expect(json.resource[type][id]).toEqual(expect.objectContaining({ addon_name: addon.name, addon_version: addon.version }));
      expect(addon.version).toBe(EKS_ADDON_VERSIONS['1.35'][addon.name as keyof (typeof EKS_ADDON_VERSIONS)['1.35']]);
    }
  });

  test('the AWS Load Balancer Controller: pinned chart, region, VPC id and cluster name in values (no IMDS), the Pod Identity ServiceAccount', () => {
    const lb = byName(addons, 'aws-load-balancer-controller') as HelmAddon;
    expect(lb).toEqual(
      expect.objectContaining({
        repository: 'https://aws.github.io/eks-charts',
        chart: 'aws-load-balancer-controller',
        version: AWS_LOAD_BALANCER_CONTROLLER_CHART.version,
        namespace: 'kube-system',
        footprint: { replicas: { count: 2, cpuMillicores: 100, memoryMiB: 128 } },
      }),
    );
    expect(lb.values).toEqual(
      expect.objectContaining({
        clusterName: 'orquesta-demo',
        region: 'us-east-1',
        vpcId: 'vpc-0abc',
        serviceAccount: { create: true, name: 'aws-load-balancer-controller' },
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
      }),
    );
    expect(lb.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lb.source).toMatch(/^https:\/\/github\.com\/kubernetes-sigs\/aws-load-balancer-controller\/.+2026-12-01$/);
  });

  test('before apply the VPC id is a visible placeholder, never a guess', () => {
    const lb = byName(target.platformAddons(spec, {}), 'aws-load-balancer-controller') as HelmAddon;
    expect(lb.values.vpcId).toBe(outputPlaceholder('vpc_id'));
  });

  test('cluster-autoscaler: auto-discovery of this cluster, region in values, the image of the cluster minor', () => {
    const ca = byName(addons, 'cluster-autoscaler') as HelmAddon;
    expect(ca).toEqual(
      expect.objectContaining({
        repository: 'https://kubernetes.github.io/autoscaler',
        chart: 'cluster-autoscaler',
        version: CLUSTER_AUTOSCALER_CHART.version,
        footprint: { replicas: { count: 1, cpuMillicores: 100, memoryMiB: 300 } },
      }),
    );
    expect(ca.values).toEqual(
      expect.objectContaining({
        cloudProvider: 'aws',
        awsRegion: 'us-east-1',
        autoDiscovery: { clusterName: 'orquesta-demo' },
        image: { tag: 'v1.35.2' },
        rbac: { serviceAccount: { create: true, name: 'cluster-autoscaler' } },
      }),
    );
    const next = byName(target.platformAddons(withCluster({ kubernetesVersion: '1.36' }), {}), 'cluster-autoscaler') as HelmAddon;
    expect((next.values.image as { tag: string }).tag).toMatch(/^v1\.36\./);
    // Every minor the add-on table pins has an autoscaler release.
    expect(Object.keys(CLUSTER_AUTOSCALER_CHART.imageTags).sort()).toEqual(Object.keys(EKS_ADDON_VERSIONS).sort());
  });

  test('Auto Mode: metrics-server and the NodePool manifests; no LB controller, CSI driver or autoscaler', () => {
    const auto = target.platformAddons(withCluster({ eks: { mode: 'auto' } }), {});
    expect(auto.map((a) => a.name)).toEqual(['metrics-server', 'eks-auto-mode-node-pools', 'amp-collector-rbac']);
    const pools = byName(auto, 'eks-auto-mode-node-pools') as ManifestAddon;
    expect(pools.objects.map((o) => o.kind)).toEqual(['ConfigMap', 'NodeClass', 'NodePool', 'IngressClassParams', 'IngressClass']);
  });

  test('without prometheus monitoring there is no collector RBAC', () => {
    const none = target.platformAddons(exampleSpec({ workload: { monitoring: { type: 'none' } } }), {});
    expect(none.map((a) => a.name)).not.toContain('amp-collector-rbac');
  });

  test('every add-on has a realistic footprint, a version and a dated source', () => {
    for (const addon of addons) {
      expect(addon.version.length).toBeGreaterThan(0);
      expect(addon.source).toMatch(/20\d\d-\d\d/);
      const { perNode, replicas } = addon.footprint;
      for (const r of [perNode, replicas]) {
        if (!r) continue;
        expect(r.cpuMillicores).toBeGreaterThanOrEqual(0);
        expect(r.cpuMillicores).toBeLessThan(1000);
        expect(r.memoryMiB).toBeLessThan(1024);
      }
    }
    const total = addons.reduce(
      (sum, a) => sum + (a.footprint.replicas ? a.footprint.replicas.count * a.footprint.replicas.cpuMillicores : 0),
      0,
    );
    // coredns 2x100 + EBS CSI 2x50 + metrics-server 100 + LB controller 2x100 + autoscaler 100
    expect(total).toBe(700);
  });
});
