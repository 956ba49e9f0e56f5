import { CLUSTER_ACCESS, flagValue, requireOutput } from '../../src/lifecycle/cluster-access';
import { formatCommandLine, type CommandSpec } from '../../src/lifecycle/command-runner';
import { readSynthOutput } from '../../src/analysis/inventory/read-synth-output';
import { WEB_API_EXAMPLE } from '../../src/examples/web-api';
import { synthesize } from '../../src/synth/synthesize';
import { TARGET_IDS } from '../../src/targets/cluster-target';
import { ALL_TARGETS } from '../../src/targets/registry';
import { prepareAppSpec } from '../../src/targets/validate-for-targets';
import { TEST_NOW } from '../util';
import { tempRoot } from './lifecycle-fixture';

const K = '/p/.orquesta/kube/x.yaml';
const show = (specs: readonly CommandSpec[]) =>
  specs.map(
    (s) =>
      `${Object.entries(s.env ?? {})
        .map(([k, v]) => `${k}=${v} `)
        .join('')}${formatCommandLine(s.command, s.args)}`,
  );
const noLookup = async (): Promise<string> => {
  throw new Error('no lookup expected');
};
const footprint = { loadBalancers: ['default/web-api'], volumes: ['pvc-1', 'pvc-2'] };

describe('credentials per target, from stack outputs, into the per-target kubeconfig', () => {
  it.each([
    [
      'eks',
      { cluster_name: 'demo', cluster_region: 'eu-west-1' },
      ['aws eks update-kubeconfig --region eu-west-1 --name demo --kubeconfig /p/.orquesta/kube/x.yaml'],
    ],
    [
      'gke',
      {
        cluster_name: 'demo',
        cluster_region: 'us-central1',
        cluster_location: 'us-central1',
        kubeconfig_command: 'gcloud container clusters get-credentials demo --region us-central1 --project orquesta-demo',
      },
      [`KUBECONFIG=${K} gcloud container clusters get-credentials demo --region us-central1 --project orquesta-demo`],
    ],
    [
      'gke',
      {
        cluster_name: 'demo',
        cluster_region: 'us-central1',
        cluster_location: 'us-central1-a',
        kubeconfig_command: 'gcloud container clusters get-credentials demo --zone us-central1-a --project p1',
      },
      [`KUBECONFIG=${K} gcloud container clusters get-credentials demo --zone us-central1-a --project p1`],
    ],
    [
      'aks',
      { cluster_name: 'demo', resource_group_name: 'rg-demo' },
      [
        `az aks get-credentials --resource-group rg-demo --name demo --file ${K} --overwrite-existing`,
        `KUBECONFIG=${K} kubelogin convert-kubeconfig -l azurecli`,
      ],
    ],
    [
      'kops',
      { cluster_name: 'demo', cluster_region: 'us-east-1', state_bucket_name: 'demo-state-abc' },
      [`aws s3 cp --only-show-errors --region us-east-1 s3://demo-state-abc/control-plane/admin.conf ${K}`],
    ],
  ] as const)('%s', (target, outputs, expected) => {
    expect(show(CLUSTER_ACCESS[target].credentials(outputs, K))).toEqual(expected);
  });

  it('names the missing output and the ones that exist', () => {
    expect(() => CLUSTER_ACCESS.eks.credentials({ cluster_name: 'demo', vpc_id: 'v' }, K)).toThrow(
      "stack output 'cluster_region' is missing (outputs: cluster_name, vpc_id); was 'terraform apply' completed?",
    );
    expect(() => requireOutput({}, 'cluster_name')).toThrow('(outputs: none)');
  });

  it('every target has a row and a login check', () => {
    for (const id of TARGET_IDS) expect(CLUSTER_ACCESS[id].loginCheck).toMatch(/^(aws|gcloud|az) /);
  });

  it('reads flags out of a kubeconfig_command output', () => {
    expect(flagValue('gcloud container clusters get-credentials demo --zone z --project p', '--project')).toBe('p');
    expect(flagValue('aws eks update-kubeconfig', '--project')).toBeUndefined();
  });
});

