import * as fs from 'fs';
import * as path from 'path';
import { PLATFORM_ADDONS_FILE, resynthesizeManifests, synthesize } from '../../src/synth/synthesize';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { KopsTarget } from '../../src/targets/kops/kops-target';
import { fakeAddons, withAddons } from '../lifecycle/addon-fixture';
import { tempRoot } from '../lifecycle/lifecycle-fixture';
import { TEST_NOW, exampleSpec } from '../util';

/** Every file under `dir` (relative) with its content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) out[f] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

const ROLE_ARN = 'arn:aws:iam::123456789012:role/orquesta-demo-web-api';

describe('resynthesizeManifests (deploy after terraform apply)', () => {
  const eks = withAddons(new EksTarget(), fakeAddons);

  test("replaces that target's manifests with ones rendered with the outputs, as a full synth with them would", () => {
    const root = tempRoot();
    synthesize(exampleSpec(), [eks, new KopsTarget()], { root, now: TEST_NOW });
    const stacks = tree(path.join(root, 'cdktf.out'));
    const kops = tree(path.join(root, 'dist', 'k8s', 'kops'));
    const outputs = { cluster_name: 'orquesta-demo', workload_role_arn: ROLE_ARN };

    resynthesizeManifests(exampleSpec(), eks, { root, now: TEST_NOW, outputs });

    const full = tempRoot();
    synthesize(exampleSpec(), [eks], { root: full, now: TEST_NOW, outputs: { eks: outputs } });
    expect(tree(path.join(root, 'dist', 'k8s', 'eks'))).toEqual(tree(path.join(full, 'dist', 'k8s', 'eks')));
    expect(fs.readFileSync(path.join(root, 'dist', 'k8s', 'eks', PLATFORM_ADDONS_FILE), 'utf8')).toContain(
      '"clusterName": "orquesta-demo"',
    );
    // The stacks (the outputs change nothing in them) and the other target are left as they were.
    expect(tree(path.join(root, 'cdktf.out'))).toEqual(stacks);
    expect(tree(path.join(root, 'dist', 'k8s', 'kops'))).toEqual(kops);
    expect(fs.readdirSync(path.join(root, '.orquesta'))).toEqual([]);
  });

  test('a failure leaves the previous manifests in place and no scratch behind', () => {
    const root = tempRoot();
    synthesize(exampleSpec(), [eks], { root, now: TEST_NOW });
    const before = tree(path.join(root, 'dist', 'k8s', 'eks'));
    const broken = withAddons(new EksTarget(), () => {
      throw new Error('boom');
    });
    expect(() => resynthesizeManifests(exampleSpec(), broken, { root, now: TEST_NOW, outputs: { cluster_name: 'x' } })).toThrow('boom');
    expect(tree(path.join(root, 'dist', 'k8s', 'eks'))).toEqual(before);
    expect(fs.readdirSync(path.join(root, '.orquesta'))).toEqual([]);
  });
});
