import { restoreKopsEtcd, type RestoreOutcome } from '../../lifecycle/kops/kops-etcd-restore';
import { KOPS_STATE_KEYS } from '../../targets/kops/kops-defaults';
import { UsageError } from '../../spec/usage-error';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type CliIo, type Command } from '../command';
import { parseOptions } from '../common-options';
import { KOPS_DAY2_OPTIONS, KOPS_DAY2_OPTIONS_HELP, kopsDay2Context, parseKopsTarget } from './kops-day2-cli';
import { PROCESS_DEPS, type LifecycleDeps } from './lifecycle-cli';

export const RESTORE_EXIT_CODES: Readonly<Record<RestoreOutcome, number>> = {
  restored: EXIT_OK,
  refused: EXIT_INVALID,
  failed: EXIT_FAILURE,
};

export function createEtcdRestoreCommand(deps: LifecycleDeps): Command {
  return {
    name: 'etcd-restore',
    summary: "restore a kops cluster's etcd from a snapshot in its state bucket",
    help: `Usage: orquesta etcd-restore --target kops --snapshot <key|latest> [--app <file>] [--backend <url>] [--yes] [--quiet]

Replaces all of the cluster's etcd data with a snapshot the control plane took (every 15 minutes,
under s3://<state bucket>/${KOPS_STATE_KEYS.etcdBackupsPrefix}), on the control-plane members that run now
(fresh instances included), through SSM:
  [1/6] open the cluster       synth, terraform init and outputs, the admin kubeconfig
  [2/6] snapshot               'latest' = the newest object under ${KOPS_STATE_KEYS.etcdBackupsPrefix}; a key must exist
  [3/6] members                every control-plane instance must be running; asks for the cluster
                               name unless --yes
  [4/6] stop                   etcd, API server, controller manager, scheduler on every member
  [5/6] restore                etcdutl snapshot restore on each member into one new etcd cluster
                               (the data it replaces is kept on the member's etcd-events volume)
  [6/6] start and check        etcd first, then the others; /readyz and etcd health of every member
Everything written to the cluster after the snapshot is lost.

Options:
  --snapshot <key|latest>  the snapshot to restore (required)
${KOPS_DAY2_OPTIONS_HELP}

Exit codes: 0 restored, 1 a step failed (re-run to resume), 2 refused or invalid usage.`,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const opts = parseOptions(argv, { ...KOPS_DAY2_OPTIONS, snapshot: { type: 'string' } });
      const target = parseKopsTarget(opts.target, 'etcd-restore');
      if (!opts.snapshot) throw new UsageError("--snapshot is required: an object key under etcd-backups/, or 'latest'");
      const ctx = kopsDay2Context(io, deps, target, opts, { command: 'etcd-restore', argv });
      return RESTORE_EXIT_CODES[await restoreKopsEtcd(target, { ...ctx, snapshot: opts.snapshot })];
    },
  };
}

export const etcdRestoreCommand: Command = createEtcdRestoreCommand(PROCESS_DEPS);
