import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildComparison } from '../../../src/analysis/build-comparison';
import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../../src/analysis/inventory/read-synth-output';
import { synthesize } from '../../../src/synth/synthesize';
import type { PlatformAddon } from '../../../src/targets/platform-addon';
import { ALL_TARGETS } from '../../../src/targets/registry';
import { TEST_NOW, exampleSpec } from '../../util';

const ADDONS: PlatformAddon[] = [
  {
    name: 'kube-proxy',
    purpose: 'Service routing',
    version: 'v1.35.0-eksbuild.1',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html (2026-11)',
    namespace: 'kube-system',
    delivery: 'terraform',
    address: 'aws_eks_addon.KubeProxy',
    footprint: { perNode: { cpuMillicores: 100, memoryMiB: 0 } },
  },
  {
    name: 'coredns',
    purpose: 'Cluster DNS',
    version: 'v1.12.1-eksbuild.2',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html (2026-11)',
    namespace: 'kube-system',
    delivery: 'terraform',
    address: 'aws_eks_addon.CoreDns',
    footprint: { replicas: { count: 2, cpuMillicores: 100, memoryMiB: 70 } },
  },
];

describe('the report says what add-ons reserve and what the DaemonSet assumption still covers', () => {
  test('eks with two listed add-ons', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-notes-'));
    try {
      synthesize(
        exampleSpec(),
        ALL_TARGETS.filter((t) => t.id === 'eks'),
        { root, now: TEST_NOW },
      );
      const synthesized = { ...readSynthOutput(root, 'eks'), platformAddons: ADDONS };
      const { report, inventories } = buildComparison({ synthesized: [synthesized], catalog: PRICE_CATALOG, now: TEST_NOW });
      expect(inventories[0].addons.map((a) => a.name)).toEqual(['kube-proxy', 'coredns']);
      expect(report.assumptions.notes).toContain(
        'eks: 2 add-on(s) from platform-addons.json reserve 100m CPU / 0 MiB on every node and 2 replica(s) placed before the workload; ' +
          'they include the node agents, so the stated DaemonSet overhead is not added.',
      );
      // The coredns replicas sit on two of the three nodes: every scenario still has a detail.
      expect(report.targets.eks.scenarios.every((s) => s.detail !== undefined)).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
