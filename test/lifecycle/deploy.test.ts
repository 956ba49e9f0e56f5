import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { RecordingRunner, type RecordedCall } from '../../src/lifecycle/command-runner';
import { deploy, ROLLOUT_TIMEOUT_SECONDS } from '../../src/lifecycle/deploy';
import { ADDRESS_POLL_INTERVAL_MS, ADDRESS_TIMEOUT_MS } from '../../src/lifecycle/wait-for-address';
import { EksTarget } from '../../src/targets/eks/eks-target';
import { KopsTarget } from '../../src/targets/kops/kops-target';
import { PROMETHEUS_OPERATOR_MONITOR } from '../../src/targets/common/kubernetes-common';
import { exampleSpec, withCluster } from '../util';
import { fakeAddons, withAddons } from './addon-fixture';
import {
  EKS_OUTPUTS,
  NLB_HOSTNAME,
  SERVICE_HAS_ADDRESS,
  context,
  linesOf,
  serviceJson,
  tempRoot,
  terraformOutputJson,
  type Script,
} from './lifecycle-fixture';

const eks = new EksTarget();
/** EKS with no add-ons of its own, so sequences do not depend on what the target lists. */
const bareEks = withAddons(eks, () => []);

const NLB = NLB_HOSTNAME;

/**
 * EKS as if its collector read prometheus-operator's ServiceMonitor (kops and AKS do; EKS' managed
 * collector needs none), so CRD-gated objects are tested on the EKS script.
 */
const eksWithServiceMonitor: typeof bareEks = Object.assign(Object.create(bareEks), {
  kubernetes: (...args: Parameters<typeof bareEks.kubernetes>) => {
    const adaptation = bareEks.kubernetes(...args);
    return { ...adaptation, prometheusMonitor: { ...adaptation.prometheusMonitor, object: PROMETHEUS_OPERATOR_MONITOR } };
  },
});

function eksScript(overrides: Script = []): Script {
  return [
    ...overrides,
    { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(EKS_OUTPUTS) }] },
    { match: 'terraform' },
    { match: 'aws eks update-kubeconfig' },
    SERVICE_HAS_ADDRESS,
    { match: /^kubectl / },
    { match: /^helm / },
  ];
}

const K = '<root>/.orquesta/kube/eks.yaml';
const applied = (runner: RecordingRunner): string[][] =>
  runner.calls
    .filter((c) => c.line.includes(' apply --server-side'))
    .map((c) => YAML.parseAllDocuments(c.options.input ?? '').map((d) => d.toJS().kind));
const stdinObjects = (call: RecordedCall) => YAML.parseAllDocuments(call.options.input ?? '').map((d) => d.toJS());

const REPLACING_PLAN = JSON.stringify({
  resource_changes: [
    {
      address: 'aws_eks_cluster.Cluster',
      type: 'aws_eks_cluster',
      mode: 'managed',
      change: { actions: ['delete', 'create'], before: {}, after: {}, replace_paths: [['vpc_config', 0, 'subnet_ids']] },
    },
  ],
});

describe('deploy refuses a plan that replaces the cluster', () => {
  it('stops before terraform apply, names the replacement and how to proceed', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(
      eksScript([{ match: 'terraform show -json orquesta.tfplan', results: [{ stdout: REPLACING_PLAN }] }]),
    );
    const ctx = context(root, runner);
    const result = await deploy(bareEks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result).toMatchObject({ ok: false, failedStep: 'terraform apply' });
    expect(runner.calls.map((c) => c.line)).not.toContain('terraform apply -input=false -auto-approve orquesta.tfplan');
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain('refusing to apply: this plan replaces the cluster');
    expect(err).toContain('EKS cluster `aws_eks_cluster.Cluster` replaced (destroy before create, because vpc_config.subnet_ids changed)');
    expect(err).toContain('re-run `orquesta deploy --target eks --allow-replace`');
  });

  it('applies it with allowReplace', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(
      eksScript([{ match: 'terraform show -json orquesta.tfplan', results: [{ stdout: REPLACING_PLAN }] }]),
    );
    const result = await deploy(bareEks, {
      ...context(root, runner),
      spec: exampleSpec(),
      rerun: 'orquesta deploy --target eks',
      allowReplace: true,
    });
    expect(result.ok).toBe(true);
    expect(runner.calls.map((c) => c.line)).toContain('terraform apply -input=false -auto-approve orquesta.tfplan');
  });
});

