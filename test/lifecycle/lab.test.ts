import * as fs from 'fs';
import * as path from 'path';
import { RecordingRunner } from '../../src/lifecycle/command-runner';
import { labReap, labSpec, labUp } from '../../src/lifecycle/lab';
import { LAB_REGISTRY_FILE, readLabRegistry, upsertLab, type LabRecord } from '../../src/lifecycle/lab-registry';
import { parseTtl } from '../../src/lifecycle/lab-ttl';
import { WEB_API_EXAMPLE } from '../../src/examples/web-api';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { TEST_NOW, type TerraformJson } from '../util';
import { EKS_OUTPUTS, SERVICE_HAS_ADDRESS, context, linesOf, stateJson, tempRoot, terraformOutputJson } from './lifecycle-fixture';

const eks = new EksTarget();
const loadSpec = (app: string): unknown => {
  throw new Error(`the recorded labs use the built-in example; nothing should load ${app}`);
};
const LAB_STATE = stateJson([{ type: 'aws_eks_cluster', tags: { 'orquesta-lab': 'true', 'orquesta-owner': 'ana' } }]);

describe('labSpec', () => {
  it('sets cluster.lab and a single NAT gateway, keeping the rest of the spec', () => {
    const spec = labSpec(
      { ...WEB_API_EXAMPLE, cluster: { ...WEB_API_EXAMPLE.cluster, natGateways: 'per-zone' } },
      { owner: 'ana', ttlHours: 2 },
    ) as typeof WEB_API_EXAMPLE;
    expect(spec.cluster).toEqual({ ...WEB_API_EXAMPLE.cluster, natGateways: 'single', lab: { owner: 'ana', ttlHours: 2 } });
    expect(spec.workload).toBe(WEB_API_EXAMPLE.workload);
  });

  it.each([[null], ['text'], [{ workload: {} }]])('returns %j unchanged for validation to report', (raw) => {
    expect(labSpec(raw, { owner: 'ana', ttlHours: 2 })).toBe(raw);
  });
});

describe('labUp', () => {
  it('records the lab (with its cost) before terraform touches the cloud, then deploys the lab stack', async () => {
    const root = tempRoot();
    let registryAtInit: LabRecord[] | undefined;
    const runner = new RecordingRunner([
      { match: 'terraform init', results: () => ((registryAtInit = readLabRegistry(root)), {}) },
      { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(EKS_OUTPUTS) }] },
      { match: 'terraform' },
      { match: 'aws eks update-kubeconfig' },
      SERVICE_HAS_ADDRESS,
      { match: /^kubectl / },
      { match: /^helm / },
    ]);
    const ctx = context(root, runner);
    const result = await labUp(eks, {
      ...ctx,
      rawSpec: WEB_API_EXAMPLE,
      owner: 'ana',
      ttl: parseTtl('90m'),
      rerun: 'orquesta lab up --target eks --ttl 90m --owner ana',
    });

    expect(result.ok).toBe(true);
    expect(registryAtInit).toHaveLength(1);
    const [record] = registryAtInit!;
    expect(record).toMatchObject({
      target: 'eks',
      cloud: 'aws',
      cluster: 'orquesta-demo',
      owner: 'ana',
      createdAt: TEST_NOW.toISOString(),
      expiresAt: '2026-11-22T12:00:00.000Z',
      ttlHours: 2,
      region: 'us-east-1',
      stateDir: '.orquesta/state/eks/terraform.tfstate',
    });
    expect(record.app).toBeUndefined();
    expect(record.monthlyUsd).toBeGreaterThan(100);
    expect(ctx.io.stdout).toContain('Note: --ttl 90m rounds up to 2h (cluster.lab.ttlHours is whole hours).');

    const stack = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'stacks', 'eks', 'cdk.tf.json'), 'utf8')) as TerraformJson;
    expect(stack.provider.aws[0].default_tags[0].tags).toMatchObject({
      'orquesta-lab': 'true',
      'orquesta-owner': 'ana',
      'orquesta-expires-at': '2026-11-22t12-00z',
    });
    expect(Object.keys(stack.resource.aws_nat_gateway)).toHaveLength(1);
  });

  it('keeps the record when the deploy fails, so reap still finds what was created', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner([
      { match: 'terraform apply', results: [{ code: 1, stderr: 'Error: timeout' }] },
      { match: 'terraform' },
      { match: /^helm / },
    ]);
    const result = await labUp(eks, {
      ...context(root, runner),
      rawSpec: WEB_API_EXAMPLE,
      owner: 'ana',
      ttl: parseTtl('8h'),
      rerun: 'orquesta lab up --target eks',
    });
    expect(result.ok).toBe(false);
    expect(readLabRegistry(root).map((l) => l.cluster)).toEqual(['orquesta-demo']);
  });

  it('rejects an owner that is not a label before running anything', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner([]);
    await expect(
      labUp(eks, { ...context(root, runner), rawSpec: WEB_API_EXAMPLE, owner: 'Ana Smith', ttl: parseTtl('8h'), rerun: 'x' }),
    ).rejects.toThrow('cluster.lab.owner');
    expect(runner.calls).toEqual([]);
    expect(fs.existsSync(path.join(root, LAB_REGISTRY_FILE))).toBe(false);
  });
});

