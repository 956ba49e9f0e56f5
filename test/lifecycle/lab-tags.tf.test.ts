import * as path from 'path';
import { readSynthOutput } from '../../src/analysis/inventory/read-synth-output';
import { SpawnRunner } from '../../src/lifecycle/command-runner';
import { labTags } from '../../src/lifecycle/destroy';
import { labSpec } from '../../src/lifecycle/lab';
import { TerraformCli, stateResources } from '../../src/lifecycle/terraform-cli';
import { WEB_API_EXAMPLE } from '../../src/examples/web-api';
import { synthesize } from '../../src/synth/synthesize';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { prepareAppSpec } from '../../src/targets/validate-for-targets';
import { TEST_NOW } from '../util';
import { OFFLINE_TERRAFORM_ENV, tempRoot } from './lifecycle-fixture';

const eks = new EksTarget();
const LAB = { 'orquesta-lab': 'true', 'orquesta-owner': 'ana', 'orquesta-expires-at': '2026-11-22t18-00z' };

function synthLab(root: string, options: { offlinePlan?: boolean } = {}) {
  const spec = prepareAppSpec(labSpec(WEB_API_EXAMPLE, { owner: 'ana', ttlHours: 8 }), [eks]);
  synthesize(spec, [eks], { root, now: TEST_NOW, offlinePlan: options.offlinePlan });
  return readSynthOutput(root, 'eks');
}

// Drives the real terraform against the offline provider mirror (../shared/terraform/README.md).
describe('a lab eks stack planned by the real terraform', () => {
  it('gives every planned resource with tags_all the lab tags, and destroy recognises the lab from that JSON', async () => {
    const root = tempRoot();
    synthLab(root, { offlinePlan: true });
    const tf = new TerraformCli(
      new SpawnRunner({ env: { ...process.env, ...OFFLINE_TERRAFORM_ENV } }),
      path.join(root, 'cdktf.out', 'stacks', 'eks'),
    );
    await tf.init();
    await tf.plan('lab.tfplan');
    const plan = (await tf.show('lab.tfplan')) as unknown as {
      resource_changes: Array<{ address: string; change: { after: Record<string, unknown> | null } }>;
      planned_values: { root_module: object };
    };
    const withTags = plan.resource_changes.filter((r) => r.change.after && 'tags_all' in r.change.after);
    expect(withTags.length).toBeGreaterThanOrEqual(25);
    const untagged = withTags.filter((r) =>
      Object.entries(LAB).some(([k, v]) => (r.change.after!.tags_all as Record<string, string>)[k] !== v),
    );
    expect(untagged.map((r) => r.address)).toEqual([]);
    expect(labTags(stateResources({ values: plan.planned_values }))).toEqual({ owner: 'ana', expiresAt: '2026-11-22t18-00z' });
  }, 60_000);
});
