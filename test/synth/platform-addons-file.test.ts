import * as fs from 'fs';
import * as path from 'path';
import { readSynthOutput } from '../../src/analysis/inventory/read-synth-output';
import { PLATFORM_ADDONS_FILE, synthesize } from '../../src/synth/synthesize';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { GkeTarget } from '../../src/targets/gke/gke-target';
import { fakeAddons, withAddons } from '../lifecycle/addon-fixture';
import { tempRoot } from '../lifecycle/lifecycle-fixture';
import { TEST_NOW, exampleSpec } from '../util';

const readAddons = (root: string, target: string) =>
  JSON.parse(fs.readFileSync(path.join(root, 'dist', 'k8s', target, PLATFORM_ADDONS_FILE), 'utf8'));

describe(`synth writes dist/k8s/<target>/${PLATFORM_ADDONS_FILE}`, () => {
  test('the target list, next to its manifests, for every target synthesized', () => {
    const root = tempRoot();
    const eks = withAddons(new EksTarget(), fakeAddons);
    const [result] = synthesize(exampleSpec(), [eks, new GkeTarget()], { root, now: TEST_NOW });
    expect(readAddons(root, 'eks')).toEqual({ addons: fakeAddons({}) });
    expect(readAddons(root, 'gke')).toEqual({ addons: new GkeTarget().platformAddons(exampleSpec(), {}) });
    // The JSON is not a manifest: not counted, not read as one.
    expect(result.manifestCount).toBe(readSynthOutput(root, 'eks').manifests.length);
  });

  test('rendered with the stack outputs when synth is given them (deploy after apply)', () => {
    const root = tempRoot();
    const eks = withAddons(new EksTarget(), fakeAddons);
    synthesize(exampleSpec(), [eks], { root, now: TEST_NOW, outputs: { eks: { cluster_name: 'orquesta-demo' } } });
    const helm = readAddons(root, 'eks').addons.find((a: { name: string }) => a.name === 'aws-load-balancer-controller');
    expect(helm.values.clusterName).toBe('orquesta-demo');
  });

  test('a failing platformAddons() leaves the previous output in place (same atomic swap as the manifests)', () => {
    const root = tempRoot();
    synthesize(exampleSpec(), [withAddons(new EksTarget(), fakeAddons)], { root, now: TEST_NOW });
    const broken = withAddons(new EksTarget(), () => {
      throw new Error('boom');
    });
    expect(() => synthesize(exampleSpec(), [broken], { root, now: TEST_NOW })).toThrow('boom');
    expect(readAddons(root, 'eks')).toEqual({ addons: fakeAddons({}) });
  });
});
