import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { RecordingRunner } from '../../src/lifecycle/command-runner';
import { deploy, ROLLOUT_TIMEOUT_SECONDS } from '../../src/lifecycle/deploy';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { KopsTarget } from '../../src/targets/kops/kops-target';
import { exampleSpec, withCluster } from '../util';
import { EKS_OUTPUTS, context, linesOf, tempRoot, terraformOutputJson, type Script } from './lifecycle-fixture';

const eks = new EksTarget();

function eksScript(overrides: Script = []): Script {
  return [
    ...overrides,
    { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(EKS_OUTPUTS) }] },
    { match: 'terraform' },
    { match: 'aws eks update-kubeconfig' },
    { match: /^kubectl / },
  ];
}

describe('deploy', () => {
  it('runs synth, init, plan+apply, outputs, credentials, server-side apply, namespace labels and rollout, in that order', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    const ctx = context(root, runner);
    const result = await deploy(eks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });

    expect(result.ok).toBe(true);
    expect(linesOf(runner, root)).toEqual([
      'terraform init -input=false',
      'terraform plan -input=false -out=orquesta.tfplan',
      'terraform apply -input=false -auto-approve orquesta.tfplan',
      'terraform output -json',
      'aws eks update-kubeconfig --region us-east-1 --name orquesta-demo --kubeconfig <root>/.orquesta/kube/eks.yaml',
      'kubectl --kubeconfig <root>/.orquesta/kube/eks.yaml apply --server-side --field-manager=orquesta -f -',
      'kubectl --kubeconfig <root>/.orquesta/kube/eks.yaml get crd servicemonitors.monitoring.coreos.com --ignore-not-found -o name',
      'kubectl --kubeconfig <root>/.orquesta/kube/eks.yaml label namespace default --overwrite orquesta-cluster=orquesta-demo orquesta-target=eks project=orquesta',
      `kubectl --kubeconfig <root>/.orquesta/kube/eks.yaml rollout status deployment/web-api --namespace default --timeout=${ROLLOUT_TIMEOUT_SECONDS}s`,
    ]);
    // terraform runs in the stack directory, with TF_IN_AUTOMATION and nothing that replaces the user's settings.
    const init = runner.calls[0];
    expect(init.options.cwd).toBe(path.join(root, 'cdktf.out', 'stacks', 'eks'));
    expect(init.options.env).toEqual({ TF_IN_AUTOMATION: '1' });
    expect(ctx.io.stdout.filter((l) => /^\[\d\/5\]/.test(l))).toEqual([
      '[1/5] synth',
      '[2/5] terraform init',
      '[3/5] terraform apply',
      '[4/5] credentials',
      '[5/5] kubectl apply --server-side',
    ]);
  });

  it('applies the built-in kinds on stdin, and a ServiceMonitor only where its CRD is installed', async () => {
    const applied = (runner: RecordingRunner) =>
      runner.calls
        .filter((c) => c.line.includes(' apply --server-side'))
        .map((c) => YAML.parseAllDocuments(c.options.input ?? '').map((d) => d.toJS().kind));
    const without = new RecordingRunner(eksScript());
    const ctx = context(tempRoot(), without);
    expect((await deploy(eks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' })).ok).toBe(true);
    expect(applied(without)).toEqual([
      ['ServiceAccount', 'ConfigMap', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy'],
    ]);
    expect(ctx.io.stdout.join('\n')).toContain(
      'skipped ServiceMonitor/web-api: the cluster has no servicemonitors.monitoring.coreos.com CRD (install its operator, then re-run deploy)',
    );
    const withCrd = new RecordingRunner(
      eksScript([
        {
          match: /get crd servicemonitors/,
          results: [{ stdout: 'customresourcedefinition.apiextensions.k8s.io/servicemonitors.monitoring.coreos.com\n' }],
        },
      ]),
    );
    await deploy(eks, { ...context(tempRoot(), withCrd), spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(applied(withCrd)).toHaveLength(2);
    expect(applied(withCrd)[1]).toEqual(['ServiceMonitor']);
  });

  it('re-synthesizes the manifests with the stack outputs, so the IRSA role ARN reaches the ServiceAccount', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    await deploy(eks, { ...context(root, runner), spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(root, 'dist', 'k8s', 'eks', 'web-api.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    const sa = objects.find((o) => o.kind === 'ServiceAccount');
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(EKS_OUTPUTS.workload_role_arn);
  });

  it('on a failed apply names the step, shows the end of stderr and how to resume, and runs nothing after it', async () => {
    const root = tempRoot();
    const stderr = [
      'Error: creating EKS Cluster (orquesta-demo): operation error EKS: CreateCluster,',
      '  ResourceInUseException: Cluster already exists with name: orquesta-demo',
    ].join('\n');
    const runner = new RecordingRunner(eksScript([{ match: 'terraform apply', results: [{ code: 1, stderr }] }]));
    const ctx = context(root, runner);
    const result = await deploy(eks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });

    expect(result).toEqual({ ok: false, failedStep: 'terraform apply', outputs: undefined });
    expect(linesOf(runner, root).at(-1)).toBe('terraform apply -input=false -auto-approve orquesta.tfplan');
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain('✗ [3/5] terraform apply failed');
    expect(err).toContain('`terraform apply -input=false -auto-approve orquesta.tfplan` exited with code 1');
    expect(err).toContain('ResourceInUseException: Cluster already exists with name: orquesta-demo');
    expect(err).toContain('To resume: re-run `orquesta deploy --target eks`: terraform apply is idempotent');
  });

  it('on a rollout timeout says the manifests are applied and how to look at the pods', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(
      eksScript([{ match: /rollout status/, results: [{ code: 1, stderr: 'error: timed out waiting for the condition' }] }]),
    );
    const ctx = context(root, runner);
    const result = await deploy(eks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result.ok).toBe(false);
    expect(result.failedStep).toBe('kubectl apply --server-side');
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain(`deployment/web-api was not ready within ${ROLLOUT_TIMEOUT_SECONDS}s`);
    expect(err).toContain('the manifests are applied; see `kubectl --kubeconfig .orquesta/kube/eks.yaml get pods -n default`');
  });

  it('labels the namespace with the lab owner and expiry for a lab spec, and waits for a StatefulSet when there is a volume', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    const spec = exampleSpec({
      cluster: { lab: { owner: 'ana', ttlHours: 8 } },
      workload: { volume: { sizeGiB: 10 } },
    });
    await deploy(eks, { ...context(root, runner), spec, rerun: 'orquesta lab up --target eks' });
    const lines = linesOf(runner, root);
    expect(lines).toContain(
      'kubectl --kubeconfig <root>/.orquesta/kube/eks.yaml label namespace default --overwrite orquesta-cluster=orquesta-demo orquesta-expires-at=2026-11-22t18-00z orquesta-lab=true orquesta-owner=ana orquesta-target=eks project=orquesta',
    );
    expect(lines.at(-1)).toBe(
      `kubectl --kubeconfig <root>/.orquesta/kube/eks.yaml rollout status statefulset/web-api --namespace default --timeout=${ROLLOUT_TIMEOUT_SECONDS}s`,
    );
  });

  it('kops-style: retries the admin kubeconfig download until the control plane has published it', async () => {
    const root = tempRoot();
    const outputs = { cluster_name: 'orquesta-demo', cluster_region: 'us-east-1', state_bucket_name: 'orquesta-demo-state-1a2b3c' };
    const notYet = {
      code: 1,
      stderr: 'fatal error: An error occurred (404) when calling the HeadObject operation: Key "control-plane/admin.conf" does not exist',
    };
    const runner = new RecordingRunner([
      { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(outputs) }] },
      { match: 'terraform' },
      { match: 'aws s3 cp', results: [notYet, notYet, { code: 0 }] },
      { match: /^kubectl / },
    ]);
    const ctx = context(root, runner);
    const result = await deploy(new KopsTarget(), { ...ctx, spec: withCluster({}), rerun: 'orquesta deploy --target kops' });
    expect(result.ok).toBe(true);
    const downloads = linesOf(runner, root).filter((l) => l.startsWith('aws s3 cp'));
    expect(downloads).toEqual(
      Array(3).fill(
        'aws s3 cp --only-show-errors --region us-east-1 s3://orquesta-demo-state-1a2b3c/control-plane/admin.conf <root>/.orquesta/kube/kops.yaml',
      ),
    );
    expect(ctx.io.stdout.filter((l) => l.includes('credentials not available yet'))).toHaveLength(2);
  });
});
