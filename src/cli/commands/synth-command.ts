import { synthesize } from '../../synth/synthesize';
import { EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, TARGET_OPTION_HELP, parseOptions, prepareRun } from '../common-options';
import { formatSynthSummary } from '../format-synth-summary';

export const synthCommand: Command = {
  name: 'synth',
  summary: 'validate the spec and write cdktf.out/stacks/<target>/ and dist/k8s/<target>/',
  help: `Usage: orquesta synth [--app <file>] [--target <t>] [--offline-plan]

Validates the whole spec (every problem is reported at once, exit 2, nothing written), then
synthesizes each target's Terraform stack (cdktf.out/stacks/<target>/cdk.tf.json) and Kubernetes
manifests (dist/k8s/<target>/). Output is built in .orquesta/tmp-* and swapped into place only
when every target succeeded.

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  --offline-plan      add provider settings for 'terraform plan' with fake credentials
                      (CI checks only; never deploy such a stack)
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const opts = parseOptions(argv, {
      app: { type: 'string' },
      target: { type: 'string' },
      'offline-plan': { type: 'boolean' },
    });
    const run = prepareRun(opts.app, opts.target, io.cwd);
    const started = process.hrtime.bigint();
    const results = synthesize(run.spec, run.targets, { root: io.cwd, offlinePlan: opts['offline-plan'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    io.out(formatSynthSummary(run, results, ms, io.cwd));
    return EXIT_OK;
  },
};
