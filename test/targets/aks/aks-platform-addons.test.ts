import { Testing } from 'cdktf';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { AksTarget } from '../../../src/targets/aks/aks-target';
import { TEST_NOW, exampleSpec, synthTerraform } from '../../util';

Testing.setupJest();

const target = new AksTarget();

function addonsAndStack(spec: ResolvedAppSpec) {
  const { json } = synthTerraform(target.createStack(Testing.app(), spec, { now: TEST_NOW }));
  return {
    addons: target.platformAddons(spec, {}),
    json,
    names: target
      .platformAddons(spec, {})
      .map((a) => a.name)
      .sort(),
  };
}

const example = addonsAndStack(exampleSpec());
const byName = Object.fromEntries(example.addons.map((a) => [a.name, a]));
const BASE = [
  'azure-cloud-provider',
  'azure-cni-overlay-cilium',
  'azure-disk-csi-driver',
  'azure-file-csi-driver',
  'cluster-autoscaler',
  'container-insights',
  'metrics-server',
];

test('every add-on is provided by the cluster resource itself, with a dated source', () => {
  const [clusterId] = Object.keys(example.json.resource.azurerm_kubernetes_cluster);
  for (const addon of example.addons) {
    expect([addon.name, addon.delivery, addon.delivery === 'terraform' ? addon.address : undefined]).toEqual([
      addon.name,
      'terraform',
      `azurerm_kubernetes_cluster.${clusterId}`,
    ]);
    expect(addon.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(addon.source).toMatch(/^https:\/\/.+\(2026-11\)/);
  }
});

test.each<[string, ResolvedAppSpec, string[]]>([
  ['the example (public Service, Prometheus metrics)', exampleSpec(), [...BASE, 'managed-prometheus']],
  ['no metrics', exampleSpec({ workload: { monitoring: { type: 'none' } } }), BASE],
  [
    'an Ingress',
    exampleSpec({ workload: { exposure: { type: 'ingress', host: 'api.example.com' }, monitoring: { type: 'none' } } }),
    [...BASE, 'application-routing'],
  ],
])('%s', (_name, spec, expected) => {
  const { names, json } = addonsAndStack(spec);
  expect(names).toEqual([...expected].sort());
  const [cluster] = Object.values(json.resource.azurerm_kubernetes_cluster) as Record<string, any>[];
  // Each listed add-on is really switched on in the cluster resource.
  expect(cluster.monitor_metrics !== undefined).toBe(names.includes('managed-prometheus'));
  expect(cluster.web_app_routing !== undefined).toBe(names.includes('application-routing'));
  expect(cluster.oms_agent.msi_auth_for_monitoring_enabled).toBe(true);
  expect(cluster.network_profile.network_policy).toBe('cilium');
});

test('kube-system Deployments run on the system pool: no replica footprint lands on user pools', () => {
  for (const addon of example.addons) expect([addon.name, addon.footprint.replicas]).toEqual([addon.name, undefined]);
});

test.each([
  ['container-insights', { cpuMillicores: 170, memoryMiB: 600 }],
  ['managed-prometheus', { cpuMillicores: 70, memoryMiB: 180 }],
  ['azure-disk-csi-driver', { cpuMillicores: 30, memoryMiB: 60 }],
])('%s reserves %j on every node', (name, perNode) => {
  expect(byName[name].footprint.perNode).toEqual(perNode);
});
