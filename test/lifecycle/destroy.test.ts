import { RecordingRunner, type RecordedCall } from '../../src/lifecycle/command-runner';
import {
  CLOUD_LEFTOVERS_TIMEOUT_MS,
  CLOUD_POLL_INTERVAL_MS,
  KUBERNETES_DELETE_TIMEOUT_SECONDS,
  destroy,
  labTags,
  type DestroyContext,
} from '../../src/lifecycle/destroy';
import { stateResources } from '../../src/lifecycle/terraform-cli';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { exampleSpec } from '../util';
import { EKS_OUTPUTS, context, linesOf, stateJson, tempRoot, terraformOutputJson, type Script } from './lifecycle-fixture';

const eks = new EksTarget();
const LAB_TAGS = {
  'orquesta-lab': 'true',
  'orquesta-owner': 'ana',
  'orquesta-expires-at': '2026-11-22t18-00z',
  'orquesta-cluster': 'orquesta-demo',
};
const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/k8s-default-webapi-0a1b2c3d4e/5f6a7b8c9d0e1f2a';
const VOLUME_ARN = 'arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0';

const K = 'kubectl --kubeconfig <root>/.orquesta/kube/eks.yaml';
const LB_LISTING =
  "aws resourcegroupstaggingapi get-resources --region us-east-1 --resource-type-filters elasticloadbalancing:loadbalancer elasticloadbalancing:targetgroup ec2:security-group --tag-filters Key=elbv2.k8s.aws/cluster,Values=orquesta-demo --query 'ResourceTagMappingList[].ResourceARN' --output json";
const VOLUME_LISTING =
  "aws resourcegroupstaggingapi get-resources --region us-east-1 --resource-type-filters ec2:volume --tag-filters Key=CSIVolumeName,Values=pvc-8d1e2f3a --query 'ResourceTagMappingList[].ResourceARN' --output json";

const kubeItems = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

/** A lab EKS cluster with a public LoadBalancer Service and one PVC; the listings empty after `lbRounds` / `volumeRounds` polls. */
function destroyScript(opts: { tags?: Record<string, string>; lbRounds?: number; volumeRounds?: number; overrides?: Script } = {}): Script {
  const lbRounds = opts.lbRounds ?? 2;
  const volumeRounds = opts.volumeRounds ?? 1;
  return [
    ...(opts.overrides ?? []),
    {
      match: 'terraform show -json',
      results: [
        {
          stdout: stateJson([
            { type: 'aws_eks_cluster', tags: opts.tags ?? LAB_TAGS },
            { type: 'aws_vpc', tags: opts.tags ?? LAB_TAGS },
            { type: 'aws_route' },
          ]),
        },
      ],
    },
    { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(EKS_OUTPUTS) }] },
    { match: 'terraform' },
    { match: 'aws eks update-kubeconfig' },
    {
      match: /get service,ingress/,
      results: [
        { stdout: kubeItems([{ kind: 'Service', metadata: { name: 'web-api', namespace: 'default' }, spec: { type: 'LoadBalancer' } }]) },
      ],
    },
    {
      match: /get persistentvolumeclaim/,
      results: [
        {
          stdout: kubeItems([
            {
              kind: 'PersistentVolumeClaim',
              metadata: { name: 'data-web-api-0', namespace: 'default' },
              spec: { volumeName: 'pvc-8d1e2f3a' },
            },
          ]),
        },
      ],
    },
    { match: /^kubectl / },
    { match: LB_LISTING, results: (_c: RecordedCall, i: number) => ({ stdout: JSON.stringify(i < lbRounds ? [LB_ARN] : []) }) },
    { match: VOLUME_LISTING, results: (_c: RecordedCall, i: number) => ({ stdout: JSON.stringify(i < volumeRounds ? [VOLUME_ARN] : []) }) },
  ];
}

function destroyContext(root: string, runner: RecordingRunner, overrides: Partial<Omit<DestroyContext, 'io'>> = {}) {
  const ctx = context(root, runner);
  return {
    ...ctx,
    spec: exampleSpec(),
    rerun: 'orquesta destroy --target eks --yes',
    yes: true,
    force: false,
    interactive: false,
    ...overrides,
  };
}

