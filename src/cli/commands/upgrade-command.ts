import { upgradeKops, type UpgradeOutcome } from '../../lifecycle/kops/kops-upgrade';
import { kopsSupportedMinors } from '../../targets/kops/kops-versions';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type CliIo, type Command } from '../command';
import { parseOptions } from '../common-options';
import { KOPS_DAY2_OPTIONS, KOPS_DAY2_OPTIONS_HELP, kopsDay2Context, parseKopsTarget } from './kops-day2-cli';
import { PROCESS_DEPS, type LifecycleDeps } from './lifecycle-cli';

export const UPGRADE_EXIT_CODES: Readonly<Record<UpgradeOutcome, number>> = {
  upgraded: EXIT_OK,
  'up-to-date': EXIT_OK,
  refused: EXIT_INVALID,
  failed: EXIT_FAILURE,
};

export function createUpgradeCommand(deps: LifecycleDeps): Command {
  return {
    name: 'upgrade',
    summary: 'upgrade a running kops cluster one minor: control plane member by member, then the workers',
    help: `Usage: orquesta upgrade --target kops --to <1.MM> [--app <file>] [--backend <url>] [--yes] [--quiet]

Upgrades the running kops-style cluster to the pinned patch release of <1.MM> (pins:
${kopsSupportedMinors().join(', ')}; src/targets/kops/kops-versions.ts), without taking the workload down.
Set cluster.kubernetesVersion to <1.MM> in the spec first.
  [1/7] open the cluster       synth, terraform init and outputs, the admin kubeconfig
  [2/7] preflight              control-plane versions, API (/readyz) and etcd health
  [3/7] control plane          one member at a time, through SSM: drain, kubeadm upgrade apply
                               (first member) or kubeadm upgrade node, kubelet and kubectl at
                               the exact package version, uncordon; then the member's kubelet
                               version, /readyz, etcdctl endpoint health --cluster and member list
                               must pass before the next member
  [4/7] publish                nodes/kubernetes-version in the state bucket: what new nodes install
  [5/7] terraform apply        launch templates and tags carry the new version
  [6/7] add-ons                re-applied by the first member from the bucket (the cloud controller
                               manager and cluster-autoscaler follow the minor), index checked
                               against the hash on the control-plane launch template
  [7/7] workers                per group, an instance refresh that launches a node before it
                               terminates one; the control plane drains each terminating node
                               (PodDisruptionBudget honoured); then every Node's version is checked
Refuses (exit 2): skipping a minor, downgrading, a minor without pins, --to differing from the
spec, and running without --yes when stdin is not a terminal.

Options:
  --to <1.MM>         the minor to reach (default: cluster.kubernetesVersion of the spec)
${KOPS_DAY2_OPTIONS_HELP}

Exit codes: 0 upgraded (or already there), 1 a step failed (re-run to resume), 2 refused or invalid usage.`,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const opts = parseOptions(argv, { ...KOPS_DAY2_OPTIONS, to: { type: 'string' } });
      const target = parseKopsTarget(opts.target, 'upgrade');
      const ctx = kopsDay2Context(io, deps, target, opts, { command: 'upgrade', argv });
      const outcome = await upgradeKops(target, { ...ctx, to: opts.to ?? ctx.spec.cluster.kubernetesVersion });
      return UPGRADE_EXIT_CODES[outcome];
    },
  };
}

export const upgradeCommand: Command = createUpgradeCommand(PROCESS_DEPS);
