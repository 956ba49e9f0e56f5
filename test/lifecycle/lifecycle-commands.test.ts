import * as fs from 'fs';
import * as path from 'path';
import { createDeployCommand } from '../../src/cli/commands/deploy-command';
import { createDestroyCommand } from '../../src/cli/commands/destroy-command';
import { createLabCommand, ownerFromUser } from '../../src/cli/commands/lab-command';
import type { LifecycleDeps } from '../../src/cli/commands/lifecycle-cli';
import { describeBackend, parseBackendOption } from '../../src/lifecycle/backend-option';
import { RecordingRunner, type ScriptedResponse } from '../../src/lifecycle/command-runner';
import { readLabRegistry, upsertLab } from '../../src/lifecycle/lab-registry';
import { UsageError } from '../../src/spec/usage-error';
import { TEST_NOW, type TerraformJson } from '../util';
import { EKS_OUTPUTS, SERVICE_HAS_ADDRESS, captureIo, fakeClock, stateJson, tempRoot, terraformOutputJson } from './lifecycle-fixture';

function deps(runner: RecordingRunner, answers: string[] = [], interactive = false): LifecycleDeps {
  const clock = fakeClock();
  return { runner: () => runner, now: () => TEST_NOW, interactive: () => interactive, prompt: async () => answers.shift() ?? '', ...clock };
}

const okScript: ScriptedResponse[] = [
  { match: 'terraform output -json', results: [{ stdout: terraformOutputJson(EKS_OUTPUTS) }] },
  { match: 'terraform show -json', results: [{ stdout: stateJson([{ type: 'aws_vpc', tags: { 'orquesta-lab': 'true' } }]) }] },
  { match: 'terraform' },
  { match: 'aws eks update-kubeconfig' },
  SERVICE_HAS_ADDRESS,
  { match: /^kubectl .* get (service|persistentvolumeclaim)/, results: [{ stdout: '{"items":[]}' }] },
  { match: /^kubectl / },
  { match: /^helm / },
  { match: 'aws resourcegroupstaggingapi', results: [{ stdout: '[]' }] },
];

describe('orquesta deploy', () => {
  it('deploys one target and exits 0; the resume hint repeats the exact command line', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner([
      { match: 'terraform init', results: [{ code: 1, stderr: 'Error: Failed to query available provider packages' }] },
      ...okScript,
    ]);
    const io = captureIo(root);
    expect(await createDeployCommand(deps(runner)).run(['--target', 'eks', '--quiet'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('then re-run `orquesta deploy --target eks --quiet`');
  });

  it.each([
    [[], '--target is required (eks, gke, aks or kops)'],
    [['--target', 'all'], "--target 'all': name one target"],
    [['--target', 'eks,gke'], "--target 'eks,gke': name one target"],
    [['--target', 'openshift'], "--target 'openshift' is not valid"],
    [['--target', 'eks', '--bogus'], "Unknown option '--bogus'"],
  ])('%j is a usage error, before anything runs', async (argv, message) => {
    const runner = new RecordingRunner([]);
    await expect(createDeployCommand(deps(runner)).run(argv, captureIo(tempRoot()))).rejects.toThrow(message);
    expect(runner.calls).toEqual([]);
  });

  it('passes --backend to the stack', async () => {
    const root = tempRoot();
    const runner = new RecordingRunner(okScript);
    expect(
      await createDeployCommand(deps(runner)).run(
        ['--target', 'eks', '--backend', 's3://tf-state/orquesta/eks.tfstate?dynamodb_table=tf-locks'],
        captureIo(root),
      ),
    ).toBe(0);
    const stack = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'stacks', 'eks', 'cdk.tf.json'), 'utf8')) as TerraformJson;
    expect(stack.terraform.backend).toEqual({
      s3: { bucket: 'tf-state', key: 'orquesta/eks.tfstate', region: 'us-east-1', dynamodb_table: 'tf-locks', encrypt: true },
    });
  });
});

describe('orquesta destroy', () => {
  it('without --yes on a non-terminal exits 2 and runs nothing', async () => {
    const runner = new RecordingRunner([]);
    const io = captureIo(tempRoot());
    expect(await createDestroyCommand(deps(runner)).run(['--target', 'eks'], io)).toBe(2);
    expect(runner.calls).toEqual([]);
  });

  it('destroys a recorded lab with its recorded settings and removes it from the registry', async () => {
    const root = tempRoot();
    upsertLab(root, {
      target: 'eks',
      cloud: 'aws',
      cluster: 'orquesta-demo',
      owner: 'ana',
      createdAt: '2026-11-22T06:00:00.000Z',
      expiresAt: '2026-11-22T14:00:00.000Z',
      ttlHours: 8,
      region: 'us-east-1',
      stateDir: '.orquesta/state/eks/terraform.tfstate',
    });
    const runner = new RecordingRunner(okScript);
    const io = captureIo(root);
    expect(await createDestroyCommand(deps(runner, ['orquesta-demo'], true)).run(['--target', 'eks', '--quiet'], io)).toBe(0);
    expect(readLabRegistry(root)).toEqual([]);
    const stack = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'stacks', 'eks', 'cdk.tf.json'), 'utf8')) as TerraformJson;
    expect(stack.provider.aws[0].default_tags[0].tags).toMatchObject({
      'orquesta-owner': 'ana',
      'orquesta-expires-at': '2026-11-22t14-00z',
    });
  });
});