describe('destroy: the safe order', () => {
  it('credentials → delete Services/Ingresses/PVCs → wait → poll the cloud until empty → terraform destroy', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(destroyScript());
    const ctx = destroyContext(root, runner);
    expect(await destroy(eks, ctx)).toBe('destroyed');

    expect(linesOf(runner, root)).toEqual([
      'terraform init -input=false',
      'terraform show -json',
      'terraform output -json',
      'aws eks update-kubeconfig --region us-east-1 --name orquesta-demo --kubeconfig <root>/.orquesta/kube/eks.yaml',
      `${K} get --raw /readyz --request-timeout=20s`,
      `${K} get service,ingress --all-namespaces -l orquesta-cluster=orquesta-demo -o json`,
      `${K} get persistentvolumeclaim --all-namespaces -l app.kubernetes.io/name=web-api -o json`,
      `${K} delete deployment,statefulset,service,ingress --all-namespaces -l orquesta-cluster=orquesta-demo --ignore-not-found --wait=false`,
      `${K} delete persistentvolumeclaim --all-namespaces -l app.kubernetes.io/name=web-api --ignore-not-found --wait=false`,
      `${K} wait --for=delete service,ingress --all-namespaces -l orquesta-cluster=orquesta-demo --timeout=${KUBERNETES_DELETE_TIMEOUT_SECONDS}s`,
      `${K} wait --for=delete persistentvolumeclaim --all-namespaces -l app.kubernetes.io/name=web-api --timeout=${KUBERNETES_DELETE_TIMEOUT_SECONDS}s`,
      LB_LISTING,
      VOLUME_LISTING,
      LB_LISTING,
      VOLUME_LISTING,
      LB_LISTING,
      VOLUME_LISTING,
      'terraform destroy -input=false -auto-approve',
    ]);
    expect(ctx.io.stdout.join('\n')).toContain(
      `still there: load balancers, target groups and security groups of the AWS Load Balancer Controller: ${LB_ARN}`,
    );
  });

  it('never calls terraform destroy before a listing round came back empty', async () => {
    const root = tempRoot();
    const answers: Array<{ line: string; empty: boolean }> = [];
    const spy = (rounds: number, arn: string) => (call: RecordedCall, i: number) => {
      const ids = i < rounds ? [arn] : [];
      answers.push({ line: call.line, empty: ids.length === 0 });
      return { stdout: JSON.stringify(ids) };
    };
    const runner = new RecordingRunner(
      destroyScript({
        overrides: [
          { match: LB_LISTING, results: spy(3, LB_ARN) },
          { match: VOLUME_LISTING, results: spy(4, VOLUME_ARN) },
        ],
      }),
    );
    await destroy(eks, destroyContext(root, runner));
    const lines = linesOf(runner, root);
    const destroyAt = lines.indexOf('terraform destroy -input=false -auto-approve');
    const lastListingAt = Math.max(lines.lastIndexOf(LB_LISTING), lines.lastIndexOf(VOLUME_LISTING));
    expect(destroyAt).toBe(lines.length - 1);
    expect(lastListingAt).toBeLessThan(destroyAt);
    // The last round answered empty for both listings; every earlier round still had something.
    expect(answers.slice(-2).every((a) => a.empty)).toBe(true);
    expect(answers.slice(0, -2).some((a) => !a.empty)).toBe(true);
  });

  it('times out naming what is still there, and does not run terraform destroy', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(destroyScript({ lbRounds: Number.POSITIVE_INFINITY }));
    const ctx = destroyContext(root, runner);
    expect(await destroy(eks, ctx)).toBe('failed');
    expect(runner.lines()).not.toContain('terraform destroy -input=false -auto-approve');
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain('✗ [6/7] wait until the cloud resources Kubernetes created are gone failed');
    expect(err).toContain(`load balancers, target groups and security groups of the AWS Load Balancer Controller: ${LB_ARN}`);
    expect(err).toContain('To resume: delete what is listed above (or wait), then re-run `orquesta destroy --target eks --yes`');
    const rounds = runner.lines().filter((l) => l === LB_LISTING).length;
    expect(rounds).toBe(Math.floor(CLOUD_LEFTOVERS_TIMEOUT_MS / CLOUD_POLL_INTERVAL_MS) + 1);
  });
});

