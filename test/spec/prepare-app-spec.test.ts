import { formatProblem, ValidationError } from '../../src/spec/validation-error';
import { ALL_TARGETS, getTarget } from '../../src/targets/registry';
import { prepareAppSpec } from '../../src/targets/validate-for-targets';
import { rawExample } from '../util';

function problemsOf(spec: unknown, targets = ALL_TARGETS): string[] {
  try {
    prepareAppSpec(spec, targets);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

const TOO_BIG = { requests: { cpuMillicores: 3000, memoryMiB: 256 }, limits: { cpuMillicores: 4000, memoryMiB: 512 } };

describe('prepareAppSpec: the single gate, in one pass', () => {
  test('a structural typo and a request that fits no node are reported together', () => {
    const spec = rawExample({ workload: { replicaz: 3, resources: TOO_BIG } as never });
    const problems = problemsOf(spec);
    expect(problems[0]).toMatch(/^workload\.replicaz \(3\) is not a known field; did you mean 'replicas'\?/);
    expect(problems).toContain(
      'workload.resources.requests.cpuMillicores (3000) must fit on one node of cluster.nodePools[0].sizeClass (medium, m6i.large) on eks: at most 1930 allocatable',
    );
    expect(problems.filter((p) => p.includes('must fit on one node')).length).toBeGreaterThanOrEqual(4);
  });

  test('an invalid optional value is checked with its default for the target pass', () => {
    const spec = rawExample({ workload: { resources: TOO_BIG }, cluster: { zones: 7 } });
    const problems = problemsOf(spec, [getTarget('eks')]);
    expect(problems[0]).toBe('cluster.zones (7) must be an integer in 1..3');
    expect(problems[1]).toMatch(/^workload\.resources\.requests\.cpuMillicores \(3000\) must fit on one node/);
  });

  test('a broken required field stops the target pass (it would only guess)', () => {
    const spec = rawExample({ workload: { port: 'http' as never, resources: TOO_BIG } });
    expect(problemsOf(spec)).toEqual(['workload.port ("http") must be an integer in 1..65535']);
  });

  test('a real region the catalog lacks is rejected for the targets on that cloud only', () => {
    const spec = rawExample({ cluster: { regions: { aws: 'eu-central-1' } } });
    const expected =
      'cluster.regions.aws ("eu-central-1") is a real AWS region but has no prices in orquesta\'s catalog, so nothing could be compared; supported (regions with prices in the catalog): us-east-1, eu-west-1';
    expect(problemsOf(spec)).toEqual([expected]);
    expect(problemsOf(spec, [getTarget('kops')])).toEqual([expected]);
    expect(problemsOf(spec, [getTarget('gke'), getTarget('aks')])).toEqual([]);
  });

  test('a valid spec resolves', () => {
    expect(prepareAppSpec(rawExample(), ALL_TARGETS).workload.name).toBe('web-api');
  });
});
