import { EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, TARGET_OPTION_HELP, parseOptions, prepareRun } from '../common-options';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the spec and report every problem (exit 2 when invalid); writes nothing',
  help: `Usage: orquesta validate [--app <file>] [--target <t>]

Checks the whole spec, including each target's own limits (e.g. requests must fit on one node),
and lists every problem with its path, the value received and what is allowed.

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const opts = parseOptions(argv, { app: { type: 'string' }, target: { type: 'string' } });
    const run = prepareRun(opts.app, opts.target, io.cwd);
    io.out(`${run.origin}: valid for ${run.targets.map((t) => t.id).join(', ')}`);
    return EXIT_OK;
  },
};
