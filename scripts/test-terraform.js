#!/usr/bin/env node
/**
 * Checks the AWS stacks (eks, kops) with the real terraform CLI, offline:
 * synthesizes them from the compiled library (`npm run build` first) into a temporary directory,
 * then per stack runs `terraform init`, `validate`, `plan -refresh=false` with fake credentials,
 * and `show -json` of the plan, and asserts the planned resource types and counts, and that every
 * planned resource with `tags_all` carries the common tags.
 *
 * terraform and its CLI configuration are whatever the caller has: `terraform` from PATH, and
 * TF_CLI_CONFIG_FILE as set (CI points it at a provider mirror where one exists). Nothing here
 * assumes a path on this machine. The stacks set the provider's skip_* settings
 * (`offlinePlan: true`), so no AWS endpoint is called.
 *
 * The temporary directory is not named orquesta-test-*: jest's global teardown removes those, and
 * would do so under a concurrent run.
 *
 * Exit code 0 when every check passes, 1 otherwise (with terraform's output).
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const lib = (p) => require(path.join(root, 'lib', p));

const { App } = require('cdktf');
const { EksStack } = lib('src/targets/eks/eks-stack');
const { KopsStack } = lib('src/targets/kops/kops-stack');
const { WEB_API_EXAMPLE } = lib('src/examples/web-api');
const { prepareAppSpec } = lib('src/targets/validate-for-targets');
const { commonTags } = lib('src/targets/common/common-tags');

/** Fake credentials: the provider's skip settings mean they are never sent anywhere. */
const TERRAFORM_ENV = {
  ...process.env,
  ...lib('src/lifecycle/plan/terraform-plan').OFFLINE_PLAN_ENV,
  AWS_EC2_METADATA_DISABLED: 'true',
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
  CHECKPOINT_DISABLE: '1',
};

function main() {
  const started = Date.now();
  const spec = prepareAppSpec(WEB_API_EXAMPLE, []);
  const now = new Date();
  const c = spec.cluster;
  const pools = c.nodePools.length;
  const zones = c.zones;
  const natGateways = c.natGateways === 'per-zone' ? zones : 1;
  const controlPlane = c.kops.controlPlaneCount;

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-terraform-check-'));
  const app = new App({ outdir });
  // State stays next to each stack's cdk.tf.json, inside the temporary directory.
  const options = { now, offlinePlan: true, backend: { type: 'local', path: 'terraform.tfstate' } };
  new EksStack(app, { spec, options });
  new KopsStack(app, { spec, options });
  let t = Date.now();
  app.synth();
  log(`synth eks + kops into ${outdir}`, t);

  const expectations = {
    eks: {
      aws_eks_cluster: 1,
      aws_eks_node_group: pools,
      aws_launch_template: pools,
      aws_kms_key: 1,
      aws_iam_openid_connect_provider: 1,
      // vpc-cni, kube-proxy, eks-pod-identity-agent, coredns, aws-ebs-csi-driver, metrics-server
      aws_eks_addon: 6,
      // load-balancer controller and cluster-autoscaler (the managed add-ons carry their own)
      aws_eks_pod_identity_association: 2,
      // the deploying identity (a fixed principal offline)
      aws_eks_access_entry: 1,
      aws_eks_access_policy_association: 1,
      aws_prometheus_workspace: 1,
      aws_prometheus_scraper: 1,
      aws_flow_log: 1,
      aws_default_security_group: 1,
      aws_nat_gateway: natGateways,
      aws_subnet: 2 * Math.max(zones, 2),
      aws_vpc: 1,
    },
    kops: {
      aws_autoscaling_group: controlPlane + pools,
      aws_launch_template: controlPlane + pools,
      aws_ebs_volume: 2 * controlPlane,
      // internet-facing (users) and internal (nodes)
      aws_lb: 2,
      aws_lb_target_group: 2,
      aws_lb_listener: 2,
      aws_kms_key: 1,
      aws_kms_key_policy: 1,
      aws_iam_role: 3,
      aws_s3_bucket_policy: 1,
      aws_s3_bucket: 1,
      aws_s3_bucket_public_access_block: 1,
      aws_iam_instance_profile: 2,
      aws_flow_log: 1,
      aws_default_security_group: 1,
      aws_nat_gateway: natGateways,
      aws_subnet: 2 * zones,
      aws_vpc: 1,
    },
  };

  const failures = [];
  for (const [target, expected] of Object.entries(expectations)) {
    const dir = path.join(outdir, 'stacks', target);
    try {
      const plan = checkStack(target, dir);
      failures.push(...checkPlan(target, plan, expected, commonTags(spec, target, now)));
    } catch (err) {
      failures.push(`${target}: ${err.message}`);
      break;
    }
  }

  if (failures.length > 0) {
    console.error(`\ntest:terraform FAILED (${failures.length}); files kept in ${outdir}`);
    for (const f of failures) console.error(`  - ${f}`);
    process.exit(1);
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  log('test:terraform passed', started);
}

/** init, validate, plan, show -json; returns the parsed plan. Throws with terraform's output on failure. */
function checkStack(target, dir) {
  terraform(target, dir, ['init', '-input=false', '-no-color']);
  terraform(target, dir, ['validate', '-no-color']);
  terraform(target, dir, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin']);
  const shown = terraform(target, dir, ['show', '-json', 'plan.bin'], { quiet: true });
  return JSON.parse(shown);
}

function terraform(target, cwd, args, { quiet = false } = {}) {
  const t = Date.now();
  const result = spawnSync('terraform', args, { cwd, env: TERRAFORM_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new Error(`cannot run terraform (${result.error.message}); is it on PATH?`);
  if (result.status !== 0) {
    throw new Error(`terraform ${args[0]} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  log(`${target}: terraform ${args[0]}`, t);
  if (!quiet && process.env.ORQUESTA_VERBOSE) process.stdout.write(result.stdout);
  return result.stdout;
}

/** Planned creations per type against `expected`, and the common tags on every resource with tags_all. */
function checkPlan(target, plan, expected, tags) {
  const failures = [];
  const changes = (plan.resource_changes || []).filter((rc) => rc.mode === 'managed');
  const counts = {};
  for (const rc of changes) {
    if (!rc.change.actions.includes('create')) failures.push(`${target}: ${rc.address} is planned as ${rc.change.actions.join('+')}, expected create`);
    counts[rc.type] = (counts[rc.type] || 0) + 1;
  }
  for (const [type, count] of Object.entries(expected)) {
    if ((counts[type] || 0) !== count) failures.push(`${target}: expected ${count} ${type}, plan has ${counts[type] || 0}`);
  }
  let tagged = 0;
  for (const rc of changes) {
    const after = rc.change.after || {};
    if (!('tags_all' in after)) continue;
    tagged += 1;
    const tagsAll = after.tags_all || {};
    const missing = Object.entries(tags).filter(([k, v]) => tagsAll[k] !== v);
    if (missing.length > 0) failures.push(`${target}: ${rc.address} lacks tags ${missing.map(([k]) => k).join(', ')}`);
  }
  const summary = Object.entries(counts)
    .sort()
    .map(([type, n]) => `${type}=${n}`)
    .join(' ');
  console.log(`${target}: ${changes.length} resources planned (${tagged} with tags_all, all checked): ${summary}`);
  return failures;
}

function log(what, since) {
  console.log(`${what} (${((Date.now() - since) / 1000).toFixed(1)} s)`);
}

main();
