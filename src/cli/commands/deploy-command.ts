import { ROLLOUT_TIMEOUT_SECONDS, deploy } from '../../lifecycle/deploy';
import { BACKEND_OPTION_HELP } from '../../lifecycle/backend-option';
import { ADDRESS_TIMEOUT_MS } from '../../lifecycle/wait-for-address';
import { prepareAppSpec } from '../../targets/validate-for-targets';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../command';
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

export function createDeployCommand(deps: LifecycleDeps): Command {
  return {
    name: 'deploy',
    summary: 'synth, terraform apply, fetch cluster credentials and kubectl apply one target',
    help: `Usage: orquesta deploy --target <t> [--app <file>] [--backend <url>] [--quiet]

Deploys the workload to one target, step by step:
  [1/7] synth                         cdktf.out/stacks/<t>/ and dist/k8s/<t>/ (this target only)
  [2/7] terraform init                in cdktf.out/stacks/<t>/
  [3/7] terraform apply               of a saved plan; then the manifests are synthesized again
                                      with the stack outputs (IRSA role ARN, Azure client id)
  [4/7] credentials                   aws eks update-kubeconfig | gcloud container clusters
                                      get-credentials | az aks get-credentials + kubelogin |
                                      the kops-style admin kubeconfig from the state bucket,
                                      always into .orquesta/kube/<t>.yaml (your default
                                      kubeconfig is never changed)
  [5/7] platform add-ons              the target's pinned add-ons: helm upgrade --install --wait,
                                      or kubectl apply --server-side; terraform ones are listed
  [6/7] kubectl apply --server-side   the workload's Namespace first, then the rest; waits for
                                      'kubectl rollout status' (up to ${ROLLOUT_TIMEOUT_SECONDS / 60} minutes)
  [7/7] wait for the address          until the LoadBalancer Service or Ingress has one (up to
                                      ${ADDRESS_TIMEOUT_MS / 60_000} minutes), then prints the URL
Terraform and the cloud CLIs use your own credentials and settings (AWS_PROFILE, gcloud and az
logins, TF_CLI_CONFIG_FILE); set ORQUESTA_TERRAFORM / ORQUESTA_KUBECTL / ORQUESTA_HELM to use
other binaries.
If a step fails, orquesta prints the failed command, the end of its output and how to resume;
every step is idempotent, so resuming means running the same command again.
To deploy a lab that expires, use 'orquesta lab up'.

Options:
${SINGLE_TARGET_HELP}
${APP_OPTION_HELP}
${BACKEND_OPTION_HELP}
${QUIET_OPTION_HELP}
  --allow-replace     apply a plan that replaces the cluster or most of its etcd members (refused otherwise)
  -h, --help          show this help

Exit codes: 0 deployed, 1 a step failed, 2 invalid spec or usage (nothing was run).`,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const opts = parseOptions(argv, {
        app: { type: 'string' },
        target: { type: 'string' },
        backend: { type: 'string' },
        quiet: { type: 'boolean' },
        'allow-replace': { type: 'boolean' },
      });
      const target = parseSingleTarget(opts.target);
      const spec = prepareAppSpec(loadRawSpec(opts.app, io.cwd).raw, [target]);
      const backend = parseBackend(opts.backend, io.cwd, target, spec.cluster.regions.aws);
      const result = await deploy(target, {
        ...lifecycleContext(io, deps, opts.quiet),
        spec,
        backend,
        rerun: rerunLine(['deploy'], argv),
        allowReplace: opts['allow-replace'],
      });
      return result.ok ? EXIT_OK : EXIT_FAILURE;
    },
  };
}

export const deployCommand: Command = createDeployCommand(PROCESS_DEPS);