describe('deploy', () => {
  it('runs synth, init, apply, credentials, the add-ons, the workload (its Namespace first), rollout and the address wait, in that order', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    const ctx = context(root, runner);
    const result = await deploy(withAddons(eks, fakeAddons), { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });

    expect(ctx.io.stderr).toEqual([]);
    expect(result.ok).toBe(true);
    expect(linesOf(runner, root)).toEqual([
      // the target lists Helm add-ons: helm must run before terraform creates anything
      'helm version --short',
      'terraform init -input=false',
      'terraform plan -input=false -out=orquesta.tfplan',
      // the saved plan is read before it is applied: a cluster replacement is refused
      'terraform show -json orquesta.tfplan',
      'terraform apply -input=false -auto-approve orquesta.tfplan',
      'terraform output -json',
      `aws eks update-kubeconfig --region us-east-1 --name orquesta-demo --kubeconfig ${K}`,
      // add-ons, in the target's order: the terraform one is only reported
      `helm --kubeconfig ${K} upgrade --install aws-load-balancer-controller aws-load-balancer-controller --repo https://charts.example.test/eks --version 1.0.0 --namespace kube-system --create-namespace -f <root>/.orquesta/addons/eks/aws-load-balancer-controller.values.yaml --wait --timeout 600s`,
      `helm --kubeconfig ${K} upgrade --install karpenter oci://registry.example.test/karpenter/karpenter --version 1.0.0 --namespace karpenter --create-namespace -f <root>/.orquesta/addons/eks/karpenter.values.yaml --wait --timeout 600s`,
      `kubectl --kubeconfig ${K} apply --server-side --field-manager=orquesta -f -`,
      `kubectl --kubeconfig ${K} rollout status deployment/metrics-server --namespace metrics --timeout=${ROLLOUT_TIMEOUT_SECONDS}s`,
      // the workload
      `kubectl --kubeconfig ${K} apply --server-side --field-manager=orquesta -f -`,
      `kubectl --kubeconfig ${K} apply --server-side --field-manager=orquesta -f -`,
      `kubectl --kubeconfig ${K} rollout status deployment/web-api --namespace web-api --timeout=${ROLLOUT_TIMEOUT_SECONDS}s`,
      `kubectl --kubeconfig ${K} get svc/web-api --namespace web-api -o json`,
    ]);
    expect(applied(runner)).toEqual([
      ['Namespace', 'ServiceAccount', 'Deployment'],
      ['Namespace'],
      ['ServiceAccount', 'ConfigMap', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy'],
    ]);
    // terraform runs in the stack directory, with TF_IN_AUTOMATION and nothing that replaces the user's settings.
    const init = runner.calls.find((c) => c.line === 'terraform init -input=false')!;
    expect(init.options.cwd).toBe(path.join(root, 'cdktf.out', 'stacks', 'eks'));
    expect(init.options.env).toEqual({ TF_IN_AUTOMATION: '1' });
    expect(ctx.io.stdout.filter((l) => /^\[\d\/7\]/.test(l))).toEqual([
      '[1/7] synth',
      '[2/7] terraform init',
      '[3/7] terraform apply',
      '[4/7] credentials',
      '[5/7] platform add-ons',
      '[6/7] kubectl apply --server-side',
      '[7/7] wait for the address',
    ]);
    const out = ctx.io.stdout.join('\n');
    expect(out).toContain('aws-ebs-csi-driver v1.0.0-eksbuild.1 (kube-system): created by terraform as aws_eks_addon.EbsCsi');
    expect(ctx.io.stdout.slice(-2)).toEqual([
      `✔ web-api runs on Amazon EKS cluster orquesta-demo (0s): http://${NLB}:80`,
      '  Try: kubectl --kubeconfig .orquesta/kube/eks.yaml get pods,svc --namespace web-api',
    ]);
    expect(result.address).toEqual({ resource: 'svc/web-api', address: NLB, url: `http://${NLB}:80`, notes: [] });
  });

  it('applies the built-in kinds on stdin, and a ServiceMonitor only where its CRD is installed', async () => {
    const without = new RecordingRunner(eksScript());
    const ctx = context(tempRoot(), without);
    expect((await deploy(eksWithServiceMonitor, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' })).ok).toBe(true);
    expect(applied(without)).toEqual([
      ['Namespace'],
      ['ServiceAccount', 'ConfigMap', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy'],
    ]);
    expect(ctx.io.stdout.join('\n')).toContain(
      'skipped ServiceMonitor/web-api: the cluster has no servicemonitors.monitoring.coreos.com CRD (install its operator, then re-run deploy)',
    );
    expect(ctx.io.stdout.join('\n')).toContain('none: this target lists no platform add-ons');
    const withCrd = new RecordingRunner(
      eksScript([
        {
          match: /get crd servicemonitors/,
          results: [{ stdout: 'customresourcedefinition.apiextensions.k8s.io/servicemonitors.monitoring.coreos.com\n' }],
        },
      ]),
    );
    await deploy(eksWithServiceMonitor, { ...context(tempRoot(), withCrd), spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(applied(withCrd)).toHaveLength(3);
    expect(applied(withCrd)[2]).toEqual(['ServiceMonitor']);
  });

  it('on EKS applies no scrape object and checks no CRD: the managed Prometheus collector finds the pods itself', async () => {
    const runner = new RecordingRunner(eksScript());
    const ctx = context(tempRoot(), runner);
    expect((await deploy(bareEks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' })).ok).toBe(true);
    expect(applied(runner).flat()).not.toContain('ServiceMonitor');
    expect(runner.calls.filter((c) => c.line.includes(' get crd '))).toEqual([]);
    expect(ctx.io.stdout.join('\n')).not.toContain('skipped');
  });

  it('re-synthesizes the manifests with the stack outputs, so the IRSA role ARN reaches the ServiceAccount', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    await deploy(bareEks, { ...context(root, runner), spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(root, 'dist', 'k8s', 'eks', 'web-api.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    const sa = objects.find((o) => o.kind === 'ServiceAccount');
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(EKS_OUTPUTS.workload_role_arn);
  });

  it('gives the add-ons the stack outputs: the Helm values file carries them', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    await deploy(withAddons(eks, fakeAddons), { ...context(root, runner), spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    const values = YAML.parse(
      fs.readFileSync(path.join(root, '.orquesta', 'addons', 'eks', 'aws-load-balancer-controller.values.yaml'), 'utf8'),
    );
    expect(values).toEqual({ clusterName: EKS_OUTPUTS.cluster_name, replicaCount: 2 });
  });

  it('without a working helm, a target with Helm add-ons stops before terraform, saying how to fix it', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(
      eksScript([
        {
          match: 'helm version',
          results: [{ code: 127, stderr: 'helm: command not found (install it, or set ORQUESTA_HELM to its path)' }],
        },
      ]),
    );
    const ctx = context(root, runner);
    const result = await deploy(withAddons(eks, fakeAddons), { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result).toEqual({ ok: false, failedStep: 'synth', outputs: undefined });
    expect(linesOf(runner, root)).toEqual(['helm version --short']);
    expect(ctx.io.stderr.join('\n')).toContain(
      'helm is needed for aws-load-balancer-controller, karpenter but `helm version` failed (helm: command not found (install it, or set ORQUESTA_HELM to its path)): install Helm 3',
    );
  });

  it('on a failed apply names the step, shows the end of stderr and how to resume, and runs nothing after it', async () => {
    const root = tempRoot();
    const stderr = [
      'Error: creating EKS Cluster (orquesta-demo): operation error EKS: CreateCluster,',
      '  ResourceInUseException: Cluster already exists with name: orquesta-demo',
    ].join('\n');
    const runner = new RecordingRunner(eksScript([{ match: 'terraform apply', results: [{ code: 1, stderr }] }]));
    const ctx = context(root, runner);
    const result = await deploy(bareEks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });

    expect(result).toEqual({ ok: false, failedStep: 'terraform apply', outputs: undefined });
    expect(linesOf(runner, root).at(-1)).toBe('terraform apply -input=false -auto-approve orquesta.tfplan');
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain('✗ [3/7] terraform apply failed');
    expect(err).toContain('`terraform apply -input=false -auto-approve orquesta.tfplan` exited with code 1');
    expect(err).toContain('ResourceInUseException: Cluster already exists with name: orquesta-demo');
    expect(err).toContain('To resume: re-run `orquesta deploy --target eks`: terraform apply is idempotent');
  });

  it('a failing add-on stops the deploy before the workload, and says how to look at the release', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(
      eksScript([{ match: /^helm .* karpenter /, results: [{ code: 1, stderr: 'Error: context deadline exceeded' }] }]),
    );
    const ctx = context(root, runner);
    const result = await deploy(withAddons(eks, fakeAddons), { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result.ok).toBe(false);
    expect(result.failedStep).toBe('platform add-ons');
    expect(linesOf(runner, root).at(-1)).toMatch(/^helm .* upgrade --install karpenter /);
    expect(applied(runner)).toEqual([]);
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain('✗ [5/7] platform add-ons failed');
    expect(err).toContain('add-on karpenter 1.0.0 (helm) did not install');
    expect(err).toContain('Error: context deadline exceeded');
    expect(err).toContain('see `helm --kubeconfig .orquesta/kube/eks.yaml status karpenter --namespace karpenter`');
  });

  it('on a rollout timeout says the manifests are applied and how to look at the pods', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(
      eksScript([{ match: /rollout status/, results: [{ code: 1, stderr: 'error: timed out waiting for the condition' }] }]),
    );
    const ctx = context(root, runner);
    const result = await deploy(bareEks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result.ok).toBe(false);
    expect(result.failedStep).toBe('kubectl apply --server-side');
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain(`deployment/web-api was not ready within ${ROLLOUT_TIMEOUT_SECONDS}s`);
    expect(err).toContain('the manifests are applied; see `kubectl --kubeconfig .orquesta/kube/eks.yaml get pods -n web-api`');
  });

  it('the Namespace carries the lab owner and expiry for a lab spec, and a StatefulSet is waited for when there is a volume', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    const spec = exampleSpec({
      cluster: { lab: { owner: 'ana', ttlHours: 8 } },
      workload: { volume: { sizeGiB: 10 } },
    });
    await deploy(bareEks, { ...context(root, runner), spec, rerun: 'orquesta lab up --target eks' });
    const [namespace] = stdinObjects(runner.calls.find((c) => c.line.includes(' apply --server-side'))!);
    expect(namespace.metadata).toMatchObject({
      name: 'web-api',
      labels: {
        'orquesta-lab': 'true',
        'orquesta-owner': 'ana',
        'orquesta-expires-at': '2026-11-22t18-00z',
        'pod-security.kubernetes.io/enforce': 'restricted',
      },
    });
    expect(linesOf(runner, root)).toContain(
      `kubectl --kubeconfig ${K} rollout status statefulset/web-api --namespace web-api --timeout=${ROLLOUT_TIMEOUT_SECONDS}s`,
    );
  });

  it('waits for the address with a progress line a minute, then prints the URL', async () => {
    const root = tempRoot();
    const pending = Array(6).fill({ stdout: serviceJson() });
    const runner = new RecordingRunner(eksScript([{ match: /get svc\/web-api/, results: [...pending, { stdout: serviceJson(NLB) }] }]));
    const ctx = context(root, runner);
    const result = await deploy(bareEks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result.ok).toBe(true);
    expect(linesOf(runner, root).filter((l) => l.includes('get svc/web-api'))).toHaveLength(7);
    expect(ctx.io.stdout.filter((l) => l.includes('no address yet'))).toEqual([
      '      no address yet on svc/web-api after 0s; checking every 15s',
      '      no address yet on svc/web-api after 1m 0s; checking every 15s',
    ]);
    expect(ctx.io.stdout).toContain(`      svc/web-api: ${NLB}`);
    expect(ctx.io.stdout.at(-2)).toBe(`✔ web-api runs on Amazon EKS cluster orquesta-demo (1m 30s): http://${NLB}:80`);
  });

  it('fails after the bound when no address appears, naming the controller that should give one and how to inspect it', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript([{ match: /get svc\/web-api/, results: [{ stdout: serviceJson() }] }]));
    const ctx = context(root, runner);
    const result = await deploy(bareEks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result.ok).toBe(false);
    expect(result.failedStep).toBe('wait for the address');
    // Bounded: one poll every interval until the timeout, then it stops.
    const polls = linesOf(runner, root).filter((l) => l.includes('get svc/web-api')).length;
    expect(polls).toBe(ADDRESS_TIMEOUT_MS / ADDRESS_POLL_INTERVAL_MS + 1);
    const err = ctx.io.stderr.join('\n');
    expect(err).toContain('✗ [7/7] wait for the address failed');
    expect(err).toContain(
      'svc/web-api in namespace web-api got no address within 10m 0s: its load balancer comes from the AWS Load Balancer Controller (kube-system/aws-load-balancer-controller); check that it is installed and running',
    );
    expect(err).toContain(
      'see the events of the object: `kubectl --kubeconfig .orquesta/kube/eks.yaml describe svc/web-api --namespace web-api`',
    );
    expect(err).toContain(
      'and the controller: `kubectl --kubeconfig .orquesta/kube/eks.yaml logs --namespace kube-system deployment/aws-load-balancer-controller --tail=50`',
    );
    expect(ctx.io.stdout.some((l) => l.startsWith('✔'))).toBe(false);
  });

  it('cluster-only exposure: no address to wait for, a port-forward line instead', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(eksScript());
    const ctx = context(root, runner);
    const spec = exampleSpec({ workload: { exposure: { type: 'cluster' } } });
    const result = await deploy(bareEks, { ...ctx, spec, rerun: 'orquesta deploy --target eks' });
    expect(result.ok).toBe(true);
    expect(result.address).toBeUndefined();
    expect(linesOf(runner, root).some((l) => l.includes(' get svc/'))).toBe(false);
    expect(ctx.io.stdout).toContain(
      '      cluster-only exposure: no external address; try `kubectl --kubeconfig .orquesta/kube/eks.yaml port-forward --namespace web-api svc/web-api 8080:80`',
    );
    expect(ctx.io.stdout.at(-2)).toBe('✔ web-api runs on Amazon EKS cluster orquesta-demo (0s)');
  });

  it('a failed server-side apply points at the YAML file to apply by hand, not the directory with the add-on list', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(
      eksScript([{ match: / apply --server-side/, results: [{ code: 1, stderr: 'error: Unauthorized' }] }]),
    );
    const ctx = context(root, runner);
    const result = await deploy(bareEks, { ...ctx, spec: exampleSpec(), rerun: 'orquesta deploy --target eks' });
    expect(result.failedStep).toBe('kubectl apply --server-side');
    expect(ctx.io.stderr.join('\n')).toContain(
      'or apply by hand: `kubectl --kubeconfig .orquesta/kube/eks.yaml apply --server-side -f dist/k8s/eks/web-api.yaml`',
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
      SERVICE_HAS_ADDRESS,
      { match: /^kubectl / },
    ]);
    const ctx = context(root, runner);
    const result = await deploy(
      withAddons(new KopsTarget(), () => []),
      { ...ctx, spec: withCluster({}), rerun: 'orquesta deploy --target kops' },
    );
    expect(result.ok).toBe(true);
    const downloads = linesOf(runner, root).filter((l) => l.startsWith('aws s3 cp'));
    expect(downloads).toEqual(
      Array(3).fill(
        'aws s3 cp --only-show-errors --region us-east-1 s3://orquesta-demo-state-1a2b3c/control-plane/admin.conf <root>/.orquesta/kube/kops.yaml',
      ),
    );
    expect(ctx.io.stdout.filter((l) => l.includes('credentials not available yet'))).toHaveLength(2);
  });

  it('kops-style: downloads the admin kubeconfig with a session of the stack admin role, the only one the bucket admits', async () => {
    const root = tempRoot();
    const outputs = {
      cluster_name: 'orquesta-demo',
      cluster_region: 'us-east-1',
      state_bucket_name: 'orquesta-demo-state-1a2b3c',
      admin_role_arn: 'arn:aws:iam::123456789012:role/orquesta-demo-kops-admin',
    };
    const runner = new RecordingRunner([
      { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(outputs) }] },
      { match: 'terraform' },
      { match: 'aws sts assume-role', results: [{ stdout: 'ASIAEXAMPLE\tsecret\ttoken\n' }] },
      { match: 'aws s3 cp' },
      SERVICE_HAS_ADDRESS,
      { match: /^kubectl / },
    ]);
    const ctx = context(root, runner);
    const result = await deploy(
      withAddons(new KopsTarget(), () => []),
      { ...ctx, spec: withCluster({}), rerun: 'orquesta deploy --target kops' },
    );
    expect(result.ok).toBe(true);
    const lines = linesOf(runner, root);
    const assume = lines.findIndex((l) =>
      l.startsWith('aws sts assume-role --role-arn arn:aws:iam::123456789012:role/orquesta-demo-kops-admin'),
    );
    const download = lines.findIndex((l) => l.startsWith('aws s3 cp'));
    expect(assume).toBeGreaterThanOrEqual(0);
    expect(download).toBeGreaterThan(assume);
    expect(runner.calls.find((c) => c.line.startsWith('aws s3 cp'))!.options.env).toMatchObject({
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });
    // kubectl runs as the caller: only the download uses the admin session.
    expect(runner.calls.find((c) => c.line.startsWith('kubectl'))!.options.env?.AWS_SESSION_TOKEN).toBeUndefined();
  });
});
