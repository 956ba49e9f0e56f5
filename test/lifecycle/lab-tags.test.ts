import { readSynthOutput } from '../../src/analysis/inventory/read-synth-output';
import { labSpec } from '../../src/lifecycle/lab';
import { WEB_API_EXAMPLE } from '../../src/examples/web-api';
import { synthesize } from '../../src/synth/synthesize';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { prepareAppSpec } from '../../src/targets/validate-for-targets';
import { TEST_NOW, allResources, resourceBinding, type TerraformJson } from '../util';
import { tempRoot } from './lifecycle-fixture';

const eks = new EksTarget();
const LAB = { 'orquesta-lab': 'true', 'orquesta-owner': 'ana', 'orquesta-expires-at': '2026-11-22t18-00z' };

function synthLab(root: string, options: { offlinePlan?: boolean } = {}) {
  const spec = prepareAppSpec(labSpec(WEB_API_EXAMPLE, { owner: 'ana', ttlHours: 8 }), [eks]);
  synthesize(spec, [eks], { root, now: TEST_NOW, offlinePlan: options.offlinePlan });
  return readSynthOutput(root, 'eks');
}

describe('a lab synth of the eks stack', () => {
  const root = tempRoot();
  const synth = synthLab(root);
  const stack = synth.stack as unknown as TerraformJson;
  const defaultTags: Record<string, string> = stack.provider.aws[0].default_tags[0].tags;

  it('puts the lab tags on every resource whose schema has `tags` (provider default_tags count)', () => {
    const taggable = allResources(stack).filter(([type]) => 'tags' in resourceBinding(type).prototype);
    expect(taggable.length).toBeGreaterThanOrEqual(25);
    const missing = taggable.filter(([, , config]) => {
      const effective = { ...defaultTags, ...(config.tags ?? {}) };
      return Object.entries(LAB).some(([k, v]) => effective[k] !== v);
    });
    expect(missing.map(([type, id]) => `${type}.${id}`)).toEqual([]);
  });

  it('puts them on instances and volumes launched from launch templates, which default_tags do not reach', () => {
    const specs = allResources(stack).flatMap(
      ([, , config]) => (config.tag_specifications ?? []) as Array<{ resource_type: string; tags: Record<string, string> }>,
    );
    expect(specs.map((s) => s.resource_type).sort()).toEqual(expect.arrayContaining(['instance', 'volume']));
    for (const s of specs) expect(s.tags).toMatchObject(LAB);
  });

  it('puts them on every Kubernetes object', () => {
    expect(synth.manifests.length).toBeGreaterThanOrEqual(8);
    for (const object of synth.manifests) {
      expect({ kind: object.kind, labels: (object.metadata as { labels?: Record<string, string> }).labels }).toMatchObject({
        kind: object.kind,
        labels: LAB,
      });
    }
  });

  it('shares one NAT gateway instead of one per zone', () => {
    expect(Object.keys(stack.resource.aws_nat_gateway)).toHaveLength(1);
    const ha = tempRoot();
    synthesize(prepareAppSpec(WEB_API_EXAMPLE, [eks]), [eks], { root: ha, now: TEST_NOW });
    expect(Object.keys((readSynthOutput(ha, 'eks').stack as unknown as TerraformJson).resource.aws_nat_gateway)).toHaveLength(3);
  });
});