describe('orquesta lab', () => {
  it('lab list shows the labs and how to find labs by tag per cloud', async () => {
    const root = tempRoot();
    upsertLab(root, {
      target: 'eks',
      cloud: 'aws',
      cluster: 'orquesta-demo',
      owner: 'ana',
      createdAt: '2026-11-22T06:00:00.000Z',
      expiresAt: '2026-11-22T14:00:00.000Z',
      ttlHours: 8,
      region: 'eu-west-1',
      stateDir: '.orquesta/state/eks/terraform.tfstate',
      monthlyUsd: 365,
    });
    const io = captureIo(root);
    expect(await createLabCommand(deps(new RecordingRunner([]))).run(['list'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('eks     orquesta-demo  ana    eu-west-1  4h 0m  in 4h 0m  $2.00        $2.00         active');
    expect(text).toMatch(/aws {4}aws resourcegroupstaggingapi get-resources --region eu-west-1 /);
    expect(text).toMatch(/gcp {4}gcloud asset search-all-resources/);
    expect(text).toMatch(/azure {2}az resource list --tag orquesta-lab=true/);
  });

  it.each([
    [['up', '--target', 'eks', '--ttl', 'abc', '--owner', 'ana'], "--ttl 'abc' is not a duration"],
    [['up', '--target', 'eks', '--ttl', '0h', '--owner', 'ana'], "--ttl '0h' is not a duration"],
    [['down'], "'lab down': expected a subcommand: up, list or reap"],
    [[], "'lab' needs a subcommand: up, list or reap"],
  ])('%j is a usage error, before anything runs', async (argv, message) => {
    const runner = new RecordingRunner([]);
    const run = createLabCommand(deps(runner)).run(argv, captureIo(tempRoot()));
    await expect(run).rejects.toThrow(message);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    expect(runner.calls).toEqual([]);
  });

  it('lab reap without --yes exits 2; --dry-run exits 0; nothing runs', async () => {
    const root = tempRoot();
    upsertLab(root, {
      target: 'eks',
      cloud: 'aws',
      cluster: 'orquesta-demo',
      owner: 'ana',
      createdAt: '2026-11-21T06:00:00.000Z',
      expiresAt: '2026-11-21T14:00:00.000Z',
      ttlHours: 8,
      region: 'us-east-1',
      stateDir: '.orquesta/state/eks/terraform.tfstate',
    });
    const runner = new RecordingRunner([]);
    expect(await createLabCommand(deps(runner)).run(['reap'], captureIo(root))).toBe(2);
    expect(await createLabCommand(deps(runner)).run(['reap', '--dry-run'], captureIo(root))).toBe(0);
    expect(runner.calls).toEqual([]);
  });

  it.each([
    ['ana', 'ana'],
    ['Ana.Smith', 'ana-smith'],
    ['__', undefined],
    [undefined, undefined],
  ])('owner from $USER %j → %j', (user, owner) => {
    expect(ownerFromUser(user)).toBe(owner);
  });

  it('documents every option with its default', () => {
    const help = createLabCommand(deps(new RecordingRunner([]))).help;
    expect(help).toContain('(default: 8h');
    expect(help).toContain('(default: $USER, lower-cased)');
    expect(help).toContain('--dry-run');
  });
});

describe('--backend', () => {
  const ctx = { root: '/p', target: 'eks' as const, awsRegion: 'eu-west-1' };
  it.each([
    ['s3://b/k/eks.tfstate', { type: 's3', bucket: 'b', key: 'k/eks.tfstate', region: 'eu-west-1' }],
    ['s3://b/k?region=us-east-2&dynamodb_table=locks', { type: 's3', bucket: 'b', key: 'k', region: 'us-east-2', dynamodbTable: 'locks' }],
    ['gs://b/orquesta/gke', { type: 'gcs', bucket: 'b', prefix: 'orquesta/gke' }],
    [
      'azurerm://acct/tfstate/aks.tfstate?resource_group=rg-tf',
      { type: 'azurerm', storageAccountName: 'acct', containerName: 'tfstate', key: 'aks.tfstate', resourceGroupName: 'rg-tf' },
    ],
    ['local:state/eks.tfstate', { type: 'local', path: '../../../state/eks.tfstate' }],
  ])('%s', (value, config) => {
    expect(parseBackendOption(value, ctx)).toEqual(config);
  });

  it.each([
    ['s3://b', 'the state object key is missing'],
    ['s3://b/k?regoin=x', 'unknown parameter(s) regoin'],
    ['azurerm://acct/c/k', 'resource_group=<name of the storage account resource group> is required'],
    ['ftp://b/k', "unsupported scheme 'ftp:'"],
    ['bucket/key', 'not a URL'],
    ['local:', 'the local path is empty'],
  ])('rejects %s', (value, why) => {
    expect(() => parseBackendOption(value, ctx)).toThrow(`--backend '${value}': ${why}; allowed:`);
  });

  it('describes where the state is', () => {
    expect(describeBackend(undefined, 'kops')).toBe('.orquesta/state/kops/terraform.tfstate');
    expect(describeBackend({ type: 's3', bucket: 'b', key: 'k', region: 'r' }, 'eks')).toBe('s3://b/k (no state locking)');
  });
});