describe('destroy: refusals', () => {
  it('without --yes and without a terminal refuses and runs nothing', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner([]);
    const ctx = destroyContext(root, runner, { yes: false, interactive: false });
    expect(await destroy(eks, ctx)).toBe('refused');
    expect(runner.calls).toEqual([]);
    expect(ctx.io.stderr.join('\n')).toContain('pass --yes to confirm (stdin is not a terminal, so orquesta cannot ask). Nothing was run.');
  });

  it('refuses a cluster that is not a lab without --force, after only reading the state', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(destroyScript({ tags: { 'orquesta-cluster': 'orquesta-demo', project: 'orquesta' } }));
    const ctx = destroyContext(root, runner);
    expect(await destroy(eks, ctx)).toBe('refused');
    expect(linesOf(runner, root)).toEqual(['terraform init -input=false', 'terraform show -json']);
    expect(ctx.io.stderr.join('\n')).toContain('carry no orquesta-lab=true tag, so it is not a lab environment; pass --force');
  });

  it('with --force destroys a cluster that is not a lab', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(destroyScript({ tags: { project: 'orquesta' } }));
    expect(await destroy(eks, destroyContext(root, runner, { force: true }))).toBe('destroyed');
    expect(runner.lines().at(-1)).toBe('terraform destroy -input=false -auto-approve');
  });

  it('interactively, shows what will be destroyed and refuses unless the cluster name is typed', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(destroyScript());
    const questions: string[] = [];
    const ctx = destroyContext(root, runner, { yes: false, interactive: true, prompt: async (q) => (questions.push(q), 'orquesta-dem') });
    expect(await destroy(eks, ctx)).toBe('refused');
    expect(questions).toEqual(['Type the cluster name (orquesta-demo) to destroy it: ']);
    expect(ctx.io.stdout.join('\n')).toContain(
      '3 resources in .orquesta/state/eks/terraform.tfstate: 1 aws_eks_cluster, 1 aws_route, 1 aws_vpc',
    );
    expect(ctx.io.stdout.join('\n')).toContain('lab environment: owner ana, expires 2026-11-22t18-00z');
    expect(linesOf(runner, root)).toEqual(['terraform init -input=false', 'terraform show -json']);
  });

  it('interactively, goes ahead once the cluster name is typed', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(destroyScript());
    const ctx = destroyContext(root, runner, { yes: false, interactive: true, prompt: async () => 'orquesta-demo\n' });
    expect(await destroy(eks, ctx)).toBe('destroyed');
  });

  it('refuses when the cluster API is unreachable, unless --force', async () => {
    const unreachable: Script = [
      {
        match: /get --raw \/readyz/,
        results: [
          { code: 1, stderr: 'Unable to connect to the server: dial tcp: lookup ABC.gr7.us-east-1.eks.amazonaws.com: no such host' },
        ],
      },
    ];
    const root = tempRoot();
    const runner = new RecordingRunner(destroyScript({ overrides: unreachable }));
    const ctx = destroyContext(root, runner);
    expect(await destroy(eks, ctx)).toBe('refused');
    expect(runner.lines().some((l) => l.includes(' delete ') || l.startsWith('terraform destroy'))).toBe(false);
    expect(ctx.io.stdout.join('\n')).toContain('the cluster API is unreachable: Unable to connect to the server');
    expect(ctx.io.stderr.join('\n')).toContain('its API is unreachable');

    const forcedRoot = tempRoot();
    const forced = new RecordingRunner(destroyScript({ overrides: unreachable }));
    const forcedCtx = destroyContext(forcedRoot, forced, { force: true });
    expect(await destroy(eks, forcedCtx)).toBe('destroyed');
    const lines = linesOf(forced, forcedRoot);
    expect(lines.filter((l) => l.startsWith('kubectl'))).toEqual([`${K} get --raw /readyz --request-timeout=20s`]);
    // One listing round, reported, not waited on; then terraform destroy.
    expect(lines.slice(-2)).toEqual([LB_LISTING, 'terraform destroy -input=false -auto-approve']);
    expect(forcedCtx.io.stdout.join('\n')).toContain(
      `not waiting (--force); still there, delete by hand if terraform destroy fails: load balancers`,
    );
  });

  it('with an empty state has nothing to destroy and calls the callback', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner([
      { match: 'terraform show -json', results: [{ stdout: '{"format_version":"1.0"}' }] },
      { match: 'terraform' },
    ]);
    let called = 0;
    expect(await destroy(eks, destroyContext(root, runner, { onDestroyed: () => (called += 1) }))).toBe('nothing-to-destroy');
    expect(called).toBe(1);
    expect(runner.lines()).toEqual(['terraform init -input=false', 'terraform show -json']);
  });
});

describe('labTags', () => {
  it.each([
    ['aws tags_all', { tags_all: { 'orquesta-lab': 'true', 'orquesta-owner': 'ana' } }, { owner: 'ana', expiresAt: undefined }],
    [
      'gcp labels',
      { labels: { 'orquesta-lab': 'true', 'orquesta-expires-at': '2026-11-22t18-00z' } },
      { owner: undefined, expiresAt: '2026-11-22t18-00z' },
    ],
    ['not a lab', { tags: { project: 'orquesta' } }, undefined],
    ['lab tag false', { tags: { 'orquesta-lab': 'false' } }, undefined],
  ])('%s', (_name, values, expected) => {
    expect(labTags(stateResources({ values: { root_module: { resources: [{ address: 'x.y', type: 'x', values }] } } }))).toEqual(expected);
  });
});