describe('listings of what Kubernetes created in the cloud', () => {
  it('eks: the load balancer controller tag, and EBS volumes by CSIVolumeName', async () => {
    const listings = await CLUSTER_ACCESS.eks.leftovers({ cluster_name: 'demo', cluster_region: 'us-east-1' }, footprint, noLookup);
    expect(show(listings.map((l) => l.command))).toEqual([
      "aws resourcegroupstaggingapi get-resources --region us-east-1 --resource-type-filters elasticloadbalancing:loadbalancer elasticloadbalancing:targetgroup ec2:security-group --tag-filters Key=elbv2.k8s.aws/cluster,Values=demo --query 'ResourceTagMappingList[].ResourceARN' --output json",
      "aws resourcegroupstaggingapi get-resources --region us-east-1 --resource-type-filters ec2:volume --tag-filters Key=CSIVolumeName,Values=pvc-1,pvc-2 --query 'ResourceTagMappingList[].ResourceARN' --output json",
    ]);
    expect(listings[0].parse('[\n  "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/a/b"\n]\n')).toEqual([
      'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/a/b',
    ]);
    expect(listings[0].parse('[]')).toEqual([]);
  });

  it("kops: the cloud provider's owned cluster tag (not the subnets' shared one); no volume listing without volumes", async () => {
    const listings = await CLUSTER_ACCESS.kops.leftovers(
      { cluster_name: 'demo', cluster_region: 'us-east-1' },
      { loadBalancers: [], volumes: [] },
      noLookup,
    );
    expect(show(listings.map((l) => l.command))).toEqual([
      "aws resourcegroupstaggingapi get-resources --region us-east-1 --resource-type-filters elasticloadbalancing:loadbalancer elasticloadbalancing:targetgroup --tag-filters Key=kubernetes.io/cluster/demo,Values=owned --query 'ResourceTagMappingList[].ResourceARN' --output json",
    ]);
  });

  it('gke: forwarding and firewall rules by the Service in their description, disks by PV name', async () => {
    const outputs = { kubeconfig_command: 'gcloud container clusters get-credentials demo --region r --project orquesta-demo' };
    const listings = await CLUSTER_ACCESS.gke.leftovers(outputs, footprint, noLookup);
    expect(show(listings.map((l) => l.command))).toEqual([
      `gcloud compute forwarding-rules list --project orquesta-demo '--filter=description~'\\''"default/web-api"'\\''' '--format=value(name)'`,
      `gcloud compute firewall-rules list --project orquesta-demo '--filter=description~'\\''"default/web-api"'\\''' '--format=value(name)'`,
      `gcloud compute disks list --project orquesta-demo '--filter=name=(pvc-1 pvc-2)' '--format=value(name)'`,
    ]);
    expect(listings[0].command.args).toContain(`--filter=description~'"default/web-api"'`);
    expect(listings[2].parse('pvc-1\npvc-2\n')).toEqual(['pvc-1', 'pvc-2']);
    expect(await CLUSTER_ACCESS.gke.leftovers(outputs, { loadBalancers: [], volumes: [] }, noLookup)).toEqual([]);
  });

  it('aks: looks up the node resource group once, then lists service rules, IPs and disks in it', async () => {
    const lookups: string[] = [];
    const listings = await CLUSTER_ACCESS.aks.leftovers({ cluster_name: 'demo', resource_group_name: 'rg-demo' }, footprint, async (c) => {
      lookups.push(formatCommandLine(c.command, c.args));
      return 'rg-demo-nodes';
    });
    expect(lookups).toEqual(['az aks show --resource-group rg-demo --name demo --query nodeResourceGroup --output tsv']);
    expect(show(listings.map((l) => l.command))).toEqual([
      "az network lb list --query '[].loadBalancingRules[].name' --resource-group rg-demo-nodes --output tsv",
      `az network public-ip list --query '[?tags."k8s-azure-service"].name' --resource-group rg-demo-nodes --output tsv`,
      `az disk list --query '[?contains(['\\''pvc-1'\\'', '\\''pvc-2'\\''], name)].name' --resource-group rg-demo-nodes --output tsv`,
    ]);
  });
});

describe('the rows read only outputs the synthesized stacks declare', () => {
  const root = tempRoot();
  synthesize(prepareAppSpec(WEB_API_EXAMPLE, ALL_TARGETS), ALL_TARGETS, { root, now: TEST_NOW });

  it.each(TARGET_IDS.map((id) => [id]))('%s', async (id) => {
    const declared = Object.keys((readSynthOutput(root, id).stack as { output: Record<string, unknown> }).output);
    // Stand-in values shaped like the real ones where a row parses them.
    const outputs = Object.fromEntries(declared.map((name) => [name, name === 'kubeconfig_command' ? 'cmd --project p' : `${name}-value`]));
    expect(() => CLUSTER_ACCESS[id].credentials(outputs, K)).not.toThrow();
    await expect(CLUSTER_ACCESS[id].leftovers(outputs, footprint, async () => 'node-rg')).resolves.not.toHaveLength(0);
  });
});
