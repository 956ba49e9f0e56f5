import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { KOPS_CALICO_MANIFEST_SHA256, KOPS_ECR_CREDENTIAL_PROVIDER, KOPS_STATE_KEYS } from '../../../src/targets/kops/kops-defaults';
import { kopsAddonManifests, kopsPlatformAddons } from '../../../src/targets/kops/kops-addons';
import { KopsTarget } from '../../../src/targets/kops/kops-target';
import { APT_KEY_FINGERPRINTS, artifactFunctions } from '../../../src/targets/kops/user-data/artifacts';
import { bootstrapObjects } from '../../../src/targets/kops/user-data/bootstrap-script';
import { joinFunctions } from '../../../src/targets/kops/user-data/join-library';
import { exampleSpec } from '../../util';

const spec = exampleSpec();
const manifests = Object.fromEntries(kopsAddonManifests(spec).map((m) => [m.name, m]));
const objectsOf = (name: string) => parseAllDocuments(manifests[name].content).map((d) => d.toJS() as Record<string, any>);
const find = (objects: Array<Record<string, any>>, kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const bootstrap = bootstrapObjects({ clusterName: 'orquesta-demo', kubernetesVersion: '1.35', region: 'us-east-1' });
const library = bootstrap[KOPS_STATE_KEYS.nodeLibrary];

describe('kops add-ons', () => {
  test('platformAddons lists every add-on with version, source and worker footprint; the bootstrap installs them all', () => {
    const addons = new KopsTarget().platformAddons(spec, {});
    expect(addons.map((a) => a.name).sort()).toEqual(
      [
        'aws-cloud-controller-manager',
        'aws-ebs-csi-driver',
        'calico',
        'cluster-autoscaler',
        'coredns',
        'ecr-credential-provider',
        'kube-proxy',
        'metrics-server',
        'prometheus',
      ].sort(),
    );
    for (const addon of addons) {
      expect(addon.delivery).toBe('terraform');
      expect(addon.version).toMatch(/^(v?\d+\.\d+\.\d+|kubeadm v\d+\.\d+\.\d+ default)$/);
      expect(addon.source).toMatch(/https:\/\/.*20\d\d-\d\d/);
      if (addon.delivery === 'terraform') expect(addon.address).toMatch(/^aws_s3_object\.kops_bootstrap_bootstrap_/);
    }
    const footprint = Object.fromEntries(addons.map((a) => [a.name, a.footprint]));
    expect(footprint.prometheus).toEqual({ replicas: { count: 1, cpuMillicores: 500, memoryMiB: 2048 } });
    expect(footprint['aws-ebs-csi-driver']).toEqual({ perNode: { cpuMillicores: 30, memoryMiB: 120 } });
    expect(footprint.calico).toEqual({ perNode: { cpuMillicores: 250, memoryMiB: 0 } });
    expect(footprint['cluster-autoscaler']).toEqual({});
  });

  test('manifests are plain YAML documents (no anchors or aliases) with nothing Terraform would interpolate', () => {
    for (const m of kopsAddonManifests(spec)) {
      expect(m.content).not.toMatch(/[&*]a\d+\b/);
      expect(m.content).not.toMatch(/\$\{|%\{/);
      for (const doc of parseAllDocuments(m.content)) expect(doc.errors).toEqual([]);
    }
  });

  test('no Prometheus (neither manifest nor footprint) when the workload is not monitored with Prometheus', () => {
    const plain = exampleSpec({ workload: { monitoring: { type: 'none' } } });
    expect(kopsAddonManifests(plain).map((m) => m.name)).not.toContain('prometheus');
    expect(kopsPlatformAddons(plain).map((a) => a.name)).not.toContain('prometheus');
  });

  test('the EBS CSI controller runs on the control plane on the host network, with the region explicit and cluster tagging', () => {
    const objects = objectsOf('aws-ebs-csi-driver');
    const controller = find(objects, 'Deployment', 'ebs-csi-controller').spec.template.spec;
    expect(controller.hostNetwork).toBe(true);
    expect(controller.nodeSelector).toEqual({ 'node-role.kubernetes.io/control-plane': '' });
    const plugin = controller.containers.find((c: any) => c.name === 'ebs-plugin');
    expect(plugin.args).toContain('--k8s-tag-cluster-id=orquesta-demo');
    expect(plugin.env).toEqual(expect.arrayContaining([{ name: 'AWS_REGION', value: 'us-east-1' }]));
    expect(find(objects, 'StorageClass', 'kops-csi-gp3')).toEqual(
      expect.objectContaining({
        provisioner: 'ebs.csi.aws.com',
        volumeBindingMode: 'WaitForFirstConsumer',
        parameters: { type: 'gp3', encrypted: 'true' },
      }),
    );
    expect(find(objects, 'DaemonSet', 'ebs-csi-node').spec.template.spec.hostNetwork).toBeUndefined();
  });

  test('cluster-autoscaler discovers the worker groups by tag and runs with the control-plane role on the host network', () => {
    const objects = objectsOf('cluster-autoscaler');
    const pod = find(objects, 'Deployment', 'cluster-autoscaler').spec.template.spec;
    expect(pod.hostNetwork).toBe(true);
    expect(pod.containers[0].command).toEqual(
      expect.arrayContaining([
        '--cloud-provider=aws',
        '--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/orquesta-demo',
      ]),
    );
    expect(pod.containers[0].image).toBe('registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.1');
    expect(pod.containers[0].env).toEqual([{ name: 'AWS_REGION', value: 'us-east-1' }]);
  });

  test('metrics-server serves the metrics API the HPA reads', () => {
    const objects = objectsOf('metrics-server');
    expect(find(objects, 'APIService', 'v1beta1.metrics.k8s.io').spec.service).toEqual({
      name: 'metrics-server',
      namespace: 'kube-system',
    });
    const container = find(objects, 'Deployment', 'metrics-server').spec.template.spec.containers[0];
    expect(container.resources.requests).toEqual({ cpu: '100m', memory: '200Mi' });
  });

  test("Prometheus scrapes the workload's pods in the workload's namespace, from the namespace its NetworkPolicy admits", () => {
    const objects = objectsOf('prometheus');
    expect(find(objects, 'Namespace', 'monitoring')).toBeDefined();
    const config = parseAllDocuments(find(objects, 'ConfigMap', 'prometheus').data['prometheus.yml'])[0].toJS();
    const job = config.scrape_configs[0];
    expect(job.kubernetes_sd_configs).toEqual([{ role: 'pod', namespaces: { names: [spec.workload.namespace] } }]);
    expect(job.metrics_path).toBe('/metrics');
    expect(job.relabel_configs).toEqual(
      expect.arrayContaining([
        { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], regex: spec.workload.name, action: 'keep' },
        {
          source_labels: ['__meta_kubernetes_pod_container_port_number'],
          regex: String((spec.workload.monitoring as { port: number }).port),
          action: 'keep',
        },
      ]),
    );
    const pod = find(objects, 'Deployment', 'prometheus').spec.template.spec;
    expect(pod.containers[0].image).toBe('quay.io/prometheus/prometheus:v3.14.0');
    expect(find(objects, 'PersistentVolumeClaim', 'prometheus-data').spec.storageClassName).toBe('kops-csi-gp3');
  });

  test('the cloud controller manager may delete Nodes of terminated instances (upstream base role) and gets the region', () => {
    const ccm = parseAllDocuments(bootstrap[KOPS_STATE_KEYS.cloudControllerManifest]).map((d) => d.toJS() as Record<string, any>);
    const role = find(ccm, 'ClusterRole', 'system:cloud-controller-manager');
    expect(role.rules.find((r: any) => r.resources.includes('nodes')).verbs).toEqual(['*']);
    const container = find(ccm, 'DaemonSet', 'aws-cloud-controller-manager').spec.template.spec.containers[0];
    expect(container.env).toEqual([{ name: 'AWS_REGION', value: 'us-east-1' }]);
  });
});

describe('kops bootstrap controls', () => {
  test('Calico and the ECR credential provider are fetched by URL and refused unless their sha256 matches', () => {
    expect(library).toContain(`/manifests/calico.yaml ${KOPS_CALICO_MANIFEST_SHA256} /etc/orquesta/addons/calico.yaml`);
    expect(library).toContain(`amd64) sum=${KOPS_ECR_CREDENTIAL_PROVIDER.sha256.amd64} ;;`);
    expect(library).toContain('install_ecr_credential_provider\n  systemctl enable kubelet');
  });

  test.each([
    ['the published hash', true],
    ['any other hash', false],
  ])('fetch_verified accepts a download with %s only (%s)', (_, matches) => {
    const dir = mkdtempSync(join(tmpdir(), 'orquesta-fetch-'));
    const source = join(dir, 'artifact');
    writeFileSync(source, 'calico manifest\n');
    const good = spawnSync('sha256sum', [source], { encoding: 'utf8' }).stdout.split(' ')[0];
    const sum = matches ? good : '0'.repeat(64);
    const script = `set -euo pipefail
retry() { local attempts=$1 delay=$2; shift 2; "$@"; }
${artifactFunctions()}
fetch_verified file://${source} ${sum} ${dir}/out
echo fetched`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(result.status === 0).toBe(matches);
    expect(result.stdout.includes('fetched')).toBe(matches);
    if (!matches) expect(result.stderr).toContain('sha256 mismatch');
  });

  test.each([
    ['the published key alone', ['pub', 'fpr:::::::::DE15B14486CD377B9E876E1A234654DA9A296436:', 'sub', 'fpr:::::::::1111:'], true],
    ['another key', ['pub', 'fpr:::::::::2222:'], false],
    ['the published key plus another', ['pub', 'fpr:::::::::DE15B14486CD377B9E876E1A234654DA9A296436:', 'pub', 'fpr:::::::::2222:'], false],
  ])('verify_key_fingerprint with %s: accepted %s', (_, colons, accepted) => {
    const dir = mkdtempSync(join(tmpdir(), 'orquesta-key-'));
    writeFileSync(join(dir, 'gpg'), `#!/bin/bash\nprintf '%s\\n' ${colons.map((l) => `'${l}'`).join(' ')}\n`, { mode: 0o755 });
    const script = `set -euo pipefail\nexport PATH=${dir}:$PATH\n${artifactFunctions()}\nverify_key_fingerprint /tmp/k.asc ${APT_KEY_FINGERPRINTS.kubernetes}\necho accepted`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(result.stdout.includes('accepted')).toBe(accepted);
    expect(library).toContain(`verify_key_fingerprint /tmp/kubernetes.asc ${APT_KEY_FINGERPRINTS.kubernetes}`);
    expect(library).toContain(`verify_key_fingerprint /tmp/docker.asc ${APT_KEY_FINGERPRINTS.docker}`);
  });

  test('kubeadm: internal endpoint, public name in the certificate, Secrets encrypted, audit log rotated, ECR provider for the kubelet', () => {
    expect(library).toContain('controlPlaneEndpoint: $API_HOST:443');
    expect(library).toContain('  certSANs:\n    - $API_HOST\n    - $PUBLIC_API_HOST');
    for (const arg of [
      '- name: encryption-provider-config\n      value: /etc/kubernetes/orquesta/encryption-config.yaml',
      '- name: audit-policy-file\n      value: /etc/kubernetes/orquesta/audit-policy.yaml',
      '- name: audit-log-path\n      value: /var/log/kubernetes/audit/audit.log',
      '- name: audit-log-maxbackup\n      value: 10',
      '- name: image-credential-provider-config\n      value: /etc/orquesta/image-credential-provider.yaml',
    ]) {
      expect(library).toContain(arg);
    }
    expect(library).toContain("'      - secretbox:'");
    expect(library).toContain('s3_put control-plane/encryption-config.yaml < /etc/kubernetes/orquesta/encryption-config.yaml');
    expect(library).toContain('kind: Policy');
  });

  test('no certificate key and no standing join token: members create their own short-lived token, workers ask for one', () => {
    const all = Object.values(bootstrap).join('\n');
    expect(all).not.toMatch(/certificate-key|--upload-certs|certificateKey/);
    const join = joinFunctions();
    expect(join).toContain('kubeadm token create --kubeconfig /etc/orquesta/admin.conf --ttl "$JOIN_TOKEN_TTL"');
    expect(join).toContain('session=$(aws sts get-caller-identity --query UserId --output text)');
    expect(join).toContain('s3_put_plain "join-requests/$session"');
    expect(join).toContain('if [ "$role_id" != "$NODES_ROLE_ID" ] || ! verify_worker_instance "$instance"; then');
    expect(join).toContain('aws autoscaling describe-auto-scaling-instances --instance-ids "$1"');
    expect(join).toContain('case "$group" in "$CLUSTER_NAME"-kops-nodes-*) ;; *) return 1 ;; esac');
    expect(join).toContain('kubeadm token delete "$token_id"');
  });

  test('the join issuer answers a verified request and refuses a forged one (AWS and kubeadm stubbed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orquesta-join-'));
    const bin = join(dir, 'bin');
    const bucket = join(dir, 'bucket');
    spawnSync('mkdir', ['-p', bin, `${bucket}/join-requests`]);
    writeFileSync(`${bucket}/join-requests/AROANODES:i-good`, 'i-good\n');
    writeFileSync(`${bucket}/join-requests/AROAOTHER:i-evil`, 'i-evil\n');
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
    };
    // A minimal S3 on the file system, and the account's view of which instance is in which group.
    stub(
      'aws',
      String.raw`case "$1 $2" in
  "s3api list-objects-v2") prefix=$(echo "$@" | sed 's/.*--prefix \([^ ]*\).*/\1/'); (cd "$BUCKET" && find "$prefix" -type f 2>/dev/null | sort) ;;
  "s3api head-object") key=$(echo "$@" | sed 's/.*--key \([^ ]*\).*/\1/'); test -f "$BUCKET/$key" ;;
  "s3 cp") for a; do src=$dst; dst=$a; done
    if [ "$src" = - ]; then key=$(echo "$dst" | sed 's|s3://[^/]*/||'); mkdir -p "$(dirname "$BUCKET/$key")"; cat > "$BUCKET/$key"; echo "$*" >> "$BUCKET/.puts"
    else key=$(echo "$src" | sed 's|s3://[^/]*/||'); cat "$BUCKET/$key"; fi ;;
  "s3 rm") for a; do last=$a; done; rm -f "$BUCKET/$(echo "$last" | sed 's|s3://[^/]*/||')" ;;
  "autoscaling describe-auto-scaling-instances") case "$*" in *i-good*) printf 'orquesta-demo-kops-nodes-apps\tInService\n';; *) echo None;; esac ;;
  "autoscaling describe-auto-scaling-groups") echo owned ;;
  *) echo "unexpected aws $*" >&2; exit 1 ;;
esac`,
    );
    stub('kubeadm', 'if [ "$1 $2" = "token create" ]; then echo abcdef.0123456789abcdef; fi');
    // The token still exists and no Node has registered yet: the sweep keeps the answer.
    stub('kubectl', 'exit 0');
    stub('openssl', 'echo "(stdin)= 00"');
    const script = `set -euo pipefail
export PATH=${bin}:$PATH BUCKET=${bucket} STATE_BUCKET=state CLUSTER_NAME=orquesta-demo NODES_ROLE_ID=AROANODES JOIN_TOKEN_TTL=15m API_HOST=api.internal API_PORT=443
s3_put() { aws s3 cp --only-show-errors - "s3://$STATE_BUCKET/$1"; }
s3_get() { aws s3 cp --only-show-errors "s3://$STATE_BUCKET/$1" -; }
s3_exists() { aws s3api head-object --bucket "$STATE_BUCKET" --key "$1" > /dev/null 2>&1; }
${joinFunctions()}
answer_join_requests`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(result.stderr).toContain('refusing join request join-requests/AROAOTHER:i-evil');
    expect(result.stdout).toContain('issued a join token to i-good');
    const answer = spawnSync('cat', [`${bucket}/nodes/join/AROANODES:i-good/join.env`], { encoding: 'utf8' }).stdout;
    expect(answer).toContain('JOIN_TOKEN=abcdef.0123456789abcdef');
    expect(answer).toContain('API_ENDPOINT=api.internal:443');
    expect(spawnSync('test', ['-e', `${bucket}/nodes/join/AROAOTHER:i-evil/join.env`]).status).not.toBe(0);
    expect(spawnSync('test', ['-e', `${bucket}/join-requests/AROANODES:i-good`]).status).not.toBe(0);
    const puts = spawnSync('cat', [`${bucket}/.puts`], { encoding: 'utf8' }).stdout;
    expect(puts).toMatch(/--sse AES256 - s3:\/\/state\/nodes\/join\/AROANODES:i-good\/join\.env/);
  });
});
