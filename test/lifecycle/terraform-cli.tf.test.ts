import * as path from 'path';
import { RecordingRunner, SpawnRunner } from '../../src/lifecycle/command-runner';
import { destroy } from '../../src/lifecycle/destroy';
import { TerraformCli, stringOutputs } from '../../src/lifecycle/terraform-cli';
import { synthesize } from '../../src/synth/synthesize';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { exampleSpec, TEST_NOW } from '../util';
import { OFFLINE_TERRAFORM_ENV, TerraformOnlyRunner, context, tempRoot } from './lifecycle-fixture';

describe('with the real terraform on a local-state stack', () => {
  it('init, show -json and output -json of a stack that was never applied', async () => {
    const root = tempRoot();
    const [result] = synthesize(exampleSpec(), [new EksTarget()], { root, now: TEST_NOW });
    const tf = new TerraformCli(new SpawnRunner({ env: { ...process.env, ...OFFLINE_TERRAFORM_ENV } }), path.dirname(result.stackFile));
    await tf.init();
    expect((await tf.show()).values).toBeUndefined();
    expect(stringOutputs(await tf.output())).toEqual({});
  }, 60_000);

  it('destroy of a stack with an empty state reads the real state and touches nothing else', async () => {
    const root = tempRoot();
    const runner = new TerraformOnlyRunner(new RecordingRunner([]));
    const ctx = context(root, runner);
    const outcome = await destroy(new EksTarget(), {
      ...ctx,
      spec: exampleSpec(),
      rerun: 'orquesta destroy --target eks --yes',
      yes: true,
      force: false,
      interactive: false,
    });
    expect(outcome).toBe('nothing-to-destroy');
    expect(runner.recorded).toEqual(['terraform init -input=false', 'terraform show -json']);
    expect(runner.others.calls).toEqual([]);
    expect(ctx.io.stdout.join('\n')).toContain('the state (.orquesta/state/eks/terraform.tfstate) has no resources: nothing to destroy');
  }, 60_000);
});
