import { BACKEND_OPTION_HELP } from '../../lifecycle/backend-option';
import {
  API_PROBE_TIMEOUT_SECONDS,
  CLOUD_LEFTOVERS_TIMEOUT_MS,
  CLOUD_POLL_INTERVAL_MS,
  KUBERNETES_DELETE_TIMEOUT_SECONDS,
  destroy,
  type DestroyOutcome,
} from '../../lifecycle/destroy';
import { labSpec } from '../../lifecycle/lab';
import { findLab, removeLab } from '../../lifecycle/lab-registry';
import { prepareAppSpec } from '../../targets/validate-for-targets';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, parseOptions } from '../common-options';
import {
  PROCESS_DEPS,
  QUIET_OPTION_HELP,
  SINGLE_TARGET_HELP,
  lifecycleContext,
  loadRawSpec,
  parseBackend,
  parseSingleTarget,
  rerunLine,
  type LifecycleDeps,
} from './lifecycle-cli';

/** Refusals exit like usage errors: nothing was destroyed, and the fix is a flag. */
export const DESTROY_EXIT_CODES: Readonly<Record<DestroyOutcome, number>> = {
  destroyed: EXIT_OK,
  'nothing-to-destroy': EXIT_OK,
  refused: EXIT_INVALID,
  failed: EXIT_FAILURE,
};

export function createDestroyCommand(deps: LifecycleDeps): Command {
  return {
    name: 'destroy',
    summary: "delete the workload's load balancers and volumes, wait for the cloud, then terraform destroy",
    help: `Usage: orquesta destroy --target <t> [--app <file>] [--backend <url>] [--yes] [--force] [--quiet]

Tears one target down in the order that does not leave load balancers, target groups or disks
behind (the resources Kubernetes created are not in the Terraform state, and while they exist
they block deleting the VPC: terraform-aws-eks#2808, pulumi-eks#194, CAPA#1718):
  [1/7] synth                  the same stack as deploy (a lab's own settings and tags)
  [2/7] terraform init
  [3/7] review                 counts the resources in the state and checks the lab tag; asks
                               you to type the cluster name unless --yes
  [4/7] credentials            into .orquesta/kube/<t>.yaml, then checks the API answers
                               (within ${API_PROBE_TIMEOUT_SECONDS}s)
  [5/7] delete                 the workload's Deployments/StatefulSets, Services, Ingresses and
                               PVCs, then 'kubectl wait --for=delete' (up to ${KUBERNETES_DELETE_TIMEOUT_SECONDS / 60} minutes)
  [6/7] wait for the cloud     lists the load balancers, their rules/target groups and the disks
                               Kubernetes created, every ${CLOUD_POLL_INTERVAL_MS / 1000}s, until none is left
                               (up to ${CLOUD_LEFTOVERS_TIMEOUT_MS / 60000} minutes; a timeout names what is still there)
  [7/7] terraform destroy
Refuses (exit 2, nothing deleted):
  - without --yes when stdin is not a terminal (nothing is run at all);
  - a cluster whose resources carry no orquesta-lab=true tag, unless --force;
  - a cluster whose API is unreachable, unless --force (then the Kubernetes steps are skipped,
    what the cloud listing still shows is printed, and terraform destroy runs).
A lab recorded in .orquesta/labs.json is synthesized with its recorded settings and removed from
the registry once destroyed; its recorded --backend is used unless you pass one.

Options:
${SINGLE_TARGET_HELP}
${APP_OPTION_HELP}
${BACKEND_OPTION_HELP}
  --yes               do not ask for confirmation (default: ask, if stdin is a terminal)
  --force             also destroy a cluster that is not a lab, or whose API is gone
${QUIET_OPTION_HELP}
  -h, --help          show this help

Exit codes: 0 destroyed (or nothing to destroy), 1 a step failed, 2 refused or invalid usage.`,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const opts = parseOptions(argv, {
        app: { type: 'string' },
        target: { type: 'string' },
        backend: { type: 'string' },
        yes: { type: 'boolean' },
        force: { type: 'boolean' },
        quiet: { type: 'boolean' },
      });
      const target = parseSingleTarget(opts.target);
      const { raw } = loadRawSpec(opts.app, io.cwd);
      const plain = prepareAppSpec(raw, [target]);
      const lab = findLab(io.cwd, { target: target.id, cluster: plain.cluster.name });
      const spec = lab ? prepareAppSpec(labSpec(raw, lab), [target]) : plain;
      const outcome = await destroy(target, {
        ...lifecycleContext(io, deps, opts.quiet),
        spec,
        backend: parseBackend(opts.backend, io.cwd, target, spec.cluster.regions.aws) ?? lab?.backend,
        rerun: rerunLine(['destroy'], argv),
        yes: opts.yes ?? false,
        force: opts.force ?? false,
        interactive: deps.interactive(),
        prompt: deps.prompt,
        synthNow: lab ? new Date(lab.createdAt) : undefined,
        onDestroyed: lab ? () => removeLab(io.cwd, lab) : undefined,
      });
      return DESTROY_EXIT_CODES[outcome];
    },
  };
}

export const destroyCommand: Command = createDestroyCommand(PROCESS_DEPS);