describe('labReap', () => {
  const expired: LabRecord = {
    target: 'eks',
    cloud: 'aws',
    cluster: 'orquesta-demo',
    owner: 'ana',
    createdAt: '2026-11-22T00:00:00.000Z',
    expiresAt: '2026-11-22T08:00:00.000Z',
    ttlHours: 8,
    region: 'us-east-1',
    stateDir: '.orquesta/state/eks/terraform.tfstate',
    monthlyUsd: 400,
  };
  const active: LabRecord = {
    ...expired,
    target: 'gke',
    cloud: 'gcp',
    region: 'us-central1',
    createdAt: '2026-11-22T09:00:00.000Z',
    expiresAt: '2026-11-22T17:00:00.000Z',
  };

  function seeded(): string {
    const root = tempRoot();
    upsertLab(root, expired);
    upsertLab(root, active);
    return root;
  }

  it('--dry-run lists only the expired labs and runs nothing', async () => {
    const root = seeded();
    const runner = new RecordingRunner([]);
    const ctx = context(root, runner);
    const result = await labReap({ ...ctx, loadSpec }, { dryRun: true, yes: false });
    expect(result).toEqual({ expired: ['eks/orquesta-demo'], destroyed: [], failed: [] });
    expect(runner.calls).toEqual([]);
    expect(ctx.io.stdout).toEqual([
      'would destroy: eks/orquesta-demo (owner ana, us-east-1, expired 2h 0m ago, state .orquesta/state/eks/terraform.tfstate)',
    ]);
  });

  it('refuses without --yes and runs nothing', async () => {
    const root = seeded();
    const runner = new RecordingRunner([]);
    const ctx = context(root, runner);
    await labReap({ ...ctx, loadSpec }, { dryRun: false, yes: false });
    expect(runner.calls).toEqual([]);
    expect(ctx.io.stderr.join('\n')).toContain('refusing to destroy 1 lab(s) without --yes');
    expect(readLabRegistry(root)).toHaveLength(2);
  });

  it('destroys an expired lab in the safe order and forgets it; the active one stays', async () => {
    const root = seeded();
    const runner = new RecordingRunner([
      { match: 'terraform show -json', results: [{ stdout: LAB_STATE }] },
      { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(EKS_OUTPUTS) }] },
      { match: 'terraform' },
      { match: 'aws eks update-kubeconfig' },
      { match: /^kubectl .* get (service|persistentvolumeclaim)/, results: [{ stdout: '{"items":[]}' }] },
      { match: /^kubectl / },
      { match: /^helm / },
      { match: 'aws resourcegroupstaggingapi get-resources', results: [{ stdout: '[]' }] },
    ]);
    const result = await labReap({ ...context(root, runner), loadSpec }, { dryRun: false, yes: true });
    expect(result).toEqual({ expired: ['eks/orquesta-demo'], destroyed: ['eks/orquesta-demo'], failed: [] });
    const lines = linesOf(runner, root);
    expect(lines[0]).toBe('terraform init -input=false');
    expect(lines.findIndex((l) => l.includes(' delete '))).toBeLessThan(lines.indexOf('terraform destroy -input=false -auto-approve'));
    expect(lines.at(-1)).toBe('terraform destroy -input=false -auto-approve');
    expect(readLabRegistry(root).map((l) => l.target)).toEqual(['gke']);
    // Synthesized at the lab's creation time, so the tags are the ones it was deployed with.
    const stack = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'stacks', 'eks', 'cdk.tf.json'), 'utf8')) as TerraformJson;
    expect(stack.provider.aws[0].default_tags[0].tags['orquesta-expires-at']).toBe('2026-11-22t08-00z');
  });

  it('keeps a recorded lab whose state carries no lab tag (destroy refuses it) and reports it', async () => {
    const root = seeded();
    const runner = new RecordingRunner([
      { match: 'terraform show -json', results: [{ stdout: stateJson([{ type: 'aws_vpc', tags: { project: 'orquesta' } }]) }] },
      { match: 'terraform' },
    ]);
    const result = await labReap({ ...context(root, runner), loadSpec }, { dryRun: false, yes: true });
    expect(result.failed).toEqual(['eks/orquesta-demo']);
    expect(runner.lines()).toEqual(['terraform init -input=false', 'terraform show -json']);
    expect(readLabRegistry(root)).toHaveLength(2);
  });
});
